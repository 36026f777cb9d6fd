package org.vmguard.facts.sshd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random sshd configurations for the differential and property tests: a main file, include
 * files (some nested, some globbed), Match blocks of every criterion, duplicate and mixed-case
 * keywords, '=' separators, quotes and comments. Every include path is absolute inside the
 * test's own directory, so sshd never reads the host's /etc/ssh.
 */
final class ConfigGenerator {

    /** Keywords allowed inside Match, with value generators. */
    static final List<String> MATCH_KEYWORDS = List.of("PasswordAuthentication", "KbdInteractiveAuthentication",
            "ChallengeResponseAuthentication", "PermitEmptyPasswords", "PermitRootLogin", "X11Forwarding",
            "PubkeyAuthentication", "AllowAgentForwarding", "PermitTTY", "AllowTcpForwarding", "MaxAuthTries",
            "MaxSessions", "X11DisplayOffset", "ClientAliveCountMax", "ClientAliveInterval", "LogLevel", "Banner",
            "AllowUsers", "AllowGroups", "DenyUsers", "DenyGroups", "AuthorizedKeysFile", "GatewayPorts",
            "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes");
    static final List<String> GLOBAL_KEYWORDS = List.of("Port", "StrictModes", "UsePAM", "Ciphers", "MACs",
            "KexAlgorithms", "HostKeyAlgorithms", "LoginGraceTime", "TCPKeepAlive", "PrintMotd", "Compression");

    /** The release whose sshd runs the differential test (Debian 12). */
    static final OpensshVersion RELEASE = OpensshVersion.parse("OpenSSH_9.2", "test");

    private final Random r;
    private final Path dir;

    ConfigGenerator(Random r, Path dir) {
        this.r = r;
        this.dir = dir;
    }

    /** Writes a configuration and returns its main file. */
    Path write() throws IOException {
        Files.createDirectories(dir.resolve("inc/sub"));
        // nested: sub files are only included from include files
        for (int i = 0; i < 1 + r.nextInt(2); i++) {
            Files.writeString(dir.resolve("inc/sub/n" + i + ".conf"), body(true, false, 0));
        }
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve("inc/" + (char) ('a' + i) + ".conf"), body(true, true, 1));
        }
        Files.writeString(dir.resolve("inc/.hidden.conf"), "PasswordAuthentication yes\nPort 1\n");
        Files.writeString(dir.resolve("global.conf"), body(false, false, 1));
        Path main = dir.resolve("sshd_config");
        Files.writeString(main, mainBody());
        return main;
    }

    private String mainBody() {
        StringBuilder b = new StringBuilder();
        if (r.nextInt(4) == 0) {
            b.append("# generated\n\n");
        }
        int top = r.nextInt(8);
        boolean includedGlobal = false;
        for (int i = 0; i < top; i++) {
            switch (r.nextInt(7)) {
                case 0 -> b.append(include(r.nextBoolean() ? "inc/*.conf" : "inc/a.conf")).append('\n');
                case 1 -> {
                    if (!includedGlobal) {
                        b.append(include("global.conf")).append('\n');
                        includedGlobal = true;
                    }
                }
                case 2 -> b.append(directive(pick(GLOBAL_KEYWORDS))).append('\n');
                case 3 -> b.append(r.nextBoolean() ? "  # a comment\n" : "\n");
                default -> b.append(directive(pick(MATCH_KEYWORDS))).append('\n');
            }
        }
        b.append(body(false, true, 2));
        return b.toString();
    }

    /**
     * Lines of a file. {@code matchSafe}: only keywords allowed in Match (the file may be
     * included inside one). {@code includes}: 0 none, 1 the nested sub files, 2 the inc files.
     */
    private String body(boolean matchSafe, boolean includes, int level) {
        StringBuilder b = new StringBuilder();
        int lines = 2 + r.nextInt(10);
        boolean inMatch = false; // inside a Match that is not "all": only Match keywords
        for (int i = 0; i < lines; i++) {
            int k = r.nextInt(12);
            if (k == 0 || k == 11) {
                String m = matchLine();
                inMatch = !m.toLowerCase(Locale.ROOT).matches("match\\s*=?\\s*all.*");
                b.append(m).append('\n');
            } else if (k == 1 && includes) {
                String what = level >= 2 ? (r.nextBoolean() ? "inc/*.conf" : "inc/" + "abc".charAt(r.nextInt(3)) + ".conf")
                        : "inc/sub/*.conf";
                b.append(r.nextBoolean() ? " " : "").append(include(what)).append('\n');
            } else if (k == 2) {
                b.append(r.nextBoolean() ? "#PasswordAuthentication yes\n" : "\n");
            } else if (k == 3 && !matchSafe && !inMatch) {
                b.append(directive(pick(GLOBAL_KEYWORDS))).append('\n');
            } else {
                b.append(inMatch && r.nextBoolean() ? "    " : "").append(directive(pick(MATCH_KEYWORDS))).append('\n');
            }
        }
        return b.toString();
    }

    private String include(String rel) {
        String p = dir.resolve(rel).toString();
        if (rel.equals("inc/*.conf") && r.nextInt(3) == 0) {
            p = dir.resolve("inc") + "/[a-b].conf";
        }
        return word("Include") + sep() + p;
    }

    String matchLine() {
        if (r.nextInt(8) == 0) {
            return word("Match") + sep() + word("All") + (r.nextBoolean() ? " # everyone" : "");
        }
        int n = 1 + r.nextInt(3);
        StringBuilder b = new StringBuilder(word("Match"));
        for (int i = 0; i < n; i++) {
            String[] c = criterion();
            String arg = c[1];
            if (r.nextInt(6) == 0 && !arg.contains("\"")) {
                arg = "\"" + arg + "\"";
            }
            b.append(' ').append(word(c[0])).append(r.nextInt(5) == 0 ? "=" : " ").append(arg);
        }
        return b.toString();
    }

    private String[] criterion() {
        return switch (r.nextInt(7)) {
            case 0 -> new String[] {"User", pick(List.of("alice", "ali*", "!bob,*", "root", "alice,bob", "r??t",
                    "!root,*"))};
            case 1 -> new String[] {"Group", pick(List.of("root", "!root,*", "r*", "daemon,root", "wheel", "adm"))};
            case 2 -> new String[] {"Host", pick(List.of("*.example.com", "h.example.com", "!bad.example.com,*",
                    "H.Example.COM", "*.org"))};
            case 3 -> new String[] {"Address", pick(List.of("10.0.0.0/8", "10.1.2.3", "192.168.*",
                    "!10.9.0.0/16,10.0.0.0/8", "2001:db8::/32", "::1", "192.168.1.0/24,10.1.2.3/32", "!192.168.1.5,*"))};
            case 4 -> new String[] {"LocalAddress", pick(List.of("127.0.0.1", "10.0.0.0/8", "::1", "fe80::/10",
                    "127.*"))};
            case 5 -> new String[] {"LocalPort", pick(List.of("22", "2222"))};
            default -> new String[] {"RDomain", pick(List.of("rd*", "foo", "rd1,!rd2"))};
        };
    }

    String directive(String keyword) {
        String value = value(keyword);
        if (r.nextInt(8) == 0 && !value.contains(" ") && !value.contains("\"")) {
            value = "\"" + value + "\"";
        }
        String comment = r.nextInt(6) == 0 ? " # note" : "";
        return word(keyword) + sep() + value + comment;
    }

    private String value(String k) {
        return switch (k) {
            case "PermitRootLogin" -> pick(List.of("yes", "no", "prohibit-password", "without-password",
                    "forced-commands-only", "No"));
            case "AllowTcpForwarding" -> pick(List.of("yes", "no", "all", "local", "remote"));
            case "GatewayPorts" -> pick(List.of("yes", "no", "clientspecified"));
            case "Compression" -> pick(List.of("yes", "no", "delayed"));
            case "MaxAuthTries", "MaxSessions", "X11DisplayOffset", "ClientAliveCountMax" ->
                    Integer.toString(r.nextInt(12));
            case "ClientAliveInterval", "LoginGraceTime" -> pick(List.of("30", "2m", "1h", "90s", "0", "1m30s"));
            case "LogLevel" -> pick(List.of("INFO", "verbose", "DEBUG", "error", "QUIET", "debug3"));
            case "Banner" -> pick(List.of("none", "/etc/issue.net", "/srv/banner"));
            case "AllowUsers", "DenyUsers" -> String.join(" ", some(List.of("alice", "bob", "root", "c?rol", "dev*")));
            case "AllowGroups", "DenyGroups" -> String.join(" ", some(List.of("wheel", "sudo", "adm", "staff")));
            case "AuthorizedKeysFile" -> pick(List.of(".ssh/authorized_keys", "/etc/ssh/keys/%u",
                    ".ssh/authorized_keys .ssh/authorized_keys2", "none"));
            case "Port" -> pick(List.of("22", "2222", "0022", "8022"));
            case "Ciphers" -> algorithms(Algorithms.CIPHERS_ALL, List.of("*-cbc", "aes*", "3des-cbc"));
            case "MACs" -> algorithms(Algorithms.MACS_ALL, List.of("*-md5*", "hmac-sha1*", "umac-64*"));
            case "KexAlgorithms" -> algorithms(Algorithms.all("kexalgorithms", RELEASE),
                    List.of("*sha1*", "diffie-hellman-group1-sha1", "ecdh-*"));
            case "HostKeyAlgorithms", "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes" ->
                    pkAlgorithms(Algorithms.all("pubkeyacceptedalgorithms", RELEASE));
            default -> pick(List.of("yes", "no", "YES", "No"));
        };
    }

    private String algorithms(List<String> all, List<String> removals) {
        return switch (r.nextInt(4)) {
            case 0 -> "+" + String.join(",", some(all));
            case 1 -> "-" + String.join(",", some(removals));
            case 2 -> "^" + String.join(",", some(all));
            default -> String.join(",", some(all));
        };
    }

    private String pkAlgorithms(List<String> all) {
        List<String> pool = new ArrayList<>(all);
        pool.add("ssh-rsa*");
        pool.add("*-cert-v01@openssh.com");
        return switch (r.nextInt(4)) {
            case 0 -> "+" + String.join(",", some(pool));
            case 1 -> "-" + String.join(",", some(List.of("ssh-rsa*", "*cert*", "ecdsa-sha2-nistp521")));
            case 2 -> "^" + String.join(",", some(pool));
            default -> String.join(",", some(pool));
        };
    }

    private List<String> some(List<String> pool) {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(Math.min(3, pool.size()));
        for (int i = 0; i < n; i++) {
            out.add(pick(pool));
        }
        return out;
    }

    String word(String w) {
        return switch (r.nextInt(5)) {
            case 0 -> w.toLowerCase(Locale.ROOT);
            case 1 -> w.toUpperCase(Locale.ROOT);
            default -> w;
        };
    }

    private String sep() {
        return pick(List.of(" ", " ", "\t", "=", " = ", "  "));
    }

    <T> T pick(List<T> l) {
        return l.get(r.nextInt(l.size()));
    }

    /** A line sshd rejects, to check that both sides refuse the same configurations. */
    String invalidLine() {
        return pick(List.of("Port 2222", "PasswordAuthentication maybe", "MaxAuthTries many", "Bogus yes",
                "Match Colour blue", "Match Address 10.1.2.3/8", "Ciphers aes128-cbc-typo", "PermitRootLogin \"yes",
                "LocalPort 22", "Match User", "X11Forwarding yes no"));
    }
}
