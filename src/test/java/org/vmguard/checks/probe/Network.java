package org.vmguard.checks.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.vmguard.core.Evidence;
import org.vmguard.probe.DnsAnswer;
import org.vmguard.probe.HttpPage;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.NtpAnswer;
import org.vmguard.probe.Probed;
import org.vmguard.probe.SmtpDialogue;
import org.vmguard.probe.SshServer;
import org.vmguard.probe.TlsServer;

/**
 * The facts of a probe check given as data: what the host answered to each question. A question
 * the test gave no answer for fails the test, so a check cannot quietly depend on one it was
 * not meant to ask.
 */
final class Network implements NetworkHost.Probes {

    private Function<List<Integer>, Probed<List<Integer>>> tcp = ports -> unexpected("tcp " + ports);
    private Probed<SshServer> ssh;
    private Probed<List<String>> sshAuth;
    private Probed<DnsAnswer> dns;
    private Probed<NtpAnswer> monlist;
    private Probed<NtpAnswer> readvar;
    private Probed<SmtpDialogue> smtp;
    private final Map<Integer, Probed<TlsServer>> tls = new HashMap<>();
    private final Map<String, Probed<HttpPage>> http = new HashMap<>();

    static Evidence said(String exchange, String text) {
        return Evidence.command(exchange, text);
    }

    /** The ports of any list asked about that are in {@code open}. */
    Network open(Integer... open) {
        List<Integer> o = List.of(open);
        tcp = ports -> Probed.seen(ports.stream().filter(o::contains).toList(), said("tcp connect 192.0.2.7", "accepted: " + o));
        return this;
    }

    Network tcp(Probed<List<Integer>> answer) {
        tcp = ports -> answer;
        return this;
    }

    Network ssh(Probed<SshServer> a) {
        ssh = a;
        return this;
    }

    Network sshAuth(Probed<List<String>> a) {
        sshAuth = a;
        return this;
    }

    Network dns(Probed<DnsAnswer> a) {
        dns = a;
        return this;
    }

    Network ntp(Probed<NtpAnswer> monlist, Probed<NtpAnswer> readvar) {
        this.monlist = monlist;
        this.readvar = readvar;
        return this;
    }

    Network smtp(Probed<SmtpDialogue> a) {
        smtp = a;
        return this;
    }

    Network tls(int port, Probed<TlsServer> a) {
        tls.put(port, a);
        return this;
    }

    Network http(int port, boolean secure, Probed<HttpPage> a) {
        http.put(port + " " + secure, a);
        return this;
    }

    NetworkHost host() {
        return host("vm.example.org");
    }

    NetworkHost host(String name) {
        try {
            return new NetworkHost(name, InetAddress.getByAddress(name, new byte[] {(byte) 192, 0, 2, 7}), this);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T given(T answer, String question) {
        if (answer == null) {
            throw new AssertionError("the test gave no answer to: " + question);
        }
        return answer;
    }

    private static <T> Probed<T> unexpected(String question) {
        throw new AssertionError("the test gave no answer to: " + question);
    }

    @Override
    public Probed<List<Integer>> openTcp(List<Integer> ports) {
        return tcp.apply(ports);
    }

    @Override
    public Probed<SshServer> ssh() {
        return given(ssh, "ssh");
    }

    @Override
    public Probed<List<String>> sshAuthMethods() {
        return given(sshAuth, "ssh auth methods");
    }

    @Override
    public Probed<DnsAnswer> dnsRecursion() {
        return given(dns, "dns");
    }

    @Override
    public Probed<NtpAnswer> ntpMonlist() {
        return given(monlist, "ntp monlist");
    }

    @Override
    public Probed<NtpAnswer> ntpReadvar() {
        return given(readvar, "ntp readvar");
    }

    @Override
    public Probed<SmtpDialogue> smtpRelay() {
        return given(smtp, "smtp");
    }

    @Override
    public Probed<TlsServer> tls(int port) {
        return given(tls.get(port), "tls " + port);
    }

    @Override
    public Probed<HttpPage> http(int port, boolean secure) {
        return given(http.get(port + " " + secure), "http " + port + " " + secure);
    }
}
