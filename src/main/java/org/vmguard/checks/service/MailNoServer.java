package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.mail.MailServers;
import org.vmguard.facts.mail.Mta;

public final class MailNoServer implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("mail.no-server",
            "No mail server is installed and enabled", Severity.MEDIUM,
            "CSC Pouta's guidelines ask for no mail server at all on a VM: it is one more service to patch "
                    + "and to misconfigure, and mail from cloud addresses is rarely delivered anyway.",
            "Remove the MTA (apt-get purge postfix exim4-daemon-light sendmail-bin opensmtpd; dnf remove postfix "
                    + "sendmail), or at least disable it: systemctl disable --now postfix. Send notifications through "
                    + "an external mail service's API or an authenticated submission port instead.",
            "CSC Pouta security guidelines: do not run a mail server", "CIS Debian 12 2.2.x");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<Mta> mtas = host.fact(MailServers.KEY).mtas();
        if (mtas.isEmpty()) {
            return Outcome.pass("no mail server (postfix, exim, sendmail, OpenSMTPD) is installed");
        }
        List<Evidence> ev = new ArrayList<>();
        List<String> running = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (Mta m : mtas) {
            boolean off = m.enabled().isPresent() && !m.enabled().get();
            if (off) {
                disabled.add(m.name());
                continue;
            }
            running.add(m.name() + (m.enabled().isEmpty() ? " (installed; whether it starts at boot cannot be told)"
                    : " (installed and enabled)"));
            ev.add(m.binary());
            ev.addAll(m.enabledEvidence());
        }
        if (!running.isEmpty()) {
            return Outcome.fail(String.join(", ", running), ev);
        }
        return Outcome.pass("installed but not enabled: " + String.join(", ", disabled),
                mtas.stream().flatMap(m -> m.enabledEvidence().stream()).toList());
    }
}
