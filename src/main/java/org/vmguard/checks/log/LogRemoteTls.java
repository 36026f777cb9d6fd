package org.vmguard.checks.log;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.logging.Rsyslog;
import org.vmguard.facts.logging.Syslog;

public final class LogRemoteTls implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("log.remote-tls",
            "Logs forwarded to a remote host travel over TLS", Severity.MEDIUM,
            "Logs carry user names, addresses and sometimes secrets typed in the wrong field. Sent in clear text "
                    + "(UDP, or TCP without TLS) they can be read and forged by anyone on the path, and a forged log "
                    + "hides an intrusion.",
            "rsyslog: `action(type=\"omfwd\" target=\"HOST\" port=\"6514\" protocol=\"tcp\" StreamDriver=\"gtls\" "
                    + "StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/name\")` with the CA in "
                    + "`global(DefaultNetstreamDriverCAFile=…)` (package rsyslog-gnutls). syslog-ng: "
                    + "`network(\"HOST\" port(6514) transport(\"tls\") tls(ca-dir(\"/etc/ssl/certs\")))`.",
            "RFC 5425 (TLS transport for syslog)", "CIS Debian Linux 12 6.1.3.x (remote logging)");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Syslog syslog = host.fact(Syslog.KEY);
        if (syslog.daemons().isEmpty()) {
            return Outcome.skip("no syslog daemon (rsyslog, syslog-ng) is installed");
        }
        List<Evidence> plain = new ArrayList<>();
        List<Evidence> tls = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Syslog.Daemon d : syslog.daemons()) {
            if (!d.problem().isEmpty()) {
                return Outcome.error(d.name() + "'s configuration cannot be read: " + d.problem());
            }
            for (Rsyslog.Forward f : d.forwards()) {
                if (f.tls()) {
                    tls.add(f.evidence());
                } else {
                    plain.add(new Evidence(f.evidence().path(), f.evidence().line(), f.evidence().text() + " — "
                            + f.why(), null));
                    targets.add(f.target() + " (" + d.name() + ")");
                }
            }
        }
        if (!plain.isEmpty()) {
            return Outcome.fail("logs go to " + String.join(", ", targets) + " without TLS", plain);
        }
        if (tls.isEmpty()) {
            return Outcome.pass("logs are not forwarded to any remote host");
        }
        return Outcome.pass("every remote log destination uses TLS", tls);
    }
}
