package org.vmguard.probe;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.vmguard.core.Evidence;

/** The probes of {@link NetworkHost} as they go over the network to one address. */
public final class LiveProbes implements NetworkHost.Probes {

    /**
     * How the probes behave.
     *
     * @param dnsName a name the host is not authoritative for, asked recursively
     * @param smtpFrom and {@code smtpTo}: an outside sender and recipient for the relay test
     */
    public record Settings(int sshPort, Duration timeout, int parallel, String dnsName, String heloName,
            String smtpFrom, String smtpTo, String sshUser) {

        public static final Settings DEFAULTS = new Settings(22, Duration.ofSeconds(3), 64, "www.example.com",
                "probe.vmguard.invalid", "probe@example.org", "probe@example.net", "vmguard-probe");

        public Settings withSshPort(int port) {
            return new Settings(port, timeout, parallel, dnsName, heloName, smtpFrom, smtpTo, sshUser);
        }

        public Settings withTimeout(Duration t) {
            return new Settings(sshPort, t, parallel, dnsName, heloName, smtpFrom, smtpTo, sshUser);
        }

        public Settings withDnsName(String name) {
            return new Settings(sshPort, timeout, parallel, name, heloName, smtpFrom, smtpTo, sshUser);
        }
    }

    private final String name;
    private final InetAddress address;
    private final Settings settings;

    public LiveProbes(String name, InetAddress address, Settings settings) {
        this.name = name;
        this.address = address;
        this.settings = settings;
    }

    private InetSocketAddress at(int port) {
        return new InetSocketAddress(address, port);
    }

    @Override
    public Probed<List<Integer>> openTcp(List<Integer> ports) {
        List<Integer> open = PortScan.open(address, ports, settings.timeout(), settings.parallel());
        String text = open.isEmpty()
                ? "none of " + ports.size() + " port(s) accepted a connection"
                : "accepted: " + String.join(", ", open.stream().map(String::valueOf).toList());
        return Probed.seen(open, Evidence.command("tcp connect " + address.getHostAddress() + " to "
                + ports.size() + " port(s) (" + summary(ports) + ")", text));
    }

    private static String summary(List<Integer> ports) {
        List<String> shown = ports.stream().limit(8).map(String::valueOf).toList();
        return String.join(", ", shown) + (ports.size() > shown.size() ? ", …" : "");
    }

    @Override
    public Probed<SshServer> ssh() {
        return SshProbe.kexinit(at(settings.sshPort()), settings.timeout());
    }

    @Override
    public Probed<List<String>> sshAuthMethods() {
        return SshProbe.authMethods(at(settings.sshPort()), settings.sshUser(), settings.timeout());
    }

    @Override
    public Probed<DnsAnswer> dnsRecursion() {
        return DnsProbe.recursive(at(53), settings.dnsName(), settings.timeout());
    }

    @Override
    public Probed<NtpAnswer> ntpMonlist() {
        return NtpProbe.monlist(at(123), settings.timeout());
    }

    @Override
    public Probed<NtpAnswer> ntpReadvar() {
        return NtpProbe.readvar(at(123), settings.timeout());
    }

    @Override
    public Probed<SmtpDialogue> smtpRelay() {
        return SmtpProbe.relay(at(25), settings.heloName(), settings.smtpFrom(), settings.smtpTo(), settings.timeout());
    }

    @Override
    public Probed<TlsServer> tls(int port) {
        return TlsProbe.probe(at(port), name, settings.timeout());
    }

    @Override
    public Probed<HttpPage> http(int port, boolean tls) {
        return HttpProbe.get(at(port), name, tls, settings.timeout());
    }
}
