package org.vmguard.probe;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * What a host answers on the network, the facts of the probe.* checks. Each question is asked
 * once, when a check first needs it, and its answer (or failure) is kept, so checks that need the
 * same exchange see the same answer. Thread-safe: the runner evaluates checks concurrently.
 */
public final class NetworkHost {

    /** The well-known TCP ports where a service speaks TLS from the first byte. */
    public static final List<Integer> TLS_PORTS = List.of(443, 465, 636, 853, 993, 995, 8443);

    /** The questions a probe asks; {@link LiveProbes} asks the network, tests give the answers as data. */
    public interface Probes {
        /** The ports of {@code ports} that accept a TCP connection, in order. */
        Probed<List<Integer>> openTcp(List<Integer> ports);

        Probed<SshServer> ssh();

        Probed<List<String>> sshAuthMethods();

        Probed<DnsAnswer> dnsRecursion();

        Probed<NtpAnswer> ntpMonlist();

        Probed<NtpAnswer> ntpReadvar();

        Probed<SmtpDialogue> smtpRelay();

        Probed<TlsServer> tls(int port);

        Probed<HttpPage> http(int port, boolean tls);
    }

    private final String name;
    private final InetAddress address;
    private final Probes probes;
    private final ConcurrentHashMap<String, FutureTask<Probed<?>>> answers = new ConcurrentHashMap<>();

    public NetworkHost(String name, InetAddress address, Probes probes) {
        this.name = name;
        this.address = address;
        this.probes = probes;
    }

    /** The name the user gave (or the address). */
    public String name() {
        return name;
    }

    public InetAddress address() {
        return address;
    }

    /** The address as written in evidence: "192.0.2.7", "2001:db8::7". */
    public String addressText() {
        return address.getHostAddress();
    }

    public Probed<List<Integer>> openTcp(List<Integer> ports) {
        return ask("tcp " + ports, () -> probes.openTcp(ports));
    }

    public Probed<SshServer> ssh() {
        return ask("ssh", probes::ssh);
    }

    public Probed<List<String>> sshAuthMethods() {
        return ask("ssh-auth", probes::sshAuthMethods);
    }

    public Probed<DnsAnswer> dnsRecursion() {
        return ask("dns", probes::dnsRecursion);
    }

    public Probed<NtpAnswer> ntpMonlist() {
        return ask("ntp-monlist", probes::ntpMonlist);
    }

    public Probed<NtpAnswer> ntpReadvar() {
        return ask("ntp-readvar", probes::ntpReadvar);
    }

    public Probed<SmtpDialogue> smtpRelay() {
        return ask("smtp", probes::smtpRelay);
    }

    public Probed<TlsServer> tls(int port) {
        return ask("tls " + port, () -> probes.tls(port));
    }

    public Probed<HttpPage> http(int port, boolean tls) {
        return ask("http " + port + " " + tls, () -> probes.http(port, tls));
    }

    @SuppressWarnings("unchecked")
    private <T> Probed<T> ask(String key, Supplier<Probed<T>> question) {
        FutureTask<Probed<?>> mine = new FutureTask<>(question::get);
        FutureTask<Probed<?>> task = answers.putIfAbsent(key, mine);
        if (task == null) {
            task = mine;
            task.run();
        }
        try {
            return (Probed<T>) task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probed.failed("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            return Probed.failed("internal error while probing (" + key + "): " + c);
        }
    }
}
