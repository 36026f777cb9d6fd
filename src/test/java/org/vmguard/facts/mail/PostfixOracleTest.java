package org.vmguard.facts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/**
 * Our main.cf and master.cf readers against the real postconf(1) of Debian's postfix package:
 * the package's own files, deliberately tricky ones, and seeded random ones.
 */
class PostfixOracleTest {

    @TempDir
    Path dir;

    /** Parameters postconf knows whose defaults do not depend on the machine. */
    static final List<String> PARAMS = List.of("smtpd_banner", "myorigin", "relayhost", "inet_interfaces",
            "inet_protocols", "mynetworks", "smtpd_relay_restrictions", "smtpd_recipient_restrictions",
            "smtpd_client_restrictions", "master_service_disable", "notify_classes", "alias_maps",
            "message_size_limit", "compatibility_level", "mynetworks_style", "smtpd_tls_security_level",
            "default_transport", "relay_transport");

    static final List<String> TRICKY = List.of(
            // continuation lines, comments and blank lines between them, trailing blanks
            "smtpd_banner = one\n  two   \n# comment\n\n\tthree\nmyorigin = $smtpd_banner\n",
            // the last definition wins
            "inet_interfaces = all\ninet_interfaces = loopback-only\n",
            // a # inside a value is part of it; an indented # line is a comment
            "smtpd_banner = a#b\n   # not part of it\nrelayhost = [mail.example]:587\n",
            // every spelling of a reference, and conditional forms
            "notify_classes = resource\nsmtpd_banner = $notify_classes ${notify_classes} $(notify_classes) x$$y\n"
                    + "myorigin = ${notify_classes?set} ${relayhost?set} ${notify_classes:unset} ${relayhost:unset}\n",
            "notify_classes = bounce\nmyorigin = ${notify_classes?{a b}:{c}} ${relayhost?{a b}:{c d}}\n",
            // Postfix 3 comparisons
            "compatibility_level = 3.6\nsmtpd_banner = ${{$compatibility_level} <level {2} ? {old} : {new}}\n"
                    + "myorigin = ${{$compatibility_level} >=level {3.6} ? {y} : {n}} ${{a} == {a} ? {eq} : {ne}}\n",
            // compatibility level decides defaults
            "compatibility_level = 0\n",
            "compatibility_level = 2\nmynetworks = 127.0.0.0/8, [::1]/128\n",
            // user-defined parameters used by known ones, defined after use
            "smtpd_relay_restrictions = $my_relay, reject\nmy_relay = permit_mynetworks\n  defer_unauth_destination\n",
            // white space around =, empty values, tabs
            "relayhost\t=\t\nmessage_size_limit=10240000\nsmtpd_banner =    spaced   out   \n",
            // whitespace-only line inside continuation, CRLF endings
            "smtpd_banner = a\r\n \r\n b\r\nmyorigin = c\r\n",
            "mynetworks = 0.0.0.0/0\nsmtpd_recipient_restrictions = permit_mynetworks,\n    reject_unauth_destination\n");

    @Test
    void debianDefaultMainCfAgreesWithPostconf() throws Exception {
        Tools.require("/usr/sbin/postconf");
        String main = resource("main.cf.debian12");
        compare(main, resource("master.cf.debian12"));
    }

    @Test
    void trickyMainCfFilesAgreeWithPostconf() throws Exception {
        Tools.require("/usr/sbin/postconf");
        for (String main : TRICKY) {
            compare("myhostname = host.example\n" + main, resource("master.cf.debian12"));
        }
    }

    @Test
    void seededRandomMainCfFilesAgreeWithPostconf() throws Exception {
        Tools.require("/usr/sbin/postconf");
        Random r = new Random(20261123);
        for (int n = 0; n < 60; n++) {
            compare("myhostname = host.example\n" + randomMain(r), resource("master.cf.debian12"));
        }
    }

    @Test
    void masterCfOverridesAgreeWithPostconfP() throws Exception {
        Tools.require("/usr/sbin/postconf");
        String master = """
                smtp      inet  n       -       y       -       -       smtpd
                  -o smtpd_relay_restrictions=permit
                # a comment between continuation lines

                   -o { smtpd_client_restrictions = permit_mynetworks, reject }
                127.0.0.1:submission inet n - y - - smtpd -o syslog_name=postfix/submission
                #2525 inet n - y - - smtpd
                [::1]:2526 inet n - y - - smtpd -o inet_interfaces=all
                pickup    unix  n       -       y       60      1       pickup
                """;
        Path d = write(resource("main.cf.debian12"), master);
        String expected = run("postconf", "-c", d.toString(), "-P");
        PostfixMaster m = PostfixMaster.parse("/etc/postfix/master.cf", master);
        StringBuilder ours = new StringBuilder();
        Map<String, String> sorted = new TreeMap<>();
        for (PostfixMaster.Service s : m.services()) {
            s.overrides().forEach((k, v) -> sorted.put(s.name() + "/" + s.type() + "/" + k, v));
        }
        sorted.forEach((k, v) -> ours.append(k).append(" = ").append(v).append('\n'));
        assertThat(sortLines(ours.toString())).isEqualTo(sortLines(expected));
        String services = run("postconf", "-c", d.toString(), "-M");
        assertThat(m.services().stream().map(s -> s.name() + "/" + s.type()).toList())
                .isEqualTo(services.lines().map(l -> l.split("\\s+")[0] + "/" + l.split("\\s+")[1]).toList());
    }

    private void compare(String main, String master) throws Exception {
        Path d = write(main, master);
        List<String> args = new ArrayList<>(List.of("postconf", "-c", d.toString(), "-xh"));
        args.addAll(PARAMS);
        List<String> theirs = run(args.toArray(String[]::new)).lines().toList();
        PostfixMain ours = PostfixMain.parse("/etc/postfix/main.cf", main);
        try {
            PARAMS.forEach(ours::expand);
        } catch (org.vmguard.facts.ParseError e) {
            // where we refuse a file (a parameter that refers to itself), postconf must refuse it too
            assertThat(theirs).as("postconf accepted what we refused (%s):\n%s", e.getMessage(), main).isEmpty();
            return;
        }
        assertThat(theirs).as("postconf output for\n%s", main).hasSize(PARAMS.size());
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (int i = 0; i < PARAMS.size(); i++) {
            String p = PARAMS.get(i);
            if (!ours.known(p) || p.equals("mynetworks") && ours.explicit(p).isEmpty()) {
                continue; // no default of ours (machine-dependent, such as mynetworks from the interfaces)
            }
            String a = ours.expand(p).replaceAll("\\s+", " ").strip();
            String b = theirs.get(i).replaceAll("\\s+", " ").strip();
            if (!a.equals(b)) {
                mismatches.put(p, "ours [" + a + "] postconf [" + b + "]");
            }
        }
        assertThat(mismatches).as("disagreements with postconf for main.cf:\n%s", main).isEmpty();
    }

    static String randomMain(Random r) {
        List<String> names = List.of("smtpd_banner", "myorigin", "relayhost", "notify_classes", "alias_maps",
                "smtpd_relay_restrictions", "smtpd_recipient_restrictions", "smtpd_client_restrictions",
                "master_service_disable", "my_var", "other_var");
        List<String> words = List.of("permit_mynetworks", "reject", "defer_unauth_destination", "all", "loopback-only",
                "127.0.0.1", "[::1]", "hash:/etc/aliases", "resource,", "software", "x#y", "inet", "smtp.inet");
        StringBuilder b = new StringBuilder();
        if (r.nextBoolean()) {
            b.append("compatibility_level = ").append(List.of("0", "1", "2", "3.6").get(r.nextInt(4))).append('\n');
        }
        int lines = 1 + r.nextInt(12);
        List<String> defined = new ArrayList<>(List.of("compatibility_level"));
        for (int i = 0; i < lines; i++) {
            switch (r.nextInt(6)) {
                case 0 -> b.append("# comment ").append(i).append('\n');
                case 1 -> b.append('\n');
                default -> {
                    String name = names.get(r.nextInt(names.size()));
                    b.append(name).append(List.of(" = ", "=", "\t=  ").get(r.nextInt(3)));
                    int n = r.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        int kind = r.nextInt(8);
                        String ref = defined.get(r.nextInt(defined.size()));
                        b.append(switch (kind) {
                            case 0 -> "$" + ref;
                            case 1 -> "${" + ref + "}";
                            case 2 -> "${" + ref + "?yes}";
                            case 3 -> "${" + ref + ":no}";
                            case 4 -> "${" + ref + "?{a b}:{c}}";
                            case 5 -> "\n  " + words.get(r.nextInt(words.size()));
                            default -> words.get(r.nextInt(words.size()));
                        });
                        b.append(' ');
                    }
                    b.append('\n');
                    if (!defined.contains(name) && !name.equals("my_var") || name.equals("my_var")) {
                        // only names defined before use, so no self-reference is generated
                        defined.add(name);
                    }
                }
            }
        }
        return b.toString().replace("\n\n  ", "\n  ");
    }

    private Path write(String main, String master) throws IOException {
        Path d = Files.createTempDirectory(dir, "pf");
        Files.writeString(d.resolve("main.cf"), main);
        Files.writeString(d.resolve("master.cf"), master);
        // postconf waits (~2 s, re-reading every 0.3 s) while main.cf is younger than a second or
        // two, as for a file still being edited: a file from the past is read at once
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(d.resolve("main.cf"), past);
        Files.setLastModifiedTime(d.resolve("master.cf"), past);
        return d;
    }

    static String resource(String name) throws IOException {
        try (var in = PostfixOracleTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String sortLines(String s) {
        return String.join("\n", s.lines().sorted().toList());
    }
}
