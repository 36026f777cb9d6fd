package org.vmguard.checks.log;

import org.vmguard.core.Check;
import org.vmguard.facts.Host;

class LogPasswordLoginTest extends AuthLogCheckContract {

    @Override
    Check<Host> check() {
        return new LogPasswordLogin();
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
