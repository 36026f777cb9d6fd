package org.vmguard.facts.sudoers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.FactException;

class SudoersTest {

    static String resource(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/accounts/sudo", name));
    }

    /** Files in memory; a null value is a file that exists but cannot be read. */
    static Sudoers.Source files(Map<String, String> files) {
        Map<String, String> sorted = new TreeMap<>(files);
        return new Sudoers.Source() {
            @Override
            public Optional<String> read(String path) {
                if (sorted.containsKey(path) && sorted.get(path) == null) {
                    throw new FactException("cannot read " + path + ": permission denied");
                }
                return Optional.ofNullable(sorted.get(path));
            }

            @Override
            public List<String> list(String dir) {
                String prefix = dir.endsWith("/") ? dir : dir + "/";
                return sorted.keySet().stream().filter(p -> p.startsWith(prefix))
                        .map(p -> p.substring(prefix.length())).filter(n -> !n.contains("/")).toList();
            }
        };
    }

    static Sudoers read(Map<String, String> files) {
        return Sudoers.read("/etc/sudoers", files(files), "");
    }

    @Test
    void readsDebiansDefaultSudoersAndItsIncludedir() throws IOException {
        Sudoers s = read(Map.of("/etc/sudoers", resource("sudoers"),
                "/etc/sudoers.d/README", resource("sudoers.d-README")));
        assertThat(s.errors()).isEmpty();
        assertThat(s.files()).containsExactly("/etc/sudoers", "/etc/sudoers.d/README");
        assertThat(s.rules()).extracting(Rule::line).containsExactly(47, 50);
        assertThat(s.rules().get(1).users()).containsExactly(new Member("%sudo", false));
        CmndSpec spec = s.rules().get(1).privileges().getFirst().commands().getFirst();
        assertThat(spec.runasUsers()).containsExactly(new Member("ALL", false));
        assertThat(spec.runasGroups()).containsExactly(new Member("ALL", false));
        assertThat(s.grantsAll(spec)).isTrue();
        assertThat(spec.nopasswd()).isFalse();
        assertThat(s.defaults()).hasSize(4);
    }

    @Test
    void readsSudosOwnSampleWithEveryAliasKindAndContinuation() throws IOException {
        Sudoers s = read(Map.of("/etc/sudoers", resource("examples-sudoers")));
        assertThat(s.errors()).isEmpty();
        assertThat(s.aliases()).hasSize(23);
        assertThat(s.alias(Alias.Type.HOST, "HPPA")).get().extracting(Alias::line).isEqualTo(34);
        assertThat(s.alias(Alias.Type.CMND, "DUMPS").orElseThrow().commands()).extracting(Command::path)
                .containsExactly("/usr/sbin/dump", "/usr/sbin/rdump", "/usr/sbin/restore", "/usr/sbin/rrestore",
                        "/bin/mt", "/home/operator/bin/start_backups");
        Rule full = s.rules().stream().filter(r -> r.users().getFirst().name().equals("FULLTIMERS")).findFirst()
                .orElseThrow();
        assertThat(full.line()).isEqualTo(72);
        assertThat(s.describeUsers(full.users())).isEqualTo("millert, mikef, dowdy (User_Alias FULLTIMERS)");
        assertThat(full.privileges().getFirst().commands().getFirst().nopasswd()).isTrue();
        Rule bob = s.rules().stream().filter(r -> r.users().getFirst().name().equals("bob")).findFirst().orElseThrow();
        assertThat(bob.privileges()).hasSize(2);
        assertThat(s.describeRunas(bob.privileges().get(1).commands().getFirst())).isEqualTo("root, operator (Runas_Alias OP)");
        Rule operator = s.rules().stream().filter(r -> r.users().getFirst().name().equals("operator")).findFirst()
                .orElseThrow();
        assertThat(operator.line()).isEqualTo(84);
        assertThat(operator.privileges().getFirst().commands()).extracting(c -> c.command().toString())
                .contains("sudoedit /etc/printcap", "/usr/oper/bin/");
        Rule cdrom = s.rules().getLast();
        assertThat(cdrom.privileges().getFirst().commands().get(1).command().args())
                .isEqualTo("-o nosuid,nodev /dev/cd0a /CDROM");
        assertThat(cdrom.privileges().getFirst().commands().get(1).nopasswd()).as("NOPASSWD carries over").isTrue();
    }

    @Test
    void tagsCarryOverUntilTheOppositeTagAndRunasUntilTheNextRunas() {
        Sudoers s = read(Map.of("/etc/sudoers", """
                alice ALL = (bob) NOPASSWD: NOEXEC: /bin/a, /bin/b, PASSWD: /bin/c, (root) /bin/d : h2 = /bin/e
                """));
        List<CmndSpec> c = s.rules().getFirst().privileges().getFirst().commands();
        assertThat(c.get(0).tags()).containsExactlyInAnyOrder("NOPASSWD", "NOEXEC");
        assertThat(c.get(1).tags()).containsExactlyInAnyOrder("NOPASSWD", "NOEXEC");
        assertThat(c.get(2).tags()).containsExactlyInAnyOrder("PASSWD", "NOEXEC");
        assertThat(c.get(3).tags()).containsExactlyInAnyOrder("PASSWD", "NOEXEC");
        assertThat(c.get(1).runasUsers()).containsExactly(new Member("bob", false));
        assertThat(c.get(3).runasUsers()).containsExactly(new Member("root", false));
        CmndSpec e = s.rules().getFirst().privileges().get(1).commands().getFirst();
        assertThat(e.tags()).as("a new Host_List = starts afresh").isEmpty();
        assertThat(e.runasUsers()).isNull();
        assertThat(s.runsAsRoot(e)).isTrue();
        assertThat(s.runsAsRoot(c.get(0))).isFalse();
    }

    @Test
    void includesAreSplicedInPlaceRelativeToTheIncludingFile() {
        Sudoers s = read(Map.of(
                "/etc/sudoers", "root ALL=ALL\n@include extra\n#includedir /etc/sudoers.d\nzed ALL=ALL\n",
                "/etc/extra", "amy ALL=ALL\n",
                "/etc/sudoers.d/b", "bea ALL=ALL\n",
                "/etc/sudoers.d/a", "al ALL=ALL\n",
                "/etc/sudoers.d/c.bak", "nope ALL=ALL\n",
                "/etc/sudoers.d/d~", "nope ALL=ALL\n"));
        assertThat(s.errors()).isEmpty();
        assertThat(s.rules()).extracting(r -> r.users().getFirst().name()).containsExactly("root", "amy", "al", "bea", "zed");
        assertThat(s.rules().get(1).file()).isEqualTo("/etc/extra");
        assertThat(s.files()).doesNotContain("/etc/sudoers.d/c.bak", "/etc/sudoers.d/d~");
    }

    @Test
    void aSelfIncludeAMissingIncludeAndAnUnreadableOneAreErrorsNamingFileAndLine() {
        Map<String, String> files = new java.util.HashMap<>();
        files.put("/etc/sudoers", "root ALL=ALL\n@include /etc/sudoers\n#include /etc/missing\n@include /etc/secret\n");
        files.put("/etc/secret", null);
        Sudoers s = read(files);
        assertThat(s.errors()).extracting(e -> e.path() + ":" + e.line())
                .containsExactly("/etc/sudoers:2", "/etc/sudoers:3", "/etc/sudoers:4");
        assertThat(s.errors().get(2).getMessage()).contains("/etc/secret", "permission denied");
        assertThat(s.rules()).hasSize(1);
    }

    @Test
    void aBadLineIsAnErrorAndTheRestIsStillRead() {
        Sudoers s = read(Map.of("/etc/sudoers", "alice ALL = ls\nbob ALL = ALL\ncarol ALL = \\\n  (root ALL\n"));
        assertThat(s.errors()).extracting(e -> e.line()).containsExactly(1, 4);
        assertThat(s.errors().getFirst().getMessage()).startsWith("/etc/sudoers:1: ").contains("fully-qualified");
        assertThat(s.rules()).extracting(Rule::line).containsExactly(2);
    }

    @Test
    void userListsMatchAsSudoDoesLastMatchWins() {
        Sudoers s = read(Map.of("/etc/sudoers", """
                User_Alias ADMINS = %wheel, !bob, #1005
                User_Alias NESTED = ADMINS, carol
                NESTED, !dave ALL = ALL
                """));
        Rule r = s.rules().getFirst();
        var alice = new Sudoers.Account("alice", 1000, List.of("alice", "wheel"), List.of(1000L, 10L));
        var bob = new Sudoers.Account("bob", 1001, List.of("bob", "wheel"), List.of(1001L, 10L));
        var carol = new Sudoers.Account("carol", 1002, List.of("carol"), List.of(1002L));
        var dave = new Sudoers.Account("dave", 1003, List.of("wheel"), List.of(10L));
        var eve = new Sudoers.Account("eve", 1005, List.of("eve"), List.of(1005L));
        assertThat(s.matches(Alias.Type.USER, r.users(), alice)).isTrue();
        assertThat(s.matches(Alias.Type.USER, r.users(), bob)).isFalse();
        assertThat(s.matches(Alias.Type.USER, r.users(), carol)).isTrue();
        assertThat(s.matches(Alias.Type.USER, r.users(), dave)).isFalse();
        assertThat(s.matches(Alias.Type.USER, r.users(), eve)).isTrue();
        assertThat(s.describeUsers(r.users())).isEqualTo(
                "members of group wheel, not bob, uid 1005, carol (User_Alias NESTED); not dave");
    }

    @Test
    void negatedCmndAliasesComposeAndAllInsideAnAliasCounts() {
        Sudoers s = read(Map.of("/etc/sudoers", """
                Cmnd_Alias EVERYTHING = ALL
                Cmnd_Alias NOT_ALL = !ALL
                a ALL = EVERYTHING
                b ALL = !NOT_ALL
                c ALL = NOT_ALL
                d ALL = (ALL, !root) ALL
                """));
        List<Rule> r = s.rules();
        assertThat(s.grantsAll(r.get(0).privileges().getFirst().commands().getFirst())).isTrue();
        assertThat(s.grantsAll(r.get(1).privileges().getFirst().commands().getFirst())).isTrue();
        assertThat(s.grantsAll(r.get(2).privileges().getFirst().commands().getFirst())).isFalse();
        assertThat(s.runsAsRoot(r.get(3).privileges().getFirst().commands().getFirst())).isFalse();
    }

    @Test
    void defaultsNotAuthenticateAppliesGloballyOrToItsUsers() {
        Sudoers s = read(Map.of("/etc/sudoers", """
                Defaults:alice !authenticate
                Defaults:%ops  !authenticate
                """));
        assertThat(s.authenticationOff(new Sudoers.Account("alice", 1, List.of(), List.of()))).get()
                .extracting(DefaultsEntry::line).isEqualTo(1);
        assertThat(s.authenticationOff(new Sudoers.Account("x", 1, List.of("ops"), List.of()))).get()
                .extracting(DefaultsEntry::line).isEqualTo(2);
        assertThat(s.authenticationOff(new Sudoers.Account("bob", 1, List.of(), List.of()))).isEmpty();
    }

    @Test
    void hostListsAreComparedWithTheHostname() {
        Sudoers s = Sudoers.read("/etc/sudoers", files(Map.of("/etc/sudoers", """
                a web01 = ALL
                b db01 = ALL
                c ALL, !web01 = ALL
                d 10.0.0.0/8 = ALL
                """)), "web01.example.org");
        List<Rule> r = s.rules();
        assertThat(s.appliesHere(r.get(0).privileges().getFirst())).isTrue();
        assertThat(s.appliesHere(r.get(1).privileges().getFirst())).isFalse();
        assertThat(s.appliesHere(r.get(2).privileges().getFirst())).isFalse();
        assertThat(s.appliesHere(r.get(3).privileges().getFirst())).as("addresses cannot be judged: kept").isTrue();
    }

    @Test
    void commentsUidsQuotedNamesAndEscapesAreReadAsSudoReadsThem() {
        Sudoers s = read(Map.of("/etc/sudoers", """
                #1000 ALL = /bin/ls a\\,b # a comment
                "ADMIN" ALL = ALL
                %:"domain users" ALL = sha224:0GomF8mNN3wlDt1HD9XldjJ3SNgpFdbjO1+NsQ== /bin/mt
                al\\ ice ALL = ALL
                """));
        assertThat(s.errors()).isEmpty();
        assertThat(s.rules()).extracting(r -> r.users().getFirst().name())
                .containsExactly("#1000", "ADMIN", "%:domain users", "al ice");
        assertThat(s.rules().getFirst().privileges().getFirst().commands().getFirst().command().args()).isEqualTo("a,b");
        assertThat(s.rules().get(2).privileges().getFirst().commands().getFirst().command().digest())
                .isEqualTo("sha224:0GomF8mNN3wlDt1HD9XldjJ3SNgpFdbjO1+NsQ==");
    }

    @Test
    void noSudoersFileMeansSudoIsNotInstalled() {
        assertThat(read(Map.of()).present()).isFalse();
    }
}
