package org.vmguard.facts.apt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class AptConfigTest {

    @TempDir
    Path dir;

    static final String DEFAULTS = "/org/vmguard/facts/apt/debian12-defaults/";

    static String resource(String name) throws IOException {
        try (var in = AptConfigTest.class.getResourceAsStream(DEFAULTS + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheDebianPackageDefaultsOfUnattendedUpgrades() throws IOException {
        Host host = new Tree(dir)
                .file("/etc/apt/apt.conf.d/01autoremove", resource("01autoremove"))
                .file("/etc/apt/apt.conf.d/20auto-upgrades", resource("20auto-upgrades"))
                .file("/etc/apt/apt.conf.d/50unattended-upgrades", resource("50unattended-upgrades"))
                .host();
        AptConfig c = host.fact(AptConfig.KEY);
        assertThat(c.find("APT::Periodic::Unattended-Upgrade")).hasValueSatisfying(v -> {
            assertThat(v.value()).isEqualTo("1");
            assertThat(v.path()).isEqualTo("/etc/apt/apt.conf.d/20auto-upgrades");
            assertThat(v.line()).isEqualTo(2);
        });
        assertThat(c.list("Unattended-Upgrade::Origins-Pattern")).extracting(AptConfig.Value::value).containsExactly(
                "origin=Debian,codename=${distro_codename},label=Debian",
                "origin=Debian,codename=${distro_codename},label=Debian-Security",
                "origin=Debian,codename=${distro_codename}-security,label=Debian-Security");
        assertThat(c.files()).containsExactly("/etc/apt/apt.conf.d/01autoremove",
                "/etc/apt/apt.conf.d/20auto-upgrades", "/etc/apt/apt.conf.d/50unattended-upgrades");
    }

    @Test
    void theMainFileIsReadLastAndOverridesTheParts() {
        Host host = new Tree(dir)
                .file("/etc/apt/apt.conf", "APT::Periodic::Unattended-Upgrade \"0\";\n")
                .file("/etc/apt/apt.conf.d/99zz", "APT::Periodic::Unattended-Upgrade \"1\";\n")
                .host();
        assertThat(host.fact(AptConfig.KEY).find("apt::periodic::unattended-upgrade"))
                .hasValueSatisfying(v -> assertThat(v.path()).isEqualTo("/etc/apt/apt.conf"));
    }

    @Test
    void skipsThePartsApt_skips() {
        assertThat(AptConfig.acceptedPartName("50unattended-upgrades")).isTrue();
        assertThat(AptConfig.acceptedPartName("10local.conf")).isTrue();
        assertThat(AptConfig.acceptedPartName("50unattended-upgrades.ucf-dist")).isFalse();
        assertThat(AptConfig.acceptedPartName("20auto-upgrades.dpkg-old")).isFalse();
        assertThat(AptConfig.acceptedPartName("20auto-upgrades~")).isFalse();
        assertThat(AptConfig.acceptedPartName(".hidden")).isFalse();
        assertThat(AptConfig.acceptedPartName("a.conf.")).isFalse();
    }

    @Test
    void clearEmptiesAListSoLaterFilesReplaceIt() {
        AptConfig c = AptConfig.parse("/x", """
                Unattended-Upgrade::Allowed-Origins { "a:b"; "c:d"; };
                #clear Unattended-Upgrade::Allowed-Origins;
                Unattended-Upgrade::Allowed-Origins:: "e:f";
                """);
        assertThat(c.list("Unattended-Upgrade::Allowed-Origins")).extracting(AptConfig.Value::value)
                .containsExactly("e:f");
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() {
        Throwable t = catchThrowable(() -> AptConfig.parse("/etc/apt/apt.conf.d/10x", "A \"1\";\n{ B \"2\"; };\n"));
        assertThat(t).isInstanceOf(ParseError.class).hasMessageContaining("/etc/apt/apt.conf.d/10x:2");
        assertThatThrownBy(() -> AptConfig.parse("/y", "A \"1\" junk;\n")).isInstanceOf(ParseError.class)
                .hasMessageStartingWith("/y:1: ");
    }

    /** Hand-written configurations that exercise apt's corners, each judged by the real apt-config. */
    static List<String[]> tricky() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"nested blocks and scoped names mixed",
            "Unattended-Upgrade { Origins-Pattern { \"origin=Debian\"; }; Mail \"root\"; };\n"
                + "Unattended-Upgrade::Origins-Pattern:: \"origin=Extra\";\n"});
        cases.add(new String[] {"tags are case-insensitive and keep their first spelling",
            "unattended-upgrade::MAIL \"a\";\nUnattended-Upgrade::mail \"b\";\n"});
        cases.add(new String[] {"comments of three kinds, and slashes inside quotes",
            "// a comment\n# another\nFoo::Url \"http://example.org/#x\"; // trailing\nFoo::B \"1\"; # hash\n"
                + "/* block\n Foo::Hidden \"x\";\n still */ Foo::After \"y\";\n"});
        cases.add(new String[] {"a block comment cut short by a line comment swallows the next lines",
            "Foo::A \"1\"; /* x // y */ Foo::B \"2\";\nFoo::C \"3\";\n*/ Foo::D \"4\";\n"});
        cases.add(new String[] {"statements split over lines and several on one line",
            "Foo::A\n\"1\"\n;\nFoo::B \"2\"; Foo::C \"3\"; Foo { D \"4\"; E \"5\" };\n"});
        cases.add(new String[] {"unquoted values and adjacent quoted strings",
            "Foo::A yes;\nFoo::B \"a\" \"b\";\nFoo::C \"a\"\"b\";\nFoo::D \"x y\";\n"});
        cases.add(new String[] {"clear then refill across files",
            "Unattended-Upgrade::Allowed-Origins { \"a:b\"; };\n#clear Unattended-Upgrade::Allowed-Origins;\n"
                + "Unattended-Upgrade::Allowed-Origins { \"c:d\"; \"e:f\"; };\n"});
        cases.add(new String[] {"a block value and a block closed without semicolon",
            "Foo \"top\" { A \"1\"; }\nFoo::B \"2\";\n"});
        cases.add(new String[] {"percent escapes in tags and quoted tags",
            "\"Foo::Quoted\" \"1\";\nFoo::Pct%41 \"2\";\nFoo::\"Mixed\" \"3\";\n"});
        cases.add(new String[] {"empty values and list items",
            "Foo::Empty \"\";\nFoo::List { \"\"; \"x\"; };\nAPT::Periodic::Unattended-Upgrade \"1\";\n"});
        cases.add(new String[] {"tabs and an unbalanced closing brace",
            "Foo\t{\tA\t\"a\tb\";\t};\n};\nFoo::B \"1\";\n"});
        cases.add(new String[] {"a syntax error after good lines", "Foo::A \"1\";\nFoo::B \"2\" junk;\n"});
        cases.add(new String[] {"a block with no name", "Foo::A \"1\";\n{ B \"2\"; };\n"});
        cases.add(new String[] {"junk at the end of the file", "Foo::A \"1\";\nFoo::B \"2\"\n"});
        cases.add(new String[] {"an unknown directive", "#frobnicate Foo;\n"});
        cases.add(new String[] {"a directive inside a block", "Foo { #clear Bar; };\n"});
        cases.add(new String[] {"hash inside a value and a triple colon",
            "Foo::A \"#not a comment\";\nFoo:::B \"1\";\nFoo::::C \"2\";\n"});
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tricky")
    void agreesWithAptConfigOnTrickyConfigurations(String name, String text) throws Exception {
        Tools.require("/usr/bin/apt-config");
        Tree tree = new Tree(dir).file("/etc/apt/apt.conf.d/50test", text);
        compareWithApt(tree);
    }

    @Test
    void agreesWithAptConfigOnTheRealPackageDefaults() throws Exception {
        Tools.require("/usr/bin/apt-config");
        Tree tree = new Tree(dir)
                .file("/etc/apt/apt.conf.d/01autoremove", resource("01autoremove"))
                .file("/etc/apt/apt.conf.d/20auto-upgrades", resource("20auto-upgrades"))
                .file("/etc/apt/apt.conf.d/50unattended-upgrades", resource("50unattended-upgrades"));
        String dump = compareWithApt(tree);
        assertThat(dump).contains("Unattended-Upgrade::Origins-Pattern:: \"origin=Debian,codename=${distro_codename},label=Debian-Security\";");
    }

    /** Seeded random configurations over several files, judged by apt-config. */
    @Test
    void agreesWithAptConfigOnRandomConfigurations() throws Exception {
        Tools.require("/usr/bin/apt-config");
        Random rnd = new Random(77);
        List<String> disagreements = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            Path root = Files.createDirectories(dir.resolve("r" + n));
            Tree tree = new Tree(root);
            Map<String, String> files = AptConfigGenerator.files(rnd);
            files.forEach(tree::file);
            String problem = disagreement(tree);
            if (problem != null) {
                disagreements.add("case " + n + " " + files + "\n" + problem);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private String compareWithApt(Tree tree) throws Exception {
        String problem = disagreement(tree);
        assertThat(problem).isNull();
        return AptConfigOracle.run(tree.root()).dump();
    }

    /** Null when we and apt-config agree, else what differs. */
    static String disagreement(Tree tree) throws IOException, InterruptedException {
        AptConfigOracle.Answer apt = AptConfigOracle.run(tree.root());
        Host host = tree.host();
        String ours;
        try {
            ours = AptConfigOracle.ours(host.fact(AptConfig.KEY).dump());
        } catch (ParseError e) {
            String where = e.path() + ":" + e.line();
            if (apt.firstError() == null) {
                return "we failed (" + e.getMessage() + ") but apt-config accepted it:\n" + apt.dump();
            }
            return apt.firstError().equals(where) ? null
                    : "we failed at " + where + " (" + e.getMessage() + "), apt-config at " + apt.firstError();
        }
        if (apt.firstError() != null) {
            return "apt-config failed (" + apt.firstError() + ") but we accepted it:\n" + ours;
        }
        return apt.dump().equals(ours) ? null : "apt-config:\n" + apt.dump() + "ours:\n" + ours;
    }
}
