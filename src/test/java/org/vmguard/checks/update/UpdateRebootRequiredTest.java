package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class UpdateRebootRequiredTest {

    @TempDir
    Path dir;

    final UpdateRebootRequired check = new UpdateRebootRequired();

    @Test
    void failsWhenTheFlagExistsAndListsThePackagesOnce() {
        // /var/run is a link to /run, as on every current Debian and Ubuntu
        Tree t = UpdateHosts.ubuntu2404(dir).symlink("/var/run", "/run")
                .file("/run/reboot-required", "*** System restart required ***\n")
                .file("/run/reboot-required.pkgs", "linux-image-6.8.0-49-generic\nlibc6\nlinux-image-6.8.0-49-generic\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("linux-image-6.8.0-49-generic, libc6");
        assertThat(o.evidence()).extracting(e -> e.path() + ":" + e.line()).containsExactly(
                "/var/run/reboot-required:0", "/var/run/reboot-required.pkgs:1", "/var/run/reboot-required.pkgs:2");
    }

    @Test
    void failsEvenWhenNoPackageListWasWritten() {
        Tree t = UpdateHosts.debian12(dir).file("/var/run/reboot-required", "");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesWithoutTheFlag() {
        assertThat(check.evaluate(UpdateHosts.debian12(dir).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rhelAsksNeedsRestartingOnALiveHost() {
        Tree t = UpdateHosts.rocky9(dir);
        UpdateHosts.program(t, "needs-restarting", """
                echo "Core libraries or services have been updated since boot-up:"
                echo "  * kernel"
                echo ""
                echo "Reboot is required to fully utilize these updates."
                exit 1
                """);
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.command()).isEqualTo("needs-restarting -r");
            assertThat(e.text()).contains("* kernel");
        });
        UpdateHosts.program(t, "needs-restarting", "echo 'No core libraries or services have been updated since boot-up.'\n");
        assertThat(check.evaluate(LiveRoot.host(t))).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rhelSkipsWhenNeedsRestartingIsMissingOrTheTargetIsAnImage() {
        Tree t = UpdateHosts.rocky9(dir);
        assertThat(check.evaluate(LiveRoot.host(t))).isInstanceOf(Outcome.Skip.class);
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void aFailingNeedsRestartingIsAnError() {
        Tree t = UpdateHosts.rocky9(dir);
        UpdateHosts.program(t, "needs-restarting", "echo 'Error: cache is locked' >&2\nexit 3\n");
        var host = LiveRoot.host(t);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.evaluate(host))
                .hasMessageContaining("needs-restarting -r failed (exit 3)");
    }
}
