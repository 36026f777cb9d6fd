package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.net.Sockets;
import org.vmguard.facts.systemd.SystemdUnits;

public final class ServicePlaintext implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("service.plaintext",
            "No plaintext protocol listens on a public address", Severity.MEDIUM,
            "telnet, FTP, rsh/rlogin, POP3, IMAP and plain HTTP send passwords and data readable by anyone on "
                    + "the path; on a cloud VM that includes the whole Internet.",
            "Replace telnet/rsh with SSH and FTP with SFTP (apt-get purge telnetd vsftpd); offer POP3/IMAP only "
                    + "over TLS (ports 995/993); serve HTTP only as a redirect to HTTPS (certbot --apache or "
                    + "--nginx obtains a certificate).",
            "Use TLS: encrypt everything that crosses the network", "CIS Debian 12 2.2.x");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        Sockets sockets = host.fact(Sockets.KEY);
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        if (sockets.live()) {
            boolean https = sockets.exposed().stream().anyMatch(s -> s.protocol().equals("tcp") && (s.port() == 443 || s.port() == 8443));
            for (Sockets.Socket s : sockets.exposed()) {
                ServiceCatalogue.byPort(s.protocol(), s.port()).filter(ServiceCatalogue.Service::plaintext).ifPresent(svc -> {
                    if (svc.name().equals("http") && https) {
                        return; // plain http beside https is the usual redirect
                    }
                    what.add(svc.name() + " on " + s.endpoint());
                    ev.add(s.evidence());
                });
            }
            if (ev.isEmpty()) {
                return Outcome.pass("no plaintext protocol listens on a public address");
            }
            return Outcome.fail("plaintext protocol(s) on a public address: " + String.join(", ", what), ev);
        }
        SystemdUnits units = host.fact(SystemdUnits.KEY);
        for (ServiceCatalogue.Service svc : ServiceCatalogue.SERVICES) {
            if (!svc.plaintext()) {
                continue;
            }
            for (String unit : svc.units()) {
                SystemdUnits.State st = units.state(unit);
                if (st.enabled()) {
                    what.add(svc.name() + " (" + unit + ")");
                    ev.addAll(st.evidence());
                }
            }
        }
        if (ev.isEmpty()) {
            return Outcome.pass("no plaintext service (telnet, FTP, rsh, TFTP) is enabled; plain HTTP is judged by web.no-tls");
        }
        return Outcome.fail("enabled plaintext service(s): " + String.join(", ", what), ev);
    }
}
