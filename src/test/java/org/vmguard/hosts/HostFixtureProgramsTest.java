package org.vmguard.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmguard.testing.Tools;

/**
 * The weak and hardened Debian fixtures are real configurations: each program accepts its own
 * files (sshd, nft, httpd, nginx, rsyslogd, fail2ban, unbound, postconf), and where the program
 * can say what it will do, that agrees with the fixture's golden report (a pass in the report is
 * what the program says, a fail too). The programs read a copy of the fixture whose absolute
 * /etc and /var/log paths (in files and in symlinks) point into the copy; nothing listens.
 */
class HostFixtureProgramsTest {

    @TempDir
    Path dir;

    @AfterEach
    void removeLinks() {
        HostFixture.removeLinks(dir);
    }

    /** The copy, with the paths moved into it, and the golden report's statuses. */
    record Copy(Path root, Map<String, String> status) {
        Path at(String path) {
            return root.resolve(path.substring(1));
        }

        String p(String path) {
            return at(path).toString();
        }

        boolean passes(String id) {
            return "pass".equals(status.get(id));
        }
    }

    Copy copy(String name) throws IOException {
        HostFixture f = new HostFixture(name);
        Path root = f.install(dir.resolve("root")).toRealPath();
        String r = root.toString();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                if (Files.isSymbolicLink(p)) {
                    String t = Files.readSymbolicLink(p).toString();
                    if (t.startsWith("/etc/")) {
                        Files.delete(p);
                        Files.createSymbolicLink(p, Path.of(r + t));
                    }
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && p.startsWith(root.resolve("etc"))) {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    String moved = moved(root, text).replace("/var/log/", r + "/var/log/")
                            .replace("/var/spool/rsyslog", r + "/var/spool/rsyslog").replace("/run/nginx.pid", r + "/nginx.pid");
                    if (!moved.equals(text)) {
                        Files.writeString(p, moved, StandardCharsets.ISO_8859_1);
                    }
                }
            }
        }
        Files.createDirectories(root.resolve("var/spool/rsyslog"));
        JsonNode report = new ObjectMapper().readTree(f.expectedReport().toFile());
        Map<String, String> status = new java.util.HashMap<>();
        report.path("results").forEach(n -> status.put(n.path("id").asText(), n.path("status").asText()));
        return new Copy(root, status);
    }

    /** /etc/NAME… paths whose NAME the copy has (its own configuration, not the host's CA bundle) point into it. */
    static String moved(Path root, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w/.-])/etc/([\\w.+-]+)").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String to = Files.exists(root.resolve("etc").resolve(m.group(1)), LinkOption.NOFOLLOW_LINKS) ? root + m.group() : m.group();
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(to));
        }
        m.appendTail(out);
        return out.toString();
    }

    record Run(int exit, String out) {
    }

    static Run run(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", cmd[0]).isTrue();
        return new Run(p.exitValue(), out);
    }

    static Run run(String... cmd) throws IOException, InterruptedException {
        return run(Map.of(), cmd);
    }

    static String value(Run r, String key) {
        for (String l : r.out().split("\n")) {
            if (l.startsWith(key + " ")) {
                return l.substring(key.length() + 1).strip();
            }
        }
        return "";
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void sshdAgreesWithTheReport(String name) throws Exception {
        Path sshd = Tools.require("/usr/sbin/sshd");
        Path keygen = Tools.require("/usr/bin/ssh-keygen");
        Copy c = copy(name);
        Path key = dir.resolve("hostkey");
        assertThat(run(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).exit()).isZero();
        Run r = run(sshd.toString(), "-T", "-f", c.p("/etc/ssh/sshd_config"), "-h", key.toString(), "-C",
                "user=debian,host=client.example.org,addr=203.0.113.7");
        assertThat(r.exit()).as(r.out()).isZero();
        Run root = run(sshd.toString(), "-T", "-f", c.p("/etc/ssh/sshd_config"), "-h", key.toString(), "-C",
                "user=root,host=client.example.org,addr=203.0.113.7");
        assertThat(value(r, "passwordauthentication").equals("no")).isEqualTo(c.passes("ssh.password-auth"));
        assertThat(value(root, "permitrootlogin").equals("no")).isEqualTo(c.passes("ssh.root-login"));
        assertThat(value(r, "x11forwarding").equals("no")).isEqualTo(c.passes("ssh.x11-forwarding"));
        assertThat(Integer.parseInt(value(r, "maxauthtries")) <= 4).isEqualTo(c.passes("ssh.max-auth-tries"));
        assertThat(!value(r, "port").equals("22")).isEqualTo(c.passes("ssh.default-port"));
        assertThat(!value(r, "allowusers").isEmpty() || !value(r, "allowgroups").isEmpty())
                .isEqualTo(c.passes("ssh.allow-list"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void nftAcceptsTheRuleset(String name) throws Exception {
        Path nft = Tools.require("/usr/sbin/nft");
        Path unshare = Tools.require("/usr/bin/unshare");
        Copy c = copy(name);
        // checked (-c) in a network namespace of its own: nothing is loaded anywhere
        Run r = run(unshare.toString(), "-n", nft.toString(), "-c", "-f", c.p("/etc/nftables.conf"));
        assertThat(r.exit()).as(r.out()).isZero();
        boolean drops = Files.readString(c.at("/etc/nftables.conf")).contains("policy drop;");
        assertThat(drops).isEqualTo(c.passes("firewall.default-deny"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void httpdAcceptsTheConfigurationAndLoadsWhatTheReportSays(String name) throws Exception {
        Path httpd = Tools.require("/usr/sbin/apache2");
        Copy c = copy(name);
        for (String d : List.of("tmp-run", "tmp-lock")) {
            Files.createDirectories(c.root().resolve(d));
        }
        Run r = run(Map.of("APACHE_RUN_USER", "www-data", "APACHE_RUN_GROUP", "www-data", "APACHE_LOG_DIR",
                c.p("/var/log/apache2"), "APACHE_RUN_DIR", c.root() + "/tmp-run", "APACHE_PID_FILE",
                c.root() + "/tmp-run/pid", "APACHE_LOCK_DIR", c.root() + "/tmp-lock"), httpd.toString(), "-d",
                c.p("/etc/apache2"), "-f", c.p("/etc/apache2/apache2.conf"), "-t", "-D", "DUMP_MODULES", "-D",
                "DUMP_VHOSTS");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(!r.out().contains("userdir_module")).isEqualTo(c.passes("web.userdir"));
        if (c.passes("web.default-page")) {
            assertThat(r.out()).doesNotContain("000-default.conf");
        } else {
            assertThat(r.out()).contains("000-default.conf");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void nginxAcceptsTheConfiguration(String name) throws Exception {
        Path nginx = Tools.require("/usr/sbin/nginx");
        Path openssl = Tools.require("/usr/bin/openssl");
        Copy c = copy(name);
        // nginx -t loads the certificates a TLS server names; the fixture has none (they are issued per
        // VM): a throwaway pair stands in for them
        List<String> lines = new ArrayList<>();
        try (Stream<Path> sites = Files.list(c.at("/etc/nginx/sites-enabled"))) {
            for (Path s : sites.toList()) {
                lines.addAll(Files.readAllLines(s));
            }
        }
        String cert = null;
        String key = null;
        for (String l : lines) {
            String s = l.strip();
            if (s.startsWith("ssl_certificate ")) {
                cert = s.substring("ssl_certificate ".length(), s.length() - 1).strip();
            } else if (s.startsWith("ssl_certificate_key ")) {
                key = s.substring("ssl_certificate_key ".length(), s.length() - 1).strip();
            }
        }
        if (cert != null && key != null) {
            Path cp = c.at(cert);
            Path kp = c.at(key);
            Files.createDirectories(cp.getParent());
            Files.createDirectories(kp.getParent());
            assertThat(run(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=example.org",
                    "-days", "1", "-keyout", kp.toString(), "-out", cp.toString()).exit()).isZero();
            try (Stream<Path> sites = Files.list(c.at("/etc/nginx/sites-enabled"))) {
                for (Path s : sites.toList()) {
                    Path real = s.toRealPath();
                    Files.writeString(real, Files.readString(real).replace(cert, cp.toString()).replace(key, kp.toString()));
                }
            }
        }
        Run r = run(nginx.toString(), "-t", "-c", c.p("/etc/nginx/nginx.conf"));
        assertThat(r.exit()).as(r.out()).isZero();
        Run dump = run(nginx.toString(), "-T", "-c", c.p("/etc/nginx/nginx.conf"));
        boolean tokensOff = dump.out().lines().anyMatch(l -> l.strip().equals("server_tokens off;"));
        assertThat(tokensOff).isEqualTo(c.passes("web.server-tokens"));
        boolean autoindex = dump.out().lines().anyMatch(l -> l.strip().equals("autoindex on;"));
        assertThat(autoindex).isEqualTo(!c.passes("web.directory-listing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void rsyslogAndLogrotateAcceptTheConfiguration(String name) throws Exception {
        Path rsyslogd = Tools.require("/usr/sbin/rsyslogd");
        Path logrotate = Tools.require("/usr/sbin/logrotate");
        Copy c = copy(name);
        Run r = run(rsyslogd.toString(), "-N1", "-f", c.p("/etc/rsyslog.conf"));
        assertThat(r.exit()).as(r.out()).isZero();
        Run lr = run(logrotate.toString(), "-d", "-s", c.root() + "/logrotate.state", c.p("/etc/logrotate.d/rsyslog"));
        assertThat(lr.exit()).as(lr.out()).isZero();
        // logrotate's own account of auth.log's rotations: 13 weekly ones keep it 90 days or more
        String auth = lr.out().substring(lr.out().indexOf("/var/log/auth.log"));
        boolean long13 = auth.lines().limit(3).anyMatch(l -> l.contains("weekly (13 rotations)"));
        assertThat(long13).isEqualTo(c.passes("log.retention"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void fail2banReadsTheJailTheReportSays(String name) throws Exception {
        Path client = Tools.require("/usr/bin/fail2ban-client");
        Copy c = copy(name);
        Run r = run(client.toString(), "-c", c.p("/etc/fail2ban"), "-d");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out().contains("['add', 'sshd'")).isEqualTo(c.passes("firewall.sshd-jail"));
        boolean nftAction = r.out().contains("['set', 'sshd', 'addaction', 'nftables-multiport']");
        assertThat(nftAction).isEqualTo(c.passes("firewall.ban-effective"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"debian12-weak", "debian12-hardened"})
    void unboundAndPostfixAgreeWithTheReport(String name) throws Exception {
        Path checkconf = Tools.require("/usr/sbin/unbound-checkconf");
        Path postconf = Tools.require("/usr/sbin/postconf");
        Copy c = copy(name);
        // the trust anchor is fetched when unbound starts; an empty file satisfies the check
        Path anchor = dir.resolve("root.key");
        Files.writeString(anchor, "");
        Path conf = c.at("/etc/unbound/unbound.conf.d/root-auto-trust-anchor-file.conf");
        Files.writeString(conf, Files.readString(conf).replace("/var/lib/unbound/root.key", anchor.toString()));
        Run ifs = run(checkconf.toString(), "-o", "interface", c.p("/etc/unbound/unbound.conf"));
        assertThat(ifs.exit()).as(ifs.out()).isZero();
        boolean loopback = ifs.out().lines().allMatch(l -> l.equals("127.0.0.1") || l.equals("::1"));
        assertThat(loopback).isEqualTo(c.passes("dns.open-recursion"));
        Run pc = run(postconf.toString(), "-c", c.p("/etc/postfix"), "-h", "inet_interfaces");
        assertThat(pc.exit()).as(pc.out()).isZero();
        assertThat(pc.out().strip().equals("loopback-only")).isEqualTo(c.passes("mail.local-only"));
    }
}
