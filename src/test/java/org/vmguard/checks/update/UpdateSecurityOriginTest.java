package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class UpdateSecurityOriginTest {

    @TempDir
    Path dir;

    final UpdateSecurityOrigin check = new UpdateSecurityOrigin();

    @Test
    void passesWithDebiansDefaultOriginsPatternAndNamesTheLine() {
        Outcome o = check.evaluate(UpdateHosts.debian12(dir).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/etc/apt/apt.conf.d/50unattended-upgrades");
            assertThat(e.text()).contains("codename=${distro_codename}-security,label=Debian-Security");
        });
    }

    @Test
    void passesWithUbuntusDefaultAllowedOrigins() {
        Outcome o = check.evaluate(UpdateHosts.ubuntu2404(dir).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence().getFirst().text()).contains("${distro_codename}-security");
    }

    @Test
    void pastStandardSupportUbuntuNeedsTheEsmInfraArchive() {
        Tree t = UpdateHosts.ubuntu2404(dir);
        var later = new org.vmguard.facts.Host(new org.vmguard.target.RootfsTarget(t.root()),
                () -> java.time.Instant.parse("2030-01-01T00:00:00Z"));
        Outcome o = check.evaluate(later);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence().getFirst().text()).contains("${distro_id}ESM:${distro_codename}-infra-security");
        t.file("/etc/apt/apt.conf.d/50unattended-upgrades",
                "Unattended-Upgrade::Allowed-Origins { \"${distro_id}:${distro_codename}-security\"; };\n");
        var later2 = new org.vmguard.facts.Host(new org.vmguard.target.RootfsTarget(t.root()),
                () -> java.time.Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(check.evaluate(later2)).isInstanceOf(Outcome.Fail.class)
                .extracting(Outcome::reason).asString().contains("o=UbuntuESM");
    }

    @Test
    void failsWhenOnlyTheReleaseItselfIsAllowed() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/50unattended-upgrades", """
                Unattended-Upgrade::Origins-Pattern {
                        "origin=Debian,codename=${distro_codename},label=Debian";
                };
                """);
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("n=bookworm-security");
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void clearingTheListInALaterFileDropsTheSecurityArchive() {
        Tree t = UpdateHosts.ubuntu2404(dir).file("/etc/apt/apt.conf.d/60local", """
                #clear Unattended-Upgrade::Allowed-Origins;
                Unattended-Upgrade::Allowed-Origins { "${distro_id}:${distro_codename}-updates"; };
                """);
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.path()).endsWith("60local"));
    }

    @Test
    void wildcardsMatchAsFnmatchDoes() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/50unattended-upgrades",
                "Unattended-Upgrade::Origins-Pattern { \"origin=Debian,label=Debian-*\"; };\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void anUnknownMatcherStopsUnattendedUpgradeAndFails() {
        Tree t = UpdateHosts.debian12(dir).file("/etc/apt/apt.conf.d/51extra",
                "Unattended-Upgrade::Origins-Pattern { \"origin=Debian,flavour=x\"; };\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.text()).contains("unknown matcher"));
    }

    @Test
    void skipsWhenUnattendedUpgradesIsOff() {
        Tree t = UpdateHosts.debian12(dir).file("/var/lib/dpkg/status", UpdateHosts.dpkgStatus("apt 2.6.1"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void skipsOnTheRhelFamily() {
        assertThat(check.evaluate(UpdateHosts.rocky9(dir).host())).isInstanceOf(Outcome.Skip.class)
                .extracting(Outcome::reason).asString().contains("dnf-automatic");
    }

    @Test
    void debianSuitesFollowTheTable() {
        var today = java.time.LocalDate.of(2026, 11, 23);
        assertThat(UpdateSecurityOrigin.debianSuite("13", today)).isEqualTo("stable");
        assertThat(UpdateSecurityOrigin.debianSuite("12", today)).isEqualTo("oldstable");
        assertThat(UpdateSecurityOrigin.debianSuite("11", today)).isEqualTo("oldoldstable");
        assertThat(UpdateSecurityOrigin.debianSuite("12", java.time.LocalDate.of(2024, 1, 1))).isEqualTo("stable");
    }
}
