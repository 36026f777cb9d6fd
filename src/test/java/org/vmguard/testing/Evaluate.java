package org.vmguard.testing;

import org.vmguard.core.Check;
import org.vmguard.core.Outcome;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;

/** Runs a check the way the runner does: a fact that cannot be gathered becomes an error outcome. */
public final class Evaluate {

    private Evaluate() {
    }

    public static Outcome on(Check<Host> check, Host host) {
        try {
            return check.evaluate(host);
        } catch (FactException e) {
            return Outcome.error(e.getMessage());
        }
    }
}
