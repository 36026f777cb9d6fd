package org.vmguard.facts.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

/**
 * Our Apache reader against the real httpd of Debian's apache2 package: the include list in order
 * ({@code -D DUMP_INCLUDES}) and the loaded modules ({@code -D DUMP_MODULES}) agree on the package
 * defaults and on tricky configurations; what httpd rejects for its structure we reject too.
 * httpd runs only with -t (syntax check): nothing listens.
 */
class ApacheOracleTest {

    @TempDir
    Path dir;

    record Verdict(boolean ok, List<String> includes, Set<String> modules, String output, Set<String> vhosts,
            String docroot) {
    }

    /** Runs httpd -t on the tree's /etc/apache2, paths in its output made relative to the tree again. */
    Verdict httpd(Tree t) throws Exception {
        Path bin = Tools.require("/usr/sbin/apache2");
        Path root = t.root().toRealPath();
        for (String d : List.of("run", "log", "lock")) {
            Files.createDirectories(root.resolve("tmp-" + d));
        }
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "-d", root + "/etc/apache2", "-f",
                root + "/etc/apache2/apache2.conf", "-t", "-D", "DUMP_INCLUDES", "-D", "DUMP_MODULES", "-D", "DUMP_VHOSTS", "-D", "DUMP_RUN_CFG");
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "APACHE_RUN_USER", "www-data", "APACHE_RUN_GROUP",
                "www-data", "APACHE_LOG_DIR", root + "/tmp-log", "APACHE_RUN_DIR", root + "/tmp-run", "APACHE_PID_FILE",
                root + "/tmp-run/pid", "APACHE_LOCK_DIR", root + "/tmp-lock", "ROOT", root.toString()));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> inc = new ArrayList<>();
        Set<String> mods = new TreeSet<>();
        boolean inMods = false;
        Set<String> vhosts = new TreeSet<>();
        String docroot = "";
        java.util.regex.Matcher vm = java.util.regex.Pattern.compile("\\((/[^()]+:\\d+)\\)$").matcher("");
        for (String l : out.split("\n")) {
            String s = l.strip();
            if (s.startsWith("Main DocumentRoot: ")) {
                docroot = s.substring("Main DocumentRoot: ".length()).replace("\"", "").replace(root.toString(), "");
            }
            if (!inMods && vm.reset(s).find() && !s.startsWith("(")) {
                vhosts.add(vm.group(1).replace(root.toString(), ""));
            }
            if (s.startsWith("Loaded Modules:")) {
                inMods = true;
            } else if (inMods && s.matches("\\S+ \\((static|shared)\\)")) {
                mods.add(s.substring(0, s.indexOf(' ')));
            } else if (s.matches("\\((\\*|\\d+)\\) /.*")) {
                inc.add(s.substring(s.indexOf(' ') + 1).replace(root.toString(), ""));
            }
        }
        return new Verdict(p.exitValue() == 0, inc, mods, out, vhosts, docroot);
    }

    /** Our reader over the same tree: ${ROOT} is empty for us, the tree's path for httpd. */
    static ApacheConfig ours(Tree t) {
        return ApacheConfig.read(t.host(), "/etc/apache2/apache2.conf", "/etc/apache2",
                Map.of("APACHE_RUN_USER", "www-data", "APACHE_RUN_GROUP", "www-data", "APACHE_LOG_DIR", "/var/log/apache2",
                        "APACHE_RUN_DIR", "/run/apache2", "APACHE_PID_FILE", "/run/apache2/pid", "APACHE_LOCK_DIR",
                        "/run/lock/apache2", "ROOT", ""),
                Set.of());
    }

    Verdict agree(Tree t) throws Exception {
        Verdict v = httpd(t);
        if (!v.ok()) {
            // httpd rejected it; if that is for structure we must reject too, otherwise our lists must still agree
            try {
                ApacheConfig c = ours(t);
                assertThat(v.output()).as("httpd rejected what we accepted")
                        .doesNotContain("without matching").doesNotContain("Missing </")
                        .doesNotContain("No matches for the wildcard").doesNotContain("Could not open config");
                assertThat(c.includes()).startsWith(v.includes().toArray(String[]::new));
            } catch (ParseError e) {
                // both reject
            }
            return v;
        }
        ApacheConfig c = ours(t);
        assertThat(c.includes()).as(v.output()).containsExactlyElementsOf(v.includes());
        assertThat(new TreeSet<>(c.modules().keySet())).as(v.output()).isEqualTo(v.modules());
        Set<String> ourHosts = new TreeSet<>();
        c.virtualHosts().forEach(h -> ourHosts.add(h.path() + ":" + h.line()));
        assertThat(ourHosts).as(Files.readString(t.at("/etc/apache2/apache2.conf")) + v.output()).isEqualTo(v.vhosts());
        String ourRoot = c.lastServerLevel("DocumentRoot").map(d -> c.absolute(d.arg(0)))
                .orElse(ApacheSettings.DEFAULT_DOCROOT);
        assertThat(ourRoot).as(v.output()).isEqualTo(v.docroot());
        return v;
    }

    Tree debian() {
        return new Tree(dir).resources("web/debian12");
    }

    @Test
    void debianPackageDefaultsAgreeWithHttpd() throws Exception {
        Tree t = debian();
        agree(t);
        assertThat(ours(t).loaded("autoindex_module")).isTrue();
        assertThat(ours(t).loaded("ssl_module")).isFalse();
    }

    @Test
    void debianWithSslUserdirAndDefaultSslSiteAgreesWithHttpd() throws Exception {
        Tree t = debian();
        for (String m : List.of("ssl.load", "ssl.conf", "socache_shmcb.load", "userdir.load", "userdir.conf")) {
            t.file("/etc/apache2/mods-enabled/" + m, Files.readString(t.at("/etc/apache2/mods-available/" + m)));
        }
        t.file("/etc/apache2/sites-enabled/default-ssl.conf",
                Files.readString(t.at("/etc/apache2/sites-available/default-ssl.conf")));
        agree(t);
        assertThat(ours(t).loaded("userdir_module")).isTrue();
    }

    static final List<String> TRICKY = List.of(
            // a continuation line inside an IfModule, comments, mixed case
            "<ifmodule mod_alias.c>\n  # comment \\\n  Include \\\n   ${ROOT}/etc/apache2/extra/a.conf\n</IfModule>\n",
            // negation, an unknown module, nested conditions
            "<IfModule !mod_nothere.c>\n<IfModule alias_module>\nInclude extra/a.conf\n</IfModule>\n</IfModule>\n"
                    + "<IfModule nothere_module>\nInclude extra/missing.conf\n</IfModule>\n",
            // IfDefine with Define, Undefine and negation
            "Define WITH_B\n<IfDefine WITH_B>\nInclude extra/b.conf\n</IfDefine>\nUndefine WITH_B\n"
                    + "<IfDefine !WITH_B>\nInclude extra/a.conf\n</IfDefine>\n",
            // a module loaded after an IfModule that tests it: order matters
            "<IfModule userdir_module>\nInclude extra/a.conf\n</IfModule>\n"
                    + "LoadModule userdir_module /usr/lib/apache2/modules/mod_userdir.so\n"
                    + "<IfModule mod_userdir.c>\nInclude extra/b.conf\n</IfModule>\n",
            // IncludeOptional of nothing, of a glob matching nothing, of a directory
            "IncludeOptional extra/none*.conf\nIncludeOptional nothere/*.conf\nInclude extra/dir\n",
            // globs in the middle component
            "Include extra/*/*.conf\n",
            // quoted paths with spaces, single quotes
            "Include \"extra/with space.conf\"\nInclude 'extra/a.conf'\n",
            // an include of a file that includes another, relative to ServerRoot, and dot files
            "Include extra/c.conf\nIncludeOptional extra/dir/*\n",
            // ServerRoot changed: later relative includes follow it
            "ServerRoot ${ROOT}/etc/apache2/extra\nInclude a.conf\n",
            // Define with value used in an include path
            "Define SUB dir\nInclude extra/${SUB}/*.conf\n",
            // IfVersion
            "<IfVersion >= 2.4>\nInclude extra/a.conf\n</IfVersion>\n<IfVersion < 2.2>\nInclude extra/b.conf\n</IfVersion>\n",
            // IfFile
            "<IfFile extra/a.conf>\nInclude extra/b.conf\n</IfFile>\n<IfFile !extra/zz.conf>\nInclude extra/a.conf\n</IfFile>\n",
            // virtual hosts behind conditions, a quoted DocumentRoot relative to ServerRoot
            "DocumentRoot \"www root\"\n<VirtualHost *:8080>\nServerName a\n</VirtualHost>\n<IfModule alias_module>\n"
                    + "<VirtualHost 127.0.0.1:8081>\nServerName b\n</VirtualHost>\n</IfModule>\n<IfDefine NOPE>\n"
                    + "<VirtualHost *:8082>\n</VirtualHost>\n</IfDefine>\n",
            // a virtual host split by a continuation line, in an included file; DocumentRoot last one wins
            "DocumentRoot ${ROOT}/srv/one\nInclude extra/vh.conf\nDocumentRoot ${ROOT}/srv/two\n",
            // a true condition may stay open to the end of the file (httpd reads on without complaint)
            "<IfDefine !NOPE>\n<IfModule alias_module>\nInclude extra/a.conf\n",
            // errors: unbalanced sections, missing file, empty wildcard with Include
            "<VirtualHost *:80>\nServerName x\n",
            "</Directory>\n",
            "Include extra/missing.conf\n",
            "Include extra/nomatch*.conf\n",
            "<IfDefine NOPE>\nInclude extra/a.conf\n");

    Tree trickyTree(String main) {
        Tree t = new Tree(dir.resolve("t" + Integer.toHexString(main.hashCode())));
        t.file("/etc/apache2/apache2.conf", "ServerName localhost\nMutex file:${APACHE_LOCK_DIR} default\n"
                + "PidFile ${APACHE_PID_FILE}\nErrorLog ${APACHE_LOG_DIR}/error.log\n"
                + "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n"
                + "LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so\n"
                + "LoadModule alias_module /usr/lib/apache2/modules/mod_alias.so\n" + main);
        t.file("/etc/apache2/extra/a.conf", "# a\n");
        t.file("/etc/apache2/extra/b.conf", "LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so\n");
        t.file("/etc/apache2/extra/c.conf", "Include extra/a.conf\n<IfModule dir_module>\nInclude extra/b.conf\n</IfModule>\n");
        t.file("/etc/apache2/extra/with space.conf", "# spaced\n");
        t.file("/etc/apache2/extra/vh.conf", "# vhost\n<VirtualHost \\\n  127.0.0.1:8090>\nServerName c\n</VirtualHost>\n");
        t.dir("/etc/apache2/www root").dir("/srv/one").dir("/srv/two");
        t.file("/etc/apache2/extra/dir/2.conf", "# 2\n");
        t.file("/etc/apache2/extra/dir/1.conf", "# 1\n");
        t.file("/etc/apache2/extra/dir/.hidden.conf", "# hidden\n");
        t.file("/etc/apache2/extra/dir/sub/3.conf", "# 3\n");
        return t;
    }

    /** apache2.conf → conf-enabled/zz-chain.conf → chain/1.conf → … → chain/{@code links}.conf */
    Tree includeChain(int links) {
        Tree t = debian().file("/etc/apache2/conf-enabled/zz-chain.conf", "Include chain/1.conf\n");
        for (int i = 1; i < links; i++) {
            t.file("/etc/apache2/chain/" + i + ".conf", "Include chain/" + (i + 1) + ".conf\n");
        }
        return t.file("/etc/apache2/chain/" + links + ".conf", "ServerTokens Prod\n");
    }

    @Test
    void includesNestedAsDeeplyAsHttpdAllowsAreReadAndOneLevelMoreIsRejectedByBoth() throws Exception {
        // httpd's AP_MAX_INCLUDE_DEPTH is 128: chain/127.conf sits 128 files below apache2.conf
        Verdict deepest = agree(includeChain(127));
        assertThat(deepest.ok()).as(deepest.output()).isTrue();
        Tree tooDeep = includeChain(128);
        Verdict v = httpd(tooDeep);
        assertThat(v.ok()).isFalse();
        // its message ("Exceeded maximum include depth of 128") is cut off after many "Syntax error on line 1 of …"
        assertThat(v.output()).contains("chain/1.conf: Syntax error on line 1 of");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ours(tooDeep)).isInstanceOf(ParseError.class)
                .hasMessageContaining("includes nested too deeply");
    }

    @Test
    void trickyConfigurationsAgreeWithHttpd() throws Exception {
        Tools.require("/usr/sbin/apache2");
        for (int i = 0; i < TRICKY.size(); i++) {
            Tree t = trickyTree(TRICKY.get(i));
            Verdict v = agree(t);
            boolean broken = i >= TRICKY.size() - 5;
            assertThat(v.ok()).as(TRICKY.get(i) + v.output()).isEqualTo(!broken);
            if (broken) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> ours(t)).isInstanceOf(ParseError.class)
                        .hasMessageContaining("/etc/apache2/");
            }
        }
    }

    /** Seeded random nestings of conditions, Define/Undefine, LoadModule, includes and continuations against httpd. */
    @Test
    void seededRandomConfigurationsAgreeWithHttpd() throws Exception {
        Tools.require("/usr/sbin/apache2");
        java.util.Random r = new java.util.Random(20261123);
        int accepted = 0;
        StringBuilder why = new StringBuilder();
        for (int n = 0; n < 120; n++) {
            Verdict v = agree(trickyTree(body(r, 0)));
            accepted += v.ok() ? 1 : 0;
            if (!v.ok()) {
                why.append(v.output().lines().filter(l -> l.contains("rror")).findFirst().orElse("")).append('\n');
            }
        }
        assertThat(accepted).as(why.toString()).isGreaterThan(80);
    }

    static final List<String> MODULES = List.of("dir", "userdir", "autoindex", "env", "mime");

    static String body(java.util.Random r, int depth) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            String m = MODULES.get(r.nextInt(MODULES.size()));
            String neg = r.nextBoolean() ? "!" : "";
            switch (r.nextInt(depth < 3 ? 9 : 5)) {
                case 0 -> b.append("LoadModule ").append(m).append("_module \\\n  /usr/lib/apache2/modules/mod_").append(m)
                        .append(".so\n");
                case 1 -> b.append(List.of("Define D1\n", "Define D2 x\n", "UnDefine D1\n").get(r.nextInt(3)));
                case 2 -> b.append(List.of("Include extra/a.conf\n", "IncludeOptional extra/dir/*.conf\n",
                        "Include \"extra/with space.conf\"\n", "IncludeOptional extra/zz*.conf\n", "Include extra/c.conf\n")
                        .get(r.nextInt(5)));
                // a comment continued by a backslash swallows the next line, as in httpd
                case 3 -> b.append("# comment ").append(i).append(" \\\nServerName swallowed by the comment\n");
                case 4 -> b.append("<VirtualHost 127.0.0.1:").append(8000 + r.nextInt(50)).append(">\nServerName v").append(i)
                        .append("\n</VirtualHost>\n");
                case 5 -> b.append("<IfModule ").append(neg).append(r.nextBoolean() ? "mod_" + m + ".c" : m + "_module")
                        .append(">\n").append(body(r, depth + 1)).append("</IfModule>\n");
                case 6 -> b.append("<IfDefine ").append(neg).append(r.nextBoolean() ? "D1" : "D2").append(">\n")
                        .append(body(r, depth + 1)).append("</IfDefine>\n");
                case 7 -> b.append("<IfVersion ").append(List.of(">= 2.4", "< 2.4.10", "= 2.4", "!= 3")
                        .get(r.nextInt(4))).append(">\n").append(body(r, depth + 1)).append("</IfVersion>\n");
                default -> b.append("<Directory \"/srv/d").append(i).append("\">\n# only options here \\\n  still the comment\n"
                        + "Options \\\n  -Indexes\n</Directory>\n");
            }
        }
        return b.toString();
    }
}
