package org.vmguard.checks.log;

import org.vmguard.core.Check;
import org.vmguard.facts.Host;

class LogRootLoginTest extends AuthLogCheckContract {

    @Override
    Check<Host> check() {
        return new LogRootLogin();
    }

    @Override
    String attack() {
        return LogFixtures.BREAK_IN;
    }

    @Override
    String evidenceText() {
        return "Accepted password for root";
    }
}
