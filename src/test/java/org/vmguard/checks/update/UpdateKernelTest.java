package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.update.Kernels;
import org.vmguard.testing.Tree;

class UpdateKernelTest {

    @TempDir
    Path dir;

    final UpdateKernel check = new UpdateKernel();

    Tree debianKernels(String running, String... installed) {
        Tree t = UpdateHosts.debian12(dir).file("/proc/sys/kernel/osrelease", running + "\n");
        for (String k : installed) {
            t.file("/boot/vmlinuz-" + k, "kernel");
        }
        return t;
    }

    @Test
    void failsWhenANewerKernelOfTheSameFlavourIsInstalled() {
        Outcome o = check.evaluate(LiveRoot.host(debianKernels("6.1.0-9-cloud-amd64", "6.1.0-9-cloud-amd64",
                "6.1.0-10-cloud-amd64", "6.1.0-28-amd64")));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("6.1.0-10-cloud-amd64");
        assertThat(o.evidence()).extracting(e -> e.path()).containsExactly("/proc/sys/kernel/osrelease",
                "/boot/vmlinuz-6.1.0-10-cloud-amd64");
    }

    @Test
    void passesWhenTheNewestIsRunningEvenIfAnotherFlavourIsNewer() {
        Outcome o = check.evaluate(LiveRoot.host(debianKernels("6.1.0-27-cloud-amd64", "6.1.0-26-cloud-amd64",
                "6.1.0-27-cloud-amd64", "6.1.0-28-amd64")));
        assertThat(o).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void rhelKernelsCompareWithRpmOrder() {
        Tree t = UpdateHosts.rocky9(dir).file("/proc/sys/kernel/osrelease", "5.14.0-427.13.1.el9_4.x86_64\n")
                .file("/lib/modules/5.14.0-427.13.1.el9_4.x86_64/vmlinuz", "k")
                .file("/lib/modules/5.14.0-503.14.1.el9_5.x86_64/vmlinuz", "k");
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("5.14.0-503.14.1.el9_5.x86_64");
    }

    @Test
    void aModulesTreeCountsWhenBootIsEmptyButLeftoversDoNot() {
        Tree t = UpdateHosts.debian12(dir).file("/proc/sys/kernel/osrelease", "6.1.0-27-amd64\n")
                .file("/lib/modules/6.1.0-27-amd64/kernel/fs/ext4/ext4.ko", "m")
                .file("/lib/modules/6.1.0-28-amd64/kernel/fs/ext4/ext4.ko", "m")
                .file("/lib/modules/6.1.0-30-amd64/modules.dep", "");
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("installed 6.1.0-28-amd64");
        assertThat(o.evidence().get(1).path()).isEqualTo("/lib/modules/6.1.0-28-amd64/kernel");
    }

    @Test
    void aContainerWithoutKernelsIsSkipped() {
        Tree t = UpdateHosts.debian12(dir).file("/proc/sys/kernel/osrelease", "6.8.0-45-generic\n");
        Outcome o = check.evaluate(LiveRoot.host(t));
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("container");
    }

    @Test
    void aKernelOfAnotherFlavourOnlyIsSkipped() {
        assertThat(check.evaluate(LiveRoot.host(debianKernels("6.8.0-45-generic", "6.1.0-28-amd64"))))
                .isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void withoutTheRunningKernelItSkips() {
        assertThat(check.evaluate(LiveRoot.host(UpdateHosts.debian12(dir)))).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void flavoursAreNamedAsTheDistributionsBuildThem() {
        assertThat(Kernels.flavour("6.1.0-28-cloud-amd64")).isEqualTo("cloud-amd64");
        assertThat(Kernels.flavour("6.8.0-45-generic")).isEqualTo("generic");
        assertThat(Kernels.flavour("5.14.0-503.14.1.el9_5.x86_64")).isEqualTo("x86_64");
        assertThat(Kernels.flavour("5.14.0-503.14.1.el9_5.x86_64+debug")).isEqualTo("x86_64+debug");
    }
}
