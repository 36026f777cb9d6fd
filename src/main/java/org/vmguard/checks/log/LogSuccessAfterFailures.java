package org.vmguard.checks.log;

import org.vmguard.core.CheckInfo;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLogAnalysis;

public final class LogSuccessAfterFailures extends LogFindingCheck {

    static final CheckInfo INFO = CheckInfo.live(AuthLogAnalysis.SUCCESS_AFTER_FAILURES,
            "No login succeeded from an address that failed before", Severity.CRITICAL,
            "A successful SSH login from an address whose earlier attempts failed is how a guessed password "
                    + "looks in the logs: the likeliest sign that the VM is compromised.",
            "Treat the VM as compromised until shown otherwise: check the session (last, journalctl, the "
                    + "user's shell history), and if it was not the owner, follow the cloud's incident procedure "
                    + "(`vmguard cloud quarantine SERVER` snapshots and isolates it), rotate the account's password "
                    + "and keys, and turn password login off.",
            "Disable SSH password login - use keys", "Incident response: report and isolate a compromised VM");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    String what() {
        return "login(s) after failures from the same address";
    }
}
