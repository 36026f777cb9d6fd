package org.vmguard.checks.log;

import org.vmguard.core.Check;
import org.vmguard.facts.Host;

class LogBruteforceTest extends AuthLogCheckContract {

    @Override
    Check<Host> check() {
        return new LogBruteforce();
    }

    @Override
    String attack() {
        return LogFixtures.BRUTE_FORCE;
    }

    @Override
    String evidenceText() {
        return "203.0.113.9";
    }
}
