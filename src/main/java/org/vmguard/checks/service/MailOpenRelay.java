package org.vmguard.checks.service;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.mail.MailServers;
import org.vmguard.facts.mail.Mta;

public final class MailOpenRelay implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("mail.open-relay",
            "The mail server does not relay mail for anyone", Severity.CRITICAL,
            "An open relay forwards anybody's mail: spammers find it within hours, the cloud's address "
                    + "ranges get blacklisted, and the project is held responsible for the abuse.",
            "postfix: keep mynetworks to trusted networks (mynetworks = 127.0.0.0/8 [::1]/128) and keep "
                    + "reject_unauth_destination (or defer_unauth_destination) in smtpd_relay_restrictions after "
                    + "permit_mynetworks and permit_sasl_authenticated; check any master.cf -o overrides; then "
                    + "postfix reload. exim4: dc_relay_nets='' in update-exim4.conf.conf. sendmail: remove "
                    + "FEATURE(`promiscuous_relay'). OpenSMTPD: relay only 'from local'.",
            "Mail servers should not relay for anyone", "CIS Debian 12 2.2.x");

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
        for (Mta m : mtas) {
            if (!m.unreadable().isEmpty()) {
                return Outcome.error(m.name() + ": " + m.unreadable());
            }
            if (m.openRelay().isPresent()) {
                return Outcome.fail(m.name() + " relays for any network: " + m.openRelay().get().reason(),
                        m.openRelay().get().evidence());
            }
        }
        return Outcome.pass(String.join(", ", mtas.stream().map(Mta::name).toList())
                + ": relaying is limited to trusted networks or authenticated clients");
    }
}
