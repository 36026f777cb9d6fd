package org.vmguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.FakeOpenStack;
import picocli.CommandLine;

/**
 * The scale benchmark of bench/cloud.sh: a fake cloud with SERVERS servers, two ports each, groups
 * of 20 rules (RULES in all) and a floating IP on every fifth server, audited end to end by
 * {@code vmguard cloud audit}; prints the wall time of the audit and the requests it made.
 */
public final class CloudAuditBench {

    private CloudAuditBench() {
    }

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rules = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (FakeOpenStack fake = new FakeOpenStack()) {
            FakeOpenStack.Region r = fake.region("RegionOne");
            fake.region("RegionTwo"); // empty: listed too
            int groups = rules / 20;
            String[] ports = {"tcp", "udp"};
            for (int g = 0; g < groups; g++) {
                String gid = String.format("00000000-0000-4000-a000-%012d", g);
                r.group(gid, g == 0 ? "default" : "group-" + g);
                for (int k = 0; k < 20; k++) {
                    String remote = k % 7 == 0 ? "0.0.0.0/0" : k % 7 == 1 ? "::/0" : "10." + (k % 200) + ".0.0/16";
                    int port = 1000 + (g * 20 + k) % 60000;
                    r.rule(gid, String.format("00000000-0000-4000-b000-%012d", g * 20 + k), "ingress",
                            remote.contains(":") ? "IPv6" : "IPv4", ports[k % 2], port, port + k % 3, remote);
                }
            }
            for (int s = 0; s < servers; s++) {
                String sid = String.format("00000000-0000-4000-c000-%012d", s);
                r.server(sid, "server-" + s, s % 3 == 0);
                for (int p = 0; p < 2; p++) {
                    String pid = String.format("00000000-0000-4000-d%03d-%012d", p, s);
                    r.port(pid, sid, "10." + (s / 250) + "." + (s % 250) + "." + (10 + p), true,
                            String.format("00000000-0000-4000-a000-%012d", (s * 2 + p) % Math.max(1, groups)));
                    if (p == 0 && s % 5 == 0) {
                        r.floatingIp(String.format("00000000-0000-4000-e000-%012d", s), "198.18." + (s / 250) + "." + (s % 250), pid);
                    }
                }
            }
            Map<String, String> env = Map.of("OS_AUTH_URL", fake.authUrl(), "OS_USERNAME", FakeOpenStack.USER,
                    "OS_PASSWORD", FakeOpenStack.PASSWORD, "OS_PROJECT_NAME", FakeOpenStack.PROJECT);
            Path tmp = Files.createTempDirectory("vmguard-bench");
            CloudConfig config = new CloudConfig(env, tmp, tmp);
            CommandLine cl = Main.commandLine(new CommandLine.IFactory() {
                @Override
                public <K> K create(Class<K> cls) throws Exception {
                    return cls == CloudAuditCommand.class ? cls.cast(new CloudAuditCommand(config))
                            : CommandLine.defaultFactory().create(cls);
                }
            });
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            Path report = tmp.resolve("report.json");
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            int rc = cl.execute("cloud", "audit", "--format", "json", "--output", report.toString(),
                    "--concurrency", String.valueOf(concurrency), "--fail-on", "none");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            long perServer = fake.requests().stream().filter(l -> l.matches("GET /compute/.*/servers/(?!detail$)[^/]+$")).count();
            long checksMs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile()).path("durationMs").asLong();
            System.out.printf("CPU %d ms (client and fake cloud together), checks %d ms of the wall time; load average %.1f%n",
                    cpuMs, checksMs, os.getSystemLoadAverage());
            System.out.printf("servers %d, ports %d, rules %d, floating IPs %d: audit in %d ms, exit %d, %d requests "
                    + "(%d per server), concurrency %d, report %d KB%n", servers, servers * 2, groups * 20, (servers + 4) / 5,
                    ms, rc, fake.requests().size(), perServer, concurrency, Files.size(report) / 1024);
            if (rc != 0 || perServer != 0) {
                System.out.println(err);
                System.exit(1);
            }
        }
    }
}
