package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;

class CloudSgUnusedTest {

    final CloudSgUnused check = new CloudSgUnused();

    @Test
    void failsOnAGroupNoPortUsesButNotOnTheDefaultGroup() {
        var p = new ProjectBuilder().group("d", "default").group("w", "web").group("old", "legacy")
                .server("s1", "web1").port("p1", "s1", "10.0.0.5", true, "w").build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).hasSize(1);
        assertThat(o.evidence().get(0).path()).isEqualTo("/v2.0/security-groups/old");
    }

    @Test
    void passesWhenEveryGroupIsAttached() {
        var p = new ProjectBuilder().group("w", "web").server("s1", "web1").port("p1", "s1", "10.0.0.5", true, "w").build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }
}
