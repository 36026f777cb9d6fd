package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.core.Status;
import org.vmguard.facts.Host;
import org.vmguard.facts.update.PendingUpdates;
import org.vmguard.target.LocalTarget;
import org.vmguard.testing.Tools;
import org.vmguard.testing.Tree;

class UpdatePendingSecurityTest {

    @TempDir
    Path dir;

    final UpdatePendingSecurity check = new UpdatePendingSecurity();

    /** apt-get's real answer on this build machine (Debian 12), captured into the resource. */
    static final String CAPTURED = UpdateHosts.resource("apt-get-s-dist-upgrade-debian12.txt");

    /** An .xz security index, which vmguard does not read: apt-get's simulation answers instead. */
    Tree debianWithAptGet(String output) {
        Tree t = UpdateHosts.debian12(dir).file("/usr/share/apt-output", output).file(
                "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.xz",
                "\u00fd7zXZ");
        return UpdateHosts.program(t, "apt-get", "cat " + t.at("/usr/share/apt-output") + "\n");
    }

    @Test
    void failsOnTheSecurityUpdatesOfARealSimulationAndShowsItsLines() {
        Outcome o = check.evaluate(LiveRoot.host(debianWithAptGet(CAPTURED)));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).hasSizeLessThanOrEqualTo(UpdatePendingSecurity.SHOWN + 1);
        assertThat(o.evidence().getFirst().command()).isEqualTo("apt-get -s -o Debug::NoLocking=1 dist-upgrade");
        assertThat(o.evidence().getFirst().text()).startsWith("Inst ").contains("-security");
    }

    @Test
    void theParserCountsOnlySecuritySuites() {
        PendingUpdates p = PendingUpdates.parseApt("apt-get", CAPTURED);
        long inst = CAPTURED.lines().filter(l -> l.startsWith("Inst ")).count();
        long sec = CAPTURED.lines().filter(l -> l.startsWith("Inst ") && l.contains("-security")).count();
        assertThat(p.total()).isEqualTo((int) inst);
        assertThat(p.security()).hasSize((int) sec);
        PendingUpdates ubuntu = PendingUpdates.parseApt("apt-get", """
                Inst libc6 [2.39-0ubuntu8.2] (2.39-0ubuntu8.3 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
                Inst tzdata [2024a-3ubuntu1.1] (2024b-0ubuntu0.24.04 Ubuntu:24.04/noble-updates [all])
                Conf libc6 (2.39-0ubuntu8.3 Ubuntu:24.04/noble-updates, Ubuntu:24.04/noble-security [amd64])
                """);
        assertThat(ubuntu.total()).isEqualTo(2);
        assertThat(ubuntu.security()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("libc6");
            assertThat(u.from()).isEqualTo("2.39-0ubuntu8.2");
            assertThat(u.to()).isEqualTo("2.39-0ubuntu8.3");
        });
    }

    @Test
    void passesWhenOnlyOrdinaryUpdatesWait() {
        Outcome o = check.evaluate(LiveRoot.host(debianWithAptGet(
                "Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])\n")));
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("apt-get -s");
    }

    @Test
    void readsTheSecurityIndexesWhenItCanAndNamesTheirLines() {
        Tree t = UpdateHosts.debian12(dir).file(
                "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages",
                "Package: unattended-upgrades\nVersion: 2.9.1+nmu4\nArchitecture: all\n\n"
                        + "Package: apt\nVersion: 2.6.1\nArchitecture: all\n");
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).isEqualTo("1 security update(s) waiting: unattended-upgrades");
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).endsWith("bookworm-security_main_binary-amd64_Packages");
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.text()).isEqualTo("unattended-upgrades 2.9.1+nmu4 (installed: 2.9.1+nmu3)");
        });
    }

    @Test
    void skipsWhenAptKnowsNoSecurityArchive() {
        Outcome o = check.evaluate(LiveRoot.host(UpdateHosts.debian12(dir)));
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("no index of a security archive");
    }

    @Test
    void rhelUsesDnfUpdateinfo() {
        Tree t = UpdateHosts.rocky9(dir);
        UpdateHosts.program(t, "dnf", """
                echo "RLSA-2024:9474 Important/Sec. glibc-2.34-125.el9_5.1.x86_64"
                echo "RLSA-2024:9474 Important/Sec. glibc-common-2.34-125.el9_5.1.x86_64"
                echo "RLSA-2024:10290 Moderate/Sec.  openssl-1:3.2.2-6.el9_5.x86_64"
                """);
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).startsWith("3 security update(s) waiting: glibc-2.34");
        assertThat(o.evidence().getFirst().command()).isEqualTo("dnf updateinfo list --security -q");
        UpdateHosts.program(t, "dnf", "exit 0\n");
        assertThat(check.evaluate(LiveRoot.host(t))).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void aFailingPackageManagerIsAnErrorNotAPass() {
        Tree t = debianWithAptGet("");
        UpdateHosts.program(t, "apt-get", "echo 'E: The package lists or status file could not be parsed' >&2\nexit 100\n");
        Host host = LiveRoot.host(t);
        assertThatThrownBy(() -> check.evaluate(host)).hasMessageContaining("exit 100")
                .hasMessageContaining("could not be parsed");
    }

    @Test
    void skipsWhenTheManagerIsMissing() {
        Outcome o = check.evaluate(LiveRoot.host(UpdateHosts.rocky9(dir)));
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("neither dnf nor yum");
    }

    @Test
    void isLiveOnly() {
        assertThat(UpdatePendingSecurity.INFO.targets()).doesNotContain(org.vmguard.core.TargetKind.ROOTFS);
    }

    /** This machine, as it is: the check evaluates (pass, fail, or skip without lists), never errors. */
    @Test
    void evaluatesThisMachine() {
        Tools.require("/usr/bin/apt-get");
        var r = org.vmguard.core.Result.of(UpdatePendingSecurity.INFO, check.evaluate(new Host(new LocalTarget())));
        assertThat(r.status()).isIn(Status.PASS, Status.FAIL, Status.SKIP);
        if (r.status() == Status.FAIL) {
            assertThat(r.evidence()).allSatisfy(e -> assertThat(e.path() == null || e.path().startsWith("/var/lib/apt/lists/"))
                    .isTrue());
        }
    }
}
