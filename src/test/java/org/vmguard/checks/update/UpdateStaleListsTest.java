package org.vmguard.checks.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class UpdateStaleListsTest {

    @TempDir
    Path dir;

    final UpdateStaleLists check = new UpdateStaleLists();

    static final String INRELEASE = "/var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_InRelease";

    Tree aptLists(Duration age) {
        var when = Tree.NOW.minus(age);
        return new Tree(dir).file(INRELEASE, "Origin: Debian\n").mtime(INRELEASE, when)
                .dir("/var/lib/apt/lists/partial").mtime("/var/lib/apt/lists/partial", when)
                .mtime("/var/lib/apt/lists", when);
    }

    @Test
    void passesWhenRefreshedYesterday() {
        Outcome o = check.evaluate(aptLists(Duration.ofDays(1)).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("24 hours ago");
    }

    @Test
    void failsWhenTenDaysOldAndNamesTheNewestFile() {
        Outcome o = check.evaluate(aptLists(Duration.ofDays(10)).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("10 days ago");
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.path()).startsWith("/var/lib/apt/lists"));
    }

    @Test
    void theSuccessStampOfTheDailyJobCounts() {
        Tree t = aptLists(Duration.ofDays(30)).file("/var/lib/apt/periodic/update-success-stamp", "")
                .mtime("/var/lib/apt/periodic/update-success-stamp", Tree.NOW.minus(Duration.ofHours(3)));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence().getFirst().path()).isEqualTo("/var/lib/apt/periodic/update-success-stamp");
    }

    @Test
    void dnfMetadataCachesCount() {
        Tree t = new Tree(dir).file("/var/cache/dnf/baseos.solv", "x").mtime("/var/cache/dnf/baseos.solv",
                Tree.NOW.minus(Duration.ofDays(9)))
                .file("/var/cache/dnf/appstream-25e2d53e0ba1b1f5/repodata/repomd.xml", "<repomd/>")
                .mtime("/var/cache/dnf/appstream-25e2d53e0ba1b1f5/repodata/repomd.xml", Tree.NOW.minus(Duration.ofDays(8)));
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("dnf").contains("8 days");
    }

    @Test
    void anImageWithoutListsIsSkippedButALiveHostFails() {
        Tree t = new Tree(dir).dir("/var/lib/apt/lists/partial");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Skip.class);
        assertThat(check.evaluate(LiveRoot.host(t))).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void skipsWithoutAnyPackageManager() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
