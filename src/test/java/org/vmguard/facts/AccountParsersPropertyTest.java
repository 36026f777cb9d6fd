package org.vmguard.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vmguard.facts.keys.KeyFormats;
import org.vmguard.facts.logins.LastLog;
import org.vmguard.facts.logins.Wtmp;
import org.vmguard.facts.sudoers.Sudoers;
import org.vmguard.facts.sudoers.SudoersFile;

/**
 * Property tests of the account, sudoers, login-record and key parsers: seeded random input and
 * real files mutated at random never make them throw anything but our {@link ParseError}, and
 * every error names the file and a line of it.
 */
class AccountParsersPropertyTest {

    static final int CASES = 1000;
    static final String ALPHABET = "abcXYZ_01#%!:,=()\\\" \t\n@/+-*.$^~ALLNOPASSWD:";

    static String resource(String p) {
        try {
            return Files.readString(Path.of("src/test/resources/accounts", p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static final List<String> SEEDS_TEXT = List.of(
            resource("sudo/sudoers"), resource("sudo/examples-sudoers"), resource("login/login.defs"),
            "root:x:0:0:root:/root:/bin/bash\nalice:$6$abc$def:19000:0:99999:7:::\n",
            "sudo:x:27:alice,bob\nwheel:x:10:\n",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop\n",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n",
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n",
            "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 2\n");

    static String randomText(Random rnd) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(400);
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(20) == 0 ? (char) rnd.nextInt(0x3000) : ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A real file with a few characters inserted, deleted or replaced, or a slice of it repeated. */
    static String mutated(Random rnd) {
        StringBuilder b = new StringBuilder(SEEDS_TEXT.get(rnd.nextInt(SEEDS_TEXT.size())));
        int edits = 1 + rnd.nextInt(8);
        for (int i = 0; i < edits; i++) {
            int at = rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(4)) {
                case 0 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 1 -> { if (at < b.length()) { b.deleteCharAt(at); } }
                case 2 -> { if (at < b.length()) { b.setCharAt(at, (char) rnd.nextInt(128)); } }
                default -> {
                    int end = Math.min(b.length(), at + rnd.nextInt(60));
                    b.insert(at, b.substring(at, end));
                }
            }
        }
        return b.toString();
    }

    static String input(Random rnd, int i) {
        return i % 2 == 0 ? randomText(rnd) : mutated(rnd);
    }

    static void only(String parser, String text, Runnable r) {
        try {
            r.run();
        } catch (ParseError e) {
            assertThat(e.path()).as(parser).isNotBlank();
            assertThat(e.line()).as(parser).isBetween(0, text.split("\n", -1).length + 1);
        } catch (RuntimeException | StackOverflowError e) {
            fail(parser + " threw " + e + " on:\n" + text, e);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void textParsersThrowNothingButParseErrors(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String t = input(rnd, i);
            only("Shadow", t, () -> Shadow.parse("/etc/shadow", t));
            only("Group", t, () -> Group.parse("/etc/group", t));
            only("Passwd", t, () -> Passwd.parse("/etc/passwd", t));
            only("LoginDefs", t, () -> {
                LoginDefs d = LoginDefs.parse("/etc/login.defs", t);
                d.uidMin();
                d.uidMax();
            });
            only("AuthorizedKeys", t, () -> AuthorizedKeys.parse("/root/.ssh/authorized_keys", t));
            only("KeyFormats", t, () -> KeyFormats.classify("/root/.ssh/id", t.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theSudoersReaderRecordsOnlyParseErrorsNamingFileAndLine(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String t = input(rnd, i) + (rnd.nextInt(10) == 0 ? "\n@include /etc/sudoers\n@includedir /etc/sudoers.d\n" : "");
            only("Sudoers", t, () -> {
                Sudoers s = Sudoers.read("/etc/sudoers", source(Map.of("/etc/sudoers", t, "/etc/sudoers.d/x", t)), "h");
                for (ParseError e : s.errors()) {
                    assertThat(e.path()).startsWith("/etc/sudoers");
                    assertThat(e.line()).isPositive();
                    assertThat(e.getMessage()).startsWith(e.path() + ":" + e.line() + ": ");
                }
                // the queries the checks make must not throw either
                s.rules().forEach(r -> {
                    s.describeUsers(r.users());
                    r.privileges().forEach(p -> {
                        s.appliesHere(p);
                        p.commands().forEach(c -> {
                            s.grantsAll(c);
                            s.runsAsRoot(c);
                            s.describeRunas(c);
                        });
                    });
                });
            });
        }
    }

    @org.junit.jupiter.api.Test
    void aTwoMegabyteLineIsAnErrorNamingItsLineNotACrash() {
        String t = "root ALL=ALL\n" + "a".repeat(2 << 20) + "\n";
        var parsed = SudoersFile.parse("/etc/sudoers", t);
        assertThat(parsed.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
        only("Passwd", t, () -> Passwd.parse("/etc/passwd", t));
        only("KeyFormats", t, () -> KeyFormats.classify("/k", t.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void binaryParsersAcceptAnyBytes(long seed) {
        Random rnd = new Random(seed);
        byte[] record = realisticWtmpRecord();
        for (int i = 0; i < CASES; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[rnd.nextInt(2000)];
                rnd.nextBytes(b);
            } else {
                int n = 1 + rnd.nextInt(4);
                b = new byte[n * record.length + rnd.nextInt(50)];
                for (int k = 0; k < n; k++) {
                    System.arraycopy(record, 0, b, k * record.length, record.length);
                }
                for (int k = 0; k < 10; k++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            byte[] bytes = b;
            String shown = "(" + bytes.length + " bytes)";
            only("LastLog", shown, () -> LastLog.parse("/var/log/lastlog", bytes).records().values()
                    .forEach(l -> l.evidence("x")));
            only("Wtmp", shown, () -> Wtmp.parse("/var/log/wtmp", bytes).last().values().forEach(l -> l.evidence("x")));
            only("KeyFormats", shown, () -> KeyFormats.classify("/k", bytes));
        }
    }

    static byte[] realisticWtmpRecord() {
        var buf = java.nio.ByteBuffer.allocate(Wtmp.RECORD).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putShort(0, (short) 7);
        buf.put(8, "pts/0".getBytes(StandardCharsets.US_ASCII));
        buf.put(44, "alice".getBytes(StandardCharsets.US_ASCII));
        buf.put(76, "198.51.100.7".getBytes(StandardCharsets.US_ASCII));
        buf.putInt(340, 1_790_000_000);
        return buf.array();
    }

    static Sudoers.Source source(Map<String, String> files) {
        return new Sudoers.Source() {
            @Override
            public java.util.Optional<String> read(String path) {
                return java.util.Optional.ofNullable(files.get(path));
            }

            @Override
            public List<String> list(String dir) {
                return files.keySet().stream().filter(p -> p.startsWith(dir + "/")).map(p -> p.substring(dir.length() + 1))
                        .sorted().toList();
            }
        };
    }

}
