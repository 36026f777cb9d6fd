package org.vmguard.facts.sudoers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tools;

/**
 * Differential test: for random sudoers files (valid ones from sudoers(5)'s grammar and mutated
 * ones), our reader must agree with the real {@code visudo -c -f FILE} on whether the file is
 * valid. Defaults settings are drawn from names sudo knows: we do not check them (see README).
 */
class SudoersVisudoTest {

    static final int CASES = 400;
    static final long SEED = Long.getLong("sudoers.seed", 20261123L);

    @TempDir
    Path dir;

    static final String[] USERS = {"alice", "bob", "%sudo", "%wheel", "#1000", "%#27", "%:domusers", "+ng", "ALL",
        "\"carol\"", "ADMINS", "user.name", "svc-x"};
    static final String[] HOSTS = {"ALL", "web01", "10.0.0.0/8", "+ng", "SERVERS", "db01.example.org"};
    static final String[] RUNAS = {"", "(root) ", "(ALL) ", "(ALL:ALL) ", "(:wheel) ", "(root, !bob) ", "(OP) ", "() ",
        "( root : adm ) "};
    static final String[] OPTIONS = {"", "", "", "CWD=/tmp ", "TIMEOUT=5m ", "CWD=* ", "NOTBEFORE=2026010100Z ",
        "CHROOT=/srv ", "ROLE=sysadm_r "};
    static final String[] TAGS = {"", "", "NOPASSWD: ", "PASSWD: ", "NOEXEC:", "SETENV: ", "LOG_OUTPUT : ",
        "NOPASSWD:NOEXEC: ", "MAIL: ", "NOFOLLOW: "};
    static final String[] COMMANDS = {"ALL", "/bin/ls", "/usr/bin/less /var/log/*", "sudoedit /etc/hosts",
        "/usr/sbin/", "SHELLS", "!/usr/bin/su", "/bin/echo a\\,b", "/bin/echo a\\:b", "!SHELLS", "list",
        "sha224:0GomF8mNN3wlDt1HD9XldjJ3SNgpFdbjO1+NsQ== /bin/mt", "/usr/bin/passwd ^[a-z]+$", "/bin/true \"\"",
        "^/usr/bin/ap[a-z]*$", "! ALL", "/bin/kill -9 #1"};
    static final String[] DEFAULTS = {"Defaults env_reset", "Defaults:alice !authenticate", "Defaults@web01 log_year",
        "Defaults>root !set_logname", "Defaults!/bin/ls noexec", "Defaults env_keep += \"A B # C\"",
        "Defaults:%wheel, bob !lecture, timestamp_timeout=5", "Defaults\tsecure_path=\"/usr/bin:/bin\""};
    static final String[] ALIASES = {"User_Alias ADMINS = alice, %wheel, !bob", "Host_Alias SERVERS = web01, 10.1.0.0/16",
        "Runas_Alias OP = root, operator", "Cmnd_Alias SHELLS = /bin/sh, /bin/bash, \\\n\t/bin/zsh",
        "Cmnd_Alias PAGERS = /usr/bin/less : EDITORS = /usr/bin/vi", "Cmd_Alias VIEW = /usr/bin/view"};
    /** Replacements that make a valid line invalid, or valid in another way. */
    static final String[][] MUTATIONS = {{"=", ""}, {")", ""}, {"(", ""}, {"/bin/ls", "ls"}, {"ALL", "all"},
        {"NOPASSWD:", "NOPASWD:"}, {"User_Alias ADMINS", "User_Alias admins"}, {"Host_Alias SERVERS", "Host_Alias ALL"},
        {",", ",,"}, {"CWD=/tmp", "CWD=tmp"}, {"TIMEOUT=5m", "TIMEOUT=soon"}, {" = ", " == "}, {"\\,", "\\q"},
        {":", "::"}, {"alice", "alice bob"}, {"Defaults env_reset", "Defaults"}, {"(root)", "(root:)"},
        {"NOPASSWD: ", "NOPASSWD: (root) "}, {"/bin/echo a\\,b", "/bin/echo a,b"}};

    static final String[] PUNCTUATION = {",", "=", ":", "(", ")", "!", "#", "\\", "\"", " ", "%", "@", "A", "-", "\t"};

    @Test
    void everyGeneratedFileIsValidForUsExactlyWhenVisudoAcceptsIt() throws Exception {
        Path visudo = Tools.require("/usr/sbin/visudo", "/usr/bin/visudo");
        Random rnd = new Random(SEED);
        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        int unknownDefaults = 0;
        for (int i = 0; i < CASES; i++) {
            String text = file(rnd, i);
            Path f = dir.resolve("case" + i);
            Files.writeString(f, text);
            Files.writeString(dir.resolve("inc" + i), "bob ALL = /bin/ls\n");
            String[] verdict = visudo(visudo, f);
            boolean theirs = verdict[0].equals("0");
            Sudoers ours = Sudoers.read(f.toString(), disk(), "");
            boolean mine = ours.errors().isEmpty();
            valid += theirs ? 1 : 0;
            if (!theirs && verdict[1].contains("unknown defaults entry") && mine) {
                // we do not keep sudo's list of Defaults names (it grows with every release): a documented gap
                unknownDefaults++;
                continue;
            }
            if (mine != theirs) {
                disagreements.add("case " + i + ": visudo " + (theirs ? "accepts" : "rejects: " + verdict[1]) + ", we "
                        + (mine ? "accept" : "reject: " + ours.errors()) + "\n" + text);
            }
        }
        assertThat(disagreements).as("disagreements with visudo (seed %d)", SEED).isEmpty();
        assertThat(unknownDefaults).as("cases left out for a misspelt Defaults name").isLessThan(CASES / 20);
        assertThat(valid).as("both valid and invalid files are generated").isBetween(CASES / 5, CASES * 4 / 5);
    }

    /** The files as visudo sees them. */
    static Sudoers.Source disk() {
        return new Sudoers.Source() {
            @Override
            public java.util.Optional<String> read(String path) {
                try {
                    Path p = Path.of(path);
                    return Files.isRegularFile(p) ? java.util.Optional.of(Files.readString(p)) : java.util.Optional.empty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public List<String> list(String d) {
                try (var s = Files.list(Path.of(d))) {
                    return s.map(p -> p.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        };
    }

    /** {exit status, output} of visudo -c -f FILE. */
    static String[] visudo(Path visudo, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(visudo.toString(), "-c", "-f", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("visudo did not finish on " + file);
        }
        return new String[] {String.valueOf(p.exitValue()), new String(out, java.nio.charset.StandardCharsets.UTF_8).strip()};
    }

    String file(Random rnd, int n) {
        StringBuilder b = new StringBuilder();
        List<String> lines = new ArrayList<>();
        if (rnd.nextInt(3) == 0) {
            lines.add("# generated case " + n);
        }
        int aliases = rnd.nextInt(3);
        List<String> defined = new ArrayList<>();
        for (int i = 0; i < aliases; i++) {
            String a = pick(rnd, ALIASES);
            if (defined.contains(a) && rnd.nextInt(4) != 0) {
                continue; // a duplicate definition now and then (an error for sudo too)
            }
            defined.add(a);
            lines.add(a);
        }
        int defaults = rnd.nextInt(3);
        for (int i = 0; i < defaults; i++) {
            lines.add(pick(rnd, DEFAULTS));
        }
        int rules = 1 + rnd.nextInt(3);
        for (int i = 0; i < rules; i++) {
            lines.add(rule(rnd));
        }
        if (rnd.nextInt(8) == 0) {
            lines.add(rnd.nextBoolean() ? "@include " + dir.resolve("inc" + n) : "#include " + dir.resolve("missing" + n));
        }
        if (rnd.nextInt(10) == 0) {
            lines.add("@includedir " + dir.resolve("nodir"));
        }
        if (rnd.nextInt(4) == 0) {
            // a character inserted or deleted somewhere: the grammar's punctuation matters most
            int at = rnd.nextInt(lines.size());
            String l = lines.get(at);
            int pos = rnd.nextInt(l.length() + 1);
            lines.set(at, rnd.nextBoolean() && pos < l.length()
                    ? l.substring(0, pos) + l.substring(pos + 1)
                    : l.substring(0, pos) + pick(rnd, PUNCTUATION) + l.substring(pos));
        } else if (rnd.nextInt(3) == 0) {
            // one mutation, somewhere
            int at = rnd.nextInt(lines.size());
            String[] m = pick(rnd, MUTATIONS);
            lines.set(at, lines.get(at).replaceFirst(java.util.regex.Pattern.quote(m[0]),
                    java.util.regex.Matcher.quoteReplacement(m[1])));
        }
        for (String l : lines) {
            b.append(l).append(rnd.nextInt(6) == 0 ? "   # note\n" : "\n");
            if (rnd.nextInt(5) == 0) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    static String rule(Random rnd) {
        StringBuilder b = new StringBuilder();
        b.append(list(rnd, USERS, 1 + rnd.nextInt(2))).append(rnd.nextBoolean() ? " " : "\t");
        int privileges = 1 + (rnd.nextInt(4) == 0 ? 1 : 0);
        for (int p = 0; p < privileges; p++) {
            if (p > 0) {
                b.append(rnd.nextBoolean() ? " : " : ":");
            }
            b.append(list(rnd, HOSTS, 1 + rnd.nextInt(2))).append(rnd.nextBoolean() ? " = " : "=");
            int cmnds = 1 + rnd.nextInt(3);
            for (int c = 0; c < cmnds; c++) {
                if (c > 0) {
                    b.append(rnd.nextInt(4) == 0 ? ", \\\n\t" : ", ");
                }
                b.append(pick(rnd, RUNAS)).append(pick(rnd, OPTIONS)).append(pick(rnd, TAGS)).append(pick(rnd, COMMANDS));
            }
        }
        return b.toString();
    }

    static String list(Random rnd, String[] from, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add((rnd.nextInt(6) == 0 ? "!" : "") + pick(rnd, from));
        }
        return String.join(", ", out);
    }

    static <T> T pick(Random rnd, T[] from) {
        return from[rnd.nextInt(from.length)];
    }
}
