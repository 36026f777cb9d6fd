package org.vmguard.facts.apt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Tree;

class UnattendedUpgradesTest {

    @TempDir
    Path dir;

    static final UnattendedUpgrades.Archive NOBLE_SECURITY =
            UnattendedUpgrades.securityArchive("ubuntu", "24.04", "noble", "");

    static List<UnattendedUpgrades.AllowedOrigin> patterns(String conf) {
        return UnattendedUpgrades.patterns(AptConfig.parse("/etc/apt/apt.conf.d/50unattended-upgrades", conf),
                "Ubuntu", "noble");
    }

    @Test
    void legacyEntriesBecomeOriginAndArchiveWithEitherSeparator() {
        var p = patterns("Unattended-Upgrade::Allowed-Origins { \"${distro_id}:${distro_codename}-security\";"
                + " \"Ubuntu noble-security\"; \"Ub\\:x:y\"; };\n");
        assertThat(p).extracting(UnattendedUpgrades.AllowedOrigin::text)
                .containsExactly("o=Ubuntu,a=noble-security", "o=Ubuntu,a=noble-security", "o=Ub:x,a=y");
        assertThat(p.get(0).matches(NOBLE_SECURITY)).isTrue();
        assertThat(p.get(2).matches(NOBLE_SECURITY)).isFalse();
    }

    @Test
    void patternsMatchEveryKeyWithShellWildcards() {
        var p = patterns("Unattended-Upgrade::Origins-Pattern { \"o=Ubuntu,a=*-security\"; \"o=Ubuntu,a=noble-updates\";"
                + " \"origin=Ubuntu,codename=noble,label=Ubuntu,site=security.ubuntu.com,c=main\"; \"o=Ubu?tu,a=[m-o]oble-security\"; };\n");
        assertThat(p).extracting(x -> x.matches(NOBLE_SECURITY)).containsExactly(true, false, true, true);
    }

    @Test
    void unknownVariablesAndMatchersAreProblemsNotMatches() {
        var p = patterns("Unattended-Upgrade::Origins-Pattern { \"o=${distro_name}\"; \"flavour=x\"; \"o=a=b\"; \"\"; };\n");
        assertThat(p).allSatisfy(x -> {
            assertThat(x.problem()).isNotEmpty();
            assertThat(x.matches(NOBLE_SECURITY)).isFalse();
        });
    }

    @Test
    void includesAreReadInPlaceAndAMissingOneNamesTheLine() {
        Tree t = new Tree(dir)
                .file("/etc/apt/apt.conf.d/50unattended-upgrades", "// main\n#include \"/etc/apt/extra.conf\";\n")
                .file("/etc/apt/extra.conf", "Unattended-Upgrade::Origins-Pattern:: \"o=Ubuntu,a=noble-security\";\n")
                .file("/etc/apt/apt.conf.d/60dir", "#include \"/etc/apt/more.d/\";\n")
                .file("/etc/apt/more.d/10a", "Foo::A \"1\";\n")
                .file("/etc/apt/more.d/20b.bak", "Foo::B \"1\";\n");
        AptConfig c = t.host().fact(AptConfig.KEY);
        assertThat(c.list("Unattended-Upgrade::Origins-Pattern")).singleElement()
                .satisfies(v -> assertThat(v.path()).isEqualTo("/etc/apt/extra.conf"));
        assertThat(c.find("Foo::A")).isPresent();
        assertThat(c.find("Foo::B")).isEmpty();
        Tree broken = new Tree(dir.resolve("b")).file("/etc/apt/apt.conf.d/10x", "A \"1\";\n#include \"/nowhere\";\n");
        try {
            broken.host().fact(AptConfig.KEY);
            throw new AssertionError("expected a parse error");
        } catch (ParseError e) {
            assertThat(e.getMessage()).startsWith("/etc/apt/apt.conf.d/10x:2: ");
        }
    }
}
