package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.cloud.ProjectBuilder.in;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

class CloudSgWorldSshTest {

    final CloudSgWorldSsh check = new CloudSgWorldSsh();

    @Test
    void failsOnSshFromTheWorldAndOnARangeThatHoldsIt() {
        var p = new ProjectBuilder().group("g1", "ssh",
                in("r-ssh", "IPv4", "tcp", 22, 22, "0.0.0.0/0"),
                in("r-low", "IPv6", "6", 1, 1024, "::/0"),
                in("r-office", "IPv4", "tcp", 22, 22, "192.0.2.0/24"),
                in("r-udp", "IPv4", "udp", 22, 22, "0.0.0.0/0")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(Evidence::path).containsExactly("/v2.0/security-group-rules/r-ssh",
                "/v2.0/security-group-rules/r-low");
        assertThat(o.evidence().get(0).text()).contains("group ssh (g1, region RegionOne)", "attached to no port");
    }

    @Test
    void passesWhenSshIsLimitedToKnownRanges() {
        var p = new ProjectBuilder().group("g1", "ssh", in("r1", "IPv4", "tcp", 22, 22, "192.0.2.0/24")).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }
}
