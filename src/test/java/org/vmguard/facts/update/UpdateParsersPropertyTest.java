package org.vmguard.facts.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.apt.AptConfig;
import org.vmguard.facts.apt.UnattendedUpgrades;
import org.vmguard.facts.dnf.DnfAutomatic;
import org.vmguard.facts.packages.DebVersion;
import org.vmguard.facts.packages.DpkgStatus;
import org.vmguard.facts.packages.RpmDb;
import org.vmguard.testing.Tools;

/**
 * Every parser of the update area, fed seeded random and mutated input: it returns a value or
 * throws our ParseError naming the file and a line inside it, never anything else.
 */
class UpdateParsersPropertyTest {

    static final int CASES = 2000;
    static final String ALPHABET = "ab:=;{}\"'#/*\\ \t\n\r[]%$,.-~+0123456789\0é";

    @TempDir
    Path dir;

    static String resource(String path) throws IOException {
        try (InputStream in = UpdateParsersPropertyTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String mutate(String seed, Random rnd) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int at = b.isEmpty() ? 0 : rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 1 -> {
                    if (!b.isEmpty()) {
                        int end = Math.min(b.length(), at + 1 + rnd.nextInt(40));
                        b.delete(Math.min(at, b.length()), end);
                    }
                }
                case 2 -> b.insert(at, random(rnd, 1 + rnd.nextInt(30)));
                case 3 -> b.setLength(Math.min(b.length(), at));
                default -> {
                    if (!b.isEmpty()) {
                        int from = rnd.nextInt(b.length());
                        int to = Math.min(b.length(), from + rnd.nextInt(80));
                        b.insert(at, b.substring(from, to));
                    }
                }
            }
        }
        return b.toString();
    }

    static String random(Random rnd, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static final Pattern WHERE = Pattern.compile("^(\\S+?)(?::(\\d+))?: ");

    /** Runs the parser on random and mutated texts; collects anything but a well-formed ParseError. */
    static List<String> probe(String path, List<String> seeds, long seed, Consumer<String> parser) {
        Random rnd = new Random(seed);
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < CASES; n++) {
            String text = n % 4 == 0 ? random(rnd, rnd.nextInt(300)) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            try {
                parser.accept(text);
            } catch (ParseError e) {
                Matcher m = WHERE.matcher(e.getMessage());
                int lines = text.split("\n", -1).length;
                if (!m.find() || !m.group(1).equals(path) || e.line() < 0 || e.line() > lines) {
                    problems.add("bad ParseError \"" + e.getMessage() + "\" for " + lines + " lines");
                }
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(e + " on input " + text.substring(0, Math.min(120, text.length())).replace("\n", "\\n"));
            }
            if (problems.size() > 5) {
                break;
            }
        }
        return problems;
    }

    @Test
    void aptConfigurationReader() throws IOException {
        String base = "/org/vmguard/facts/apt/debian12-defaults/";
        List<String> seeds = List.of(resource(base + "50unattended-upgrades"), resource(base + "01autoremove"),
                resource(base + "20auto-upgrades"), "A { B { \"x\"; }; };\n#clear A;\nA::C \"1\"; /* c */\n");
        String path = "/etc/apt/apt.conf.d/50unattended-upgrades";
        assertThat(probe(path, seeds, 1, t -> {
            AptConfig c = AptConfig.parse(path, t);
            c.dump();
            UnattendedUpgrades.patterns(c, "Debian", "bookworm").forEach(p -> p.matches(
                    UnattendedUpgrades.securityArchive("debian", "12", "bookworm", "oldstable")));
        })).isEmpty();
    }

    @Test
    void dpkgStatusReader() throws IOException {
        String status = Files.readString(Path.of("/var/lib/dpkg/status"));
        List<String> seeds = List.of(status.substring(0, Math.min(status.length(), 6000)),
                "Package: a\nStatus: install ok installed\nVersion: 1:2.3-4\n\nPackage: b\n");
        assertThat(probe(DpkgStatus.PATH, seeds, 2, t -> DpkgStatus.parse(DpkgStatus.PATH, t)
                .forEach(p -> DebVersion.compare(p.version(), "1.0")))).isEmpty();
    }

    @Test
    void dnfAutomaticReader() throws IOException {
        List<String> seeds = List.of(resource("/org/vmguard/checks/update/automatic.conf-rocky9"),
                "[commands]\napply_updates = yes\n upgrade_type: security\n");
        assertThat(probe(DnfAutomatic.PATH, seeds, 3, t -> DnfAutomatic.parse(DnfAutomatic.PATH, t))).isEmpty();
    }

    @Test
    void endOfSupportTableReader() throws IOException {
        List<String> seeds = List.of(resource(EolTable.RESOURCE));
        assertThat(probe(EolTable.RESOURCE, seeds, 4, t -> EolTable.parse(EolTable.RESOURCE, t))).isEmpty();
    }

    @Test
    void ubuntuProStatusAndRedHatRepoReaders() {
        List<String> pro = List.of("{\"attached\": true, \"services\": [{\"name\": \"esm-infra\", \"status\": \"enabled\"}]}");
        assertThat(probe(ExtendedSupport.UBUNTU_PRO, pro, 5,
                t -> ExtendedSupport.ubuntuPro(ExtendedSupport.UBUNTU_PRO, t))).isEmpty();
        List<String> repo = List.of("[rhel-7-server-els-rpms]\nname = x\nenabled = 1\n");
        assertThat(probe(ExtendedSupport.REDHAT_REPO, repo, 6,
                t -> ExtendedSupport.rhelEls(ExtendedSupport.REDHAT_REPO, t))).isEmpty();
    }

    @Test
    void commandOutputAndFlagFileReaders() throws IOException {
        String captured = resource("/org/vmguard/checks/update/apt-get-s-dist-upgrade-debian12.txt");
        List<String> apt = List.of(String.join("\n", captured.lines().limit(40).toList()));
        assertThat(probe("apt-get", apt, 7, t -> PendingUpdates.parseApt("apt-get", t))).isEmpty();
        List<String> dnf = List.of("RLSA-2024:9474 Important/Sec. glibc-2.34-125.el9_5.1.x86_64\n");
        assertThat(probe("dnf", dnf, 8, t -> PendingUpdates.parseDnf("dnf", t))).isEmpty();
        assertThat(probe(RebootRequired.PKGS, List.of("libc6\nlinux-image-6.8.0-49-generic\n"), 9,
                t -> RebootRequired.parsePkgs(RebootRequired.PKGS, Optional.of(t)))).isEmpty();
        assertThat(probe("/etc/redhat-release", List.of("CentOS Linux release 7.9.2009 (Core)\n"), 10,
                ReleaseId::fromRedhatRelease)).isEmpty();
    }

    /** Headers and databases: damaged bytes of a database the real rpm wrote. */
    @Test
    void rpmDatabaseReader() throws Exception {
        Tools.require("/usr/bin/rpmbuild");
        org.vmguard.facts.packages.RpmDbTest.install(dir, List.<String[]>of(new String[] {"a", "1.0", "1.el9", "2"}));
        byte[] db = Files.readAllBytes(dir.resolve("var/lib/rpm/rpmdb.sqlite"));
        String path = "/var/lib/rpm/rpmdb.sqlite";
        Random rnd = new Random(11);
        List<String> problems = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            byte[] copy = db.clone();
            for (int k = 0; k < 1 + rnd.nextInt(20); k++) {
                copy[100 + rnd.nextInt(copy.length - 100)] = (byte) rnd.nextInt(256);
            }
            try {
                RpmDb.parse(path, copy);
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith(path);
            } catch (RuntimeException e) {
                problems.add(e.toString());
            }
        }
        // the header decoder on its own, with random blobs
        for (int n = 0; n < CASES; n++) {
            byte[] blob = new byte[rnd.nextInt(200)];
            rnd.nextBytes(blob);
            if (blob.length >= 8 && rnd.nextBoolean()) {
                blob[0] = 0;
                blob[1] = 0;
                blob[2] = 0;
                blob[3] = (byte) (1 + rnd.nextInt(4));
                blob[4] = 0;
                blob[5] = 0;
                blob[6] = 0;
                blob[7] = (byte) rnd.nextInt(64);
            }
            try {
                RpmDb.decode(path, n + 1, blob);
            } catch (ParseError e) {
                assertThat(e.line()).isEqualTo(n + 1);
            } catch (RuntimeException e) {
                problems.add(e.toString());
            }
        }
        assertThat(problems).isEmpty();
    }
}
