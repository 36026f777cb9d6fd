package org.vmguard.facts.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/**
 * Our named.conf and unbound.conf readers against the real named-checkconf -p and
 * unbound-checkconf -o of Debian's bind9 and unbound packages: the package defaults and
 * deliberately tricky configurations.
 */
class DnsOracleTest {

    @TempDir
    Path dir;

    static final List<String> DEBIAN_BIND = List.of("named.conf", "named.conf.options", "named.conf.local",
            "named.conf.default-zones");

    static final List<String> TRICKY_BIND = List.of(
            // comments of three kinds, short CIDR forms, negation, nested lists, ACL names, quoting
            """
            // comment
            acl "trusted" { 10/8; 192.168.1.0/24; !192.168.1.5; };
            acl internal { trusted; localhost; };   # another
            options {
              directory "/var/cache/bind";
              /* multi
                 line */ recursion yes;
              allow-query { any; };
              listen-on port 53 { 127.0.0.1; 0.0.0.0/0; };
              listen-on-v6 { none; };
            };
            view "inside" {
              match-clients { internal; };
              allow-recursion { internal; ! { 10.1/16; }; any; };
              include "/etc/bind/extra.conf";
            };
            view "outside" {
              match-clients { !trusted; any; };
              recursion no;
            };
            """,
            // nested includes, statements on one line, IPv6 networks
            """
            include "/etc/bind/opts.conf";
            zone "example" { type master; file "/etc/bind/db.local"; allow-query { ::1; 2001:db8::/32; }; };
            """,
            // allow-query-cache and allow-recursion both set, blackhole, empty statements
            """
            options { directory "/var/cache/bind";;; allow-query-cache { localnets; }; allow-recursion { any; };
                      blackhole { 192.0.2.0/24; }; recursion yes; };
            """,
            // keys in address match lists, a controls block, strings with escaped quotes and comment markers
            """
            key "rndc-key" { algorithm hmac-sha256; secret "c2VjcmV0c2VjcmV0c2VjcmV0"; };
            controls { inet 127.0.0.1 port 953 allow { 127.0.0.1; } keys { "rndc-key"; }; };
            options { directory "/var/cache/bind"; version "not \"telling\" // # /* here"; allow-recursion { key "rndc-key"; 10.0.0.0/8; }; };
            """,
            // logging channels and categories, nested braces three deep
            """
            logging {
                channel "queries" { file "/var/log/named/q.log" versions 3 size 5m; severity info; print-time yes; };
                category queries { "queries"; };
            };
            options { directory "/var/cache/bind"; allow-query { 10/8; !10.1/16; { 192.168.0.0/16; }; }; };
            """,
            // forwarders with a port, forward only, IPv6 listen-on with a port
            """
            options {
                directory "/var/cache/bind";
                forwarders port 5353 { 192.0.2.53; 2001:db8::53 port 53; };
                forward only;
                listen-on-v6 port 5300 { ::1; 2001:db8::1; };
                allow-recursion { localhost; localnets; };
            };
            """,
            // a forward zone and a server block, options split over many lines with comments between
            """
            options
            # the options
            {
                directory   // where
                    "/var/cache/bind";
                recursion
                    /* yes, really */ yes;
            };
            server 192.0.2.1 { bogus yes; };
            zone "corp.example" { type forward; forward only; forwarders { 192.0.2.10; }; };
            """,
            // acl names used before their definition, and acls built of acls
            """
            options { directory "/var/cache/bind"; allow-recursion { "trusted"; }; };
            acl "office" { 198.51.100.0/24; };
            acl "trusted" { office; "vpn"; localhost; };
            acl vpn { 10.8.0.0/16; !10.8.99.0/24; };
            """,
            // views each with their own zones and recursion, match-clients with keys and negation
            """
            key "xfer" { algorithm hmac-sha256; secret "c2VjcmV0c2VjcmV0c2VjcmV0"; };
            options { directory "/var/cache/bind"; };
            view "internal" {
                match-clients { !key "xfer"; 10.0.0.0/8; 127.0.0.1; };
                recursion yes;
                zone "corp.example" { type master; file "/etc/bind/db.local"; };
            };
            view "external" {
                match-clients { any; };
                recursion no;
                zone "example.org" { type master; file "/etc/bind/db.local"; allow-query { any; }; };
            };
            """,
            // listen-on more than once (allowed: they add up), blanks before ';', an empty forwarders list
            """
            options { directory "/var/cache/bind" ; listen-on { 127.0.0.1; } ; listen-on port 5353 { any; }; allow-query { 10.0.0.0/8 ; } ; } ;
            zone "a" { type forward; forwarders { }; };
            """,
            // an option named reads once, given twice: refused by both
            """
            options { directory "/var/cache/bind"; allow-recursion { any; }; allow-recursion { none; }; };
            """,
            // an acl defined twice: refused by both
            """
            acl a { 10/8; };
            acl a { 11/8; };
            options { directory "/var/cache/bind"; allow-recursion { a; }; };
            """,
            // two options blocks: refused by both
            """
            options { directory "/var/cache/bind"; };
            options { recursion no; };
            """,
            // an acl name never defined: refused by both
            """
            options { directory "/var/cache/bind"; allow-recursion { nosuchacl; }; };
            """,
            // an unterminated block: named-checkconf refuses it, and so must we
            """
            options { directory "/var/cache/bind"; allow-recursion { any; };
            """,
            // a '}' too many: refused by both
            """
            options { directory "/var/cache/bind"; }; };
            """);

    static final Map<String, String> BIND_INCLUDES = Map.of(
            "extra.conf", "zone \"example\" { type master; file \"/etc/bind/db.local\"; };\n",
            "opts.conf", "options {\n directory \"/var/cache/bind\"; include \"/etc/bind/more.conf\";\n};\n",
            "more.conf", "allow-recursion { \"any\"; }; # from a nested include\n");

    @Test
    void debianBindDefaultsAgreeWithNamedCheckconf() throws Exception {
        Tools.require("/usr/bin/named-checkconf", "/usr/sbin/named-checkconf");
        Path root = bindRoot();
        for (String f : DEBIAN_BIND) {
            Files.writeString(root.resolve("etc/bind/" + f), resource("bind-debian12/" + f));
        }
        compareBind(root);
    }

    @Test
    void trickyBindConfigsAgreeWithNamedCheckconf() throws Exception {
        Tools.require("/usr/bin/named-checkconf", "/usr/sbin/named-checkconf");
        for (String conf : TRICKY_BIND) {
            Path root = bindRoot();
            Files.writeString(root.resolve("etc/bind/named.conf"), conf);
            compareBind(root);
        }
    }

    private Path bindRoot() throws IOException {
        Path root = Files.createTempDirectory(dir, "bind");
        Files.createDirectories(root.resolve("etc/bind"));
        Files.createDirectories(root.resolve("var/cache/bind"));
        Files.writeString(root.resolve("etc/bind/db.local"), "$TTL 1\n@ IN SOA localhost. root.localhost. 1 1 1 1 1\n@ IN NS localhost.\n");
        for (var e : BIND_INCLUDES.entrySet()) {
            Files.writeString(root.resolve("etc/bind/" + e.getKey()), e.getValue());
        }
        return root;
    }

    private void compareBind(Path root) throws Exception {
        String conf = Files.readString(root.resolve("etc/bind/named.conf"));
        Result r = exec("named-checkconf", "-t", root.toString(), "-p", "/etc/bind/named.conf");
        if (r.code() != 0) {
            // a file named refuses must be refused by us too, with our parse error (reading it, or evaluating it)
            assertThatThrownBy(() -> Bind.parse("/etc/bind/named.conf",
                    NamedConf.parse("/etc/bind/named.conf", conf, p -> read(root, p))).openRecursion())
                    .as("named-checkconf refused it (%s) but we did not:\n%s", r.out(), conf)
                    .isInstanceOf(org.vmguard.facts.ParseError.class);
            return;
        }
        String printed = r.out();
        NamedConf ours = NamedConf.parse("/etc/bind/named.conf", conf, p -> read(root, p));
        NamedConf theirs = NamedConf.parse("named-checkconf -p", printed);
        assertThat(canonical(ours.statements())).as("named.conf:\n%s\nnamed-checkconf -p:\n%s", conf, printed)
                .isEqualTo(canonical(theirs.statements()));
        // and the verdict on open recursion is the same on named's own rendering of the file
        assertThat(Bind.parse("ours", ours).openRecursion().map(Bind.Open::client))
                .isEqualTo(Bind.parse("theirs", theirs).openRecursion().map(Bind.Open::client));
    }

    private static Optional<String> read(Path root, String path) {
        try {
            Path p = root.resolve(path.substring(1));
            return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final Set<String> CONTAINERS = Set.of("options", "view", "zone", "controls", "logging", "server");

    /** Statements rendered canonically; named-checkconf reorders what containers hold, so those are sorted. */
    static List<String> canonical(List<NamedConf.Statement> statements) {
        List<String> out = new ArrayList<>();
        for (NamedConf.Statement s : statements) {
            out.add(render(s));
        }
        Collections.sort(out);
        return out;
    }

    static String render(NamedConf.Statement s) {
        StringBuilder b = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < s.words().size(); i++) {
            String w = s.words().get(i);
            if (w.equals("!") && i + 1 < s.words().size()) {
                words.add("!" + norm(s.words().get(++i)));
            } else {
                words.add(w.startsWith("!") ? "!" + norm(w.substring(1)) : norm(w));
            }
        }
        b.append(String.join(" ", words));
        s.block().ifPresent(children -> {
            List<String> rendered = new ArrayList<>(children.stream().map(DnsOracleTest::render).toList());
            if (CONTAINERS.contains(s.keyword())) {
                Collections.sort(rendered);
            }
            b.append(" {").append(String.join("; ", rendered)).append("}");
        });
        return b.toString();
    }

    private static String norm(String w) {
        if (w.matches("[0-9]+[kKmMgG]")) { // named-checkconf prints sizes in bytes
            long n = Long.parseLong(w.substring(0, w.length() - 1));
            int shift = switch (Character.toLowerCase(w.charAt(w.length() - 1))) {
                case 'k' -> 10;
                case 'm' -> 20;
                default -> 30;
            };
            return String.valueOf(n << shift);
        }
        if (w.matches("[0-9a-fA-F:.]+(/[0-9]+)?") && (w.contains(".") || w.contains(":") || w.contains("/"))) {
            return Cidr.parse(w).map(c -> java.util.Arrays.toString(c.address()) + "/" + c.prefix()).orElse(w);
        }
        return w;
    }

    @Test
    void unboundDefaultsAndTrickyConfigsAgreeWithUnboundCheckconf() throws Exception {
        Tools.require("/usr/sbin/unbound-checkconf");
        Path d = Files.createTempDirectory(dir, "unbound");
        Files.createDirectories(d.resolve("conf.d"));
        Files.writeString(d.resolve("conf.d/a.conf"), "server:\n\taccess-control: 192.168.0.0/16 deny\n  interface: 10.9.8.7\n");
        Files.writeString(d.resolve("conf.d/b.conf"), "remote-control:\n  control-enable: no\n");
        Files.createDirectories(d.resolve("plain"));
        Files.writeString(d.resolve("plain/acl.conf"), "  access-control: 203.0.113.0/24 allow\n  interface: ::1\n");
        List<String> configs = List.of(
                resource("unbound.conf.debian12").replace("/etc/unbound/unbound.conf.d/*.conf", d + "/conf.d/*.conf"),
                """
                server:
                  interface: 0.0.0.0   # comment
                  access-control: 0.0.0.0/0 allow
                  access-control: "10.0.0.0/8" refuse
                include: "%s/conf.d/*.conf"
                server:
                  access-control: ::0/0 allow_snoop
                """.formatted(d),
                """
                remote-control:
                  control-interface: 127.0.0.1
                server:
                \tinterface: ::0
                    access-control: 2001:db8::/32 allow   # "quoted # is a comment here"
                include-toplevel: "%s/conf.d/b.conf"
                  access-control: 172.16.0.0/12 allow
                """.formatted(d),
                """
                include-toplevel: "%s/conf.d/*.conf"
                server:
                  access-control: 172.16.0.0/12 allow
                  interface: 192.0.2.1@5353
                """.formatted(d),
                // several server clauses around other clauses; every access-control action
                """
                server:
                  access-control: 10.0.0.0/8 allow_snoop
                forward-zone:
                  name: "."
                  forward-addr: 192.0.2.53
                server:
                  access-control: 10.1.0.0/16 deny
                  access-control: 10.2.0.0/16 refuse_non_local
                  access-control: 10.3.0.0/16 allow_setrd
                  access-control: ::ffff:0:0/96 deny_non_local
                """,
                // quoting: values in quotes with spaces and # inside quotes
                """
                server:
                    interface: "0.0.0.0"
                    access-control: "0.0.0.0/0" "refuse"
                    local-zone: "example. " static
                    module-config: "validator iterator"   # two modules, one value
                """,
                // comments everywhere, tabs, blank lines, keyword case
                """
                # a comment first

                server:	# a comment after the clause
                	interface:	::1
                	access-control:	::1 allow	# ok

                	access-control: 2001:db8::/32 refuse
                """,
                // an include of a plain file, not a glob
                """
                server:
                  interface: 127.0.0.1
                include: "%s/conf.d/a.conf"
                """.formatted(d),
                // indentation means nothing: an unindented option still belongs to the open server clause
                """
                server:
                  interface: 127.0.0.1
                access-control: 0.0.0.0/0 allow
                """,
                // unbound reads words, not lines: several statements on one line, values on the next lines,
                // no blank after the colon, and a '#' inside a word is part of it
                """
                server: interface: 127.0.0.1 access-control: 10.0.0.0/8 allow
                forward-zone: name: "." forward-addr: 192.0.2.1 server: interface: ::0
                server:
                  access-control:
                     192.168.0.0/16
                     allow_snoop   # the action on a line of its own
                  access-control:172.16.0.0/12 refuse
                  local-zone: "example." static interface: 127.0.0.9
                """,
                // ip-address is interface by another name
                """
                server:
                  ip-address: 0.0.0.0
                  ip-address: "::1"
                  access-control: 0.0.0.0/0 allow
                """,
                // the same netblock twice, and 10.0.0.1/8 (host bits set) naming the same netblock
                """
                server:
                  interface: 0.0.0.0
                  access-control: 10.0.0.0/8 allow
                  access-control: 10.0.0.0/8 refuse
                  access-control: 10.0.0.1/8 deny
                """,
                // an include: of a file with no clause header continues the clause that was open
                """
                server:
                  interface: 127.0.0.1
                include: "%s/plain/acl.conf"
                """.formatted(d),
                // include-toplevel ends the clause: what follows needs a new clause header
                """
                server:
                  interface: 127.0.0.1
                include-toplevel: "%s/conf.d/b.conf"
                server:
                  access-control: 0.0.0.0/0 allow_setrd
                """.formatted(d),
                // keywords are lower case: unbound does not know Access-Control
                """
                server:
                  Access-Control: 10.0.0.0/8 allow
                """,
                // an action unbound does not know, and actions are case-sensitive
                """
                server:
                  access-control: 10.0.0.0/8 ALLOW
                """,
                // access-control belongs in server:, nowhere else
                """
                server:
                  interface: 10.0.0.1
                remote-control:
                  access-control: 10.0.0.0/8 allow
                """,
                // an access-control with its action missing at the end of the file
                """
                server:
                  access-control: 10.0.0.0/8
                """,
                // a quoted value left open at the end of the line
                """
                server:
                  interface: "0.0.0.0
                  access-control: 0.0.0.0/0 allow
                """,
                // an include of a file that does not exist (a glob that matches nothing is fine)
                """
                server:
                  include: "%s/conf.d/nothere*.conf"
                  include: "%s/nothere.conf"
                """.formatted(d, d),
                // a line with no colon: refused by both
                """
                server:
                  interface 127.0.0.1
                """);
        for (String conf : configs) {
            Path f = d.resolve("unbound.conf");
            Files.writeString(f, conf);
            Result check = exec("unbound-checkconf", f.toString());
            if (check.code() != 0) {
                assertThatThrownBy(() -> UnboundConf.parse(f.toString(), conf, files()))
                        .as("unbound-checkconf refused it (%s) but we did not:\n%s", check.out(), conf)
                        .isInstanceOf(org.vmguard.facts.ParseError.class);
                continue;
            }
            UnboundConf ours = UnboundConf.parse(f.toString(), conf, files());
            for (String option : List.of("access-control", "interface")) {
                List<String> theirs = new ArrayList<>(run("unbound-checkconf", "-o", option, f.toString()).lines()
                        .filter(l -> !l.isBlank()).toList());
                List<String> mine = new ArrayList<>(ours.all(option).stream().map(e -> e.value().replaceAll("\\s+", " ")).toList());
                Collections.sort(theirs);
                Collections.sort(mine);
                assertThat(mine).as("%s of\n%s", option, conf).isEqualTo(theirs);
            }
        }
    }

    private static UnboundConf.Files files() {
        return new UnboundConf.Files() {
            @Override
            public List<String> glob(String pattern) {
                return globLocal(pattern);
            }

            @Override
            public Optional<String> read(String p) {
                try {
                    return Optional.of(Files.readString(Path.of(p)));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        };
    }

    private static List<String> globLocal(String pattern) {
        Path parent = Path.of(pattern).getParent();
        String name = Path.of(pattern).getFileName().toString();
        try (var s = Files.list(parent)) {
            var m = parent.getFileSystem().getPathMatcher("glob:" + name);
            return s.filter(p -> m.matches(p.getFileName())).map(Path::toString).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static String resource(String name) throws IOException {
        try (var in = DnsOracleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    record Result(int code, String out) {
    }

    static Result exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s said:\n%s", String.join(" ", argv), out).isZero();
        return out;
    }
}
