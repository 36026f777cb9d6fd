package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.cloud.ProjectBuilder.in;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

class CloudSgWorldRiskyTest {

    final CloudSgWorldRisky check = new CloudSgWorldRisky();

    @Test
    void failsOnDatabasePortsAndRangesThatHoldThem() {
        var p = new ProjectBuilder().group("g1", "db",
                in("r-mysql", "IPv4", "tcp", 3306, 3306, "0.0.0.0/0"),
                in("r-range", "IPv6", "tcp", 6000, 6500, "::/0"),
                in("r-memcached", "IPv4", "17", 11211, 11211, "0.0.0.0/0"),
                in("r-internal", "IPv4", "tcp", 5432, 5432, "10.0.0.0/8"),
                in("r-web", "IPv4", "tcp", 443, 443, "0.0.0.0/0"),
                in("r-udp-mysql", "IPv4", "udp", 3306, 3306, "0.0.0.0/0")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(Evidence::path).containsExactly("/v2.0/security-group-rules/r-mysql",
                "/v2.0/security-group-rules/r-range", "/v2.0/security-group-rules/r-memcached");
        assertThat(o.evidence().get(1).text()).contains("redis (tcp 6379)");
        assertThat(o.evidence().get(2).text()).contains("memcached (udp 11211)");
    }

    @Test
    void passesWhenTheRiskyPortsAreLimitedToKnownAddresses() {
        var p = new ProjectBuilder().group("g1", "db", in("r1", "IPv4", "tcp", 5432, 5432, "203.0.113.0/24")).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }
}
