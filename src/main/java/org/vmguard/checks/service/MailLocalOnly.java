package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.mail.Listener;
import org.vmguard.facts.mail.MailServers;
import org.vmguard.facts.mail.Mta;

public final class MailLocalOnly implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("mail.local-only",
            "The mail server accepts connections only on localhost", Severity.HIGH,
            "A VM rarely needs to receive mail from the Internet. An MTA listening on a public address is "
                    + "attacked for relaying spam and for its own flaws, and gets the project's addresses blacklisted.",
            "postfix: set inet_interfaces = loopback-only in /etc/postfix/main.cf (and give no inet service in "
                    + "master.cf a public host part), then run postfix check && postfix reload. exim4 (Debian): set "
                    + "dc_local_interfaces='127.0.0.1 ; ::1' in /etc/exim4/update-exim4.conf.conf, then "
                    + "update-exim4.conf && systemctl restart exim4. sendmail: DAEMON_OPTIONS(`Addr=127.0.0.1') in "
                    + "sendmail.mc. OpenSMTPD: listen on lo.",
            "Mail servers should only listen on localhost", "CIS Debian 12 2.2.x: Ensure mail transfer agent is "
                    + "configured for local-only mode");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<Mta> mtas = host.fact(MailServers.KEY).mtas();
        if (mtas.isEmpty()) {
            return Outcome.skip("no mail server (postfix, exim, sendmail, OpenSMTPD) is installed");
        }
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (Mta m : mtas) {
            if (!m.unreadable().isEmpty()) {
                return Outcome.error(m.name() + ": " + m.unreadable());
            }
            LiveState state = LiveState.of(host, m.name(), m.listeners());
            what.addAll(state.exposed());
            ev.addAll(state.evidence());
        }
        if (!ev.isEmpty()) {
            return Outcome.fail("configured to accept connections beyond localhost: " + String.join(", ", what), ev);
        }
        return Outcome.pass(String.join(", ", mtas.stream().map(Mta::name).toList()) + " listen(s) on loopback only",
                mtas.stream().flatMap(m -> m.listeners().stream()).map(Listener::evidence).distinct().limit(5).toList());
    }
}
