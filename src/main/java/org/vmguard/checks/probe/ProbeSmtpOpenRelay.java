package org.vmguard.checks.probe;

import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.SmtpDialogue;

public final class ProbeSmtpOpenRelay implements Check<NetworkHost> {

    static final CheckInfo INFO = CheckInfo.network("probe.smtp-open-relay",
            "The mail server refuses to relay a stranger's mail", Severity.CRITICAL,
            "An open relay sends anyone's mail to anyone: within hours of being found it carries spam, the "
                    + "VM's address lands on block lists and the cloud shuts the VM down. The probe plays an "
                    + "outside sender writing to an outside recipient and stops before DATA: no mail is sent.",
            "Relay only for your own networks and authenticated users: Postfix smtpd_relay_restrictions = "
                    + "permit_mynetworks permit_sasl_authenticated defer_unauth_destination with mynetworks = "
                    + "127.0.0.0/8 [::1]/128; or set inet_interfaces = loopback-only when the VM only sends "
                    + "its own mail.",
            "Nectar: Mail only on localhost", "RFC 5321 section 3.6");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(NetworkHost host) {
        return Answers.judge(host.smtpRelay(), seen -> {
            SmtpDialogue d = seen.value();
            if (d.relayAccepted()) {
                return Outcome.fail("the mail server on tcp/25 accepted a recipient at another domain from a sender "
                        + "at another domain (RCPT TO answered " + d.rcptCode() + ")", seen.evidence());
            }
            return Outcome.pass("the mail server on tcp/25 refused to relay (RCPT TO answered " + d.rcptCode() + ")",
                    seen.evidence());
        });
    }
}
