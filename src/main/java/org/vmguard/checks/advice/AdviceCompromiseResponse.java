package org.vmguard.checks.advice;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;

public final class AdviceCompromiseResponse implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("advice.compromise-response",
            "What to do if this host is compromised", Severity.INFO,
            "The first hour after a compromise decides whether its cause is ever found. Deleting the VM destroys the "
                    + "evidence; relaunching its image brings the intruder back.",
            "Stop the instance (do not delete it); snapshot the instance and its volumes; report to your cloud's "
                    + "security contact; find the way in before rebuilding; never relaunch the compromised image. "
                    + "`vmguard cloud quarantine SERVER` does the cloud steps.",
            "Nectar and Pouta incident response guidelines", "NIST SP 800-61r2");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        return Outcome.info("if this host is compromised: stop it (do not delete it), snapshot the instance and its "
                + "volumes, report it, find the vector before rebuilding, and never relaunch the compromised image",
                Evidence.note("`vmguard cloud quarantine SERVER` stops the server, snapshots it and its volumes and "
                        + "isolates its ports through the OpenStack API"),
                Evidence.note("report to your cloud's security contact (Nectar: support; CSC Pouta: "
                        + "servicedesk@csc.fi) with the time, the server id and what you saw"));
    }
}
