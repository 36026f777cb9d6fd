package org.vmguard.facts.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

/**
 * Our nginx reader against the real {@code nginx -T} of Debian's nginx package: the files read,
 * in order, agree on the package defaults and on tricky configurations, and what nginx rejects
 * for its syntax we reject too. nginx runs only with -T (test and dump): nothing listens.
 */
class NginxOracleTest {

    @TempDir
    Path dir;

    record Verdict(boolean ok, List<String> files, String output) {
    }

    /** Runs nginx -T on a copy of the tree whose absolute /etc/nginx paths point into the copy. */
    Verdict nginx(Tree t) throws Exception {
        Path bin = Tools.require("/usr/sbin/nginx");
        Path copy = dir.resolve("nginx-" + System.nanoTime()).toAbsolutePath();
        Path src = t.at("/etc/nginx");
        try (var walk = Files.walk(src)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve("etc/nginx").resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.writeString(to, Files.readString(p).replace("/etc/nginx", copy + "/etc/nginx"));
                }
            }
        }
        Files.createDirectories(copy.resolve("logs"));
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "-T", "-q", "-p", copy + "/", "-c",
                copy + "/etc/nginx/nginx.conf", "-g", "error_log " + copy + "/logs/error.log;");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> files = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.startsWith("# configuration file ") && l.endsWith(":")) {
                files.add(l.substring("# configuration file ".length(), l.length() - 1).replace(copy.toString(), ""));
            }
        }
        return new Verdict(p.exitValue() == 0, files, out);
    }

    static NginxConfig ours(Tree t) {
        return NginxConfig.read(t.host(), "/etc/nginx/nginx.conf");
    }

    Verdict agree(Tree t) throws Exception {
        Verdict v = nginx(t);
        if (!v.ok()) {
            return v;
        }
        NginxConfig c = ours(t);
        assertThat(new ArrayList<>(new LinkedHashSet<>(c.includes()))).as(v.output()).containsExactlyElementsOf(v.files());
        return v;
    }

    @Test
    void debianPackageDefaultsAgreeWithNginx() throws Exception {
        Tree t = new Tree(dir.resolve("deb")).resources("web/debian12");
        Verdict v = agree(t);
        assertThat(v.ok()).as(v.output()).isTrue();
        NginxConfig c = ours(t);
        assertThat(c.servers()).hasSize(1);
        assertThat(NginxConfig.all(c.tree(), "ssl_protocols").get(0).args())
                .containsExactly("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    }

    static final String HEAD = "events {}\n";

    static final List<String> TRICKY = List.of(
            // includes relative to the directory of nginx.conf, globs sorted, dot files left out
            "http {\n include conf.d/*.conf;\n include sites/*;\n}\n",
            // quoted include path with a space, single quotes, escaped quote inside
            "http {\n include \"conf.d/with space.conf\";\n add_header X 'it\\'s';\n include 'conf.d/a.conf';\n}\n",
            // comments right after tokens, a # inside a quoted string, braces on their own lines
            "http # comment\n{\n  server_tokens off;# trailing\n  add_header X \"#notacomment\";\n  server\n  {\n"
                    + "    listen 127.0.0.1:8080;\n  }\n}\n",
            // include of a glob matching nothing is fine
            "http {\n include nothere/*.conf;\n include conf.d/a.conf;\n}\n",
            // nested includes, included twice
            "http {\n include conf.d/nest.conf;\n include conf.d/a.conf;\n}\n",
            // includes inside server and location blocks
            "http {\n server {\n  listen 127.0.0.1:8081;\n  include conf.d/loc.inc;\n  location / {\n"
                    + "   include conf.d/inner.inc;\n  }\n }\n}\n",
            // an absolute include path
            "http {\n include /etc/nginx/conf.d/a.conf;\n}\n",
            // multi-line directive arguments and tabs
            "http {\n\tlog_format main\n\t\t'$remote_addr'\n\t\t\"$request\";\n\tinclude\n\t\tconf.d/a.conf\n\t;\n}\n",
            // a glob in a middle component
            "http {\n include */b.conf;\n}\n",
            // variables and braces inside quotes
            "http {\n map $uri $x {\n  default \"{}\";\n  ~^/a  '1;2';\n }\n include conf.d/a.conf;\n}\n",
            // errors nginx and we both reject: unbalanced braces, missing ;, missing include file, stray ;
            "http {\n server {\n",
            "http {\n}\n}\n",
            "http {\n server_tokens off\n}\n",
            "http {\n include conf.d/missing.conf;\n}\n",
            "http {\n ;\n}\n",
            "http {\n add_header X \"unterminated;\n}\n");

    Tree trickyTree(int i, String main) {
        Tree t = new Tree(dir.resolve("t" + i));
        t.file("/etc/nginx/nginx.conf", HEAD + main);
        t.file("/etc/nginx/conf.d/a.conf", "# a\n");
        t.file("/etc/nginx/conf.d/b.conf", "# b\n");
        t.file("/etc/nginx/conf.d/.hidden.conf", "this would not parse\n");
        t.file("/etc/nginx/conf.d/with space.conf", "# spaced\n");
        t.file("/etc/nginx/conf.d/nest.conf", "include conf.d/a.conf;\ninclude conf.d/b.conf;\n");
        t.file("/etc/nginx/conf.d/loc.inc", "location /x { return 204; }\n");
        t.file("/etc/nginx/conf.d/inner.inc", "autoindex on;\n");
        t.file("/etc/nginx/sites/z", "server { listen 127.0.0.1:8082; }\n");
        t.file("/etc/nginx/sites/m", "server { listen 127.0.0.1:8083; }\n");
        return t;
    }

    @Test
    void trickyConfigurationsAgreeWithNginx() throws Exception {
        Tools.require("/usr/sbin/nginx");
        int broken = 6;
        for (int i = 0; i < TRICKY.size(); i++) {
            Tree t = trickyTree(i, TRICKY.get(i));
            Verdict v = agree(t);
            boolean bad = i >= TRICKY.size() - broken;
            assertThat(v.ok()).as(TRICKY.get(i) + v.output()).isEqualTo(!bad);
            if (bad) {
                assertThatThrownBy(() -> ours(t)).as(TRICKY.get(i)).isInstanceOf(ParseError.class)
                        .hasMessageContaining("/etc/nginx/");
            }
        }
    }

    /** Seeded random configurations (blocks, quoting, comments, line breaks, includes, some broken) against nginx -T. */
    @Test
    void seededRandomConfigurationsAgreeWithNginx() throws Exception {
        Tools.require("/usr/sbin/nginx");
        java.util.Random r = new java.util.Random(20261123);
        int accepted = 0;
        for (int n = 0; n < 120; n++) {
            Tree t = trickyTree(100 + n, "http {\n" + block(r, 0) + "}\n");
            if (r.nextInt(5) == 0) {
                String text = Files.readString(t.at("/etc/nginx/nginx.conf"));
                int at = r.nextInt(text.length());
                String junk = List.of(";", "}", "{", "\"", "'").get(r.nextInt(5));
                t.file("/etc/nginx/nginx.conf", text.substring(0, at) + junk + text.substring(at));
            }
            Verdict v = agree(t);
            if (v.ok()) {
                accepted++;
            } else if (v.output().contains("unexpected") || v.output().contains("open()")) {
                String cfg = Files.readString(t.at("/etc/nginx/nginx.conf"));
                assertThatThrownBy(() -> ours(t)).as(cfg + v.output()).isInstanceOf(ParseError.class);
            }
        }
        assertThat(accepted).isGreaterThan(60);
    }

    static String block(java.util.Random r, int depth) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            String ws = List.of(" ", "\t", "\n ", "  ").get(r.nextInt(4));
            switch (r.nextInt(depth < 2 ? 6 : 4)) {
                case 0 -> b.append("add_header").append(ws).append("X-").append(i).append(ws)
                        .append(List.of("v", "\"a b;{}\"", "'c#d'", "\"e\\\"f\"").get(r.nextInt(4))).append(";\n");
                case 1 -> b.append("# comment { ; ").append(i).append('\n');
                case 2 -> b.append("include").append(ws).append(List.of("conf.d/a.conf", "conf.d/*.conf", "\"conf.d/with space.conf\"",
                        "nothere/*.conf", "conf.d/nest.conf").get(r.nextInt(5))).append(";\n");
                case 3 -> b.append("add_header Y z always;").append(ws);
                default -> b.append(depth == 0 ? "server" : "location /l" + i).append(ws).append("{\n").append(block(r, depth + 1))
                        .append("}\n");
            }
        }
        return b.toString();
    }
}
