package org.vmguard.probe;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Runs probes in a JVM of its own, started by a test inside a network namespace (a JVM cannot
 * move itself into one): {@code readvar|monlist HOST PORT MILLIS}... Prints one line a probe:
 * "readvar HOST Seen|Absent|Failed TAB entries TAB summary or reason".
 */
public final class ProbeFromNamespace {

    private ProbeFromNamespace() {
    }

    public static void main(String[] args) {
        for (int i = 0; i + 3 < args.length; i += 4) {
            InetSocketAddress at = new InetSocketAddress(args[i + 1], Integer.parseInt(args[i + 2]));
            Duration timeout = Duration.ofMillis(Long.parseLong(args[i + 3]));
            Probed<NtpAnswer> p = switch (args[i]) {
                case "readvar" -> NtpProbe.readvar(at, timeout);
                case "monlist" -> NtpProbe.monlist(at, timeout);
                default -> throw new IllegalArgumentException(args[i]);
            };
            String line = switch (p) {
                case Probed.Seen<NtpAnswer> s -> "Seen\t" + s.value().entries() + "\t" + s.value().summary();
                case Probed.Absent<NtpAnswer> a -> "Absent\t0\t" + a.reason();
                case Probed.Failed<NtpAnswer> f -> "Failed\t0\t" + f.reason();
            };
            System.out.println(args[i] + " " + args[i + 1] + " " + line);
        }
    }
}
