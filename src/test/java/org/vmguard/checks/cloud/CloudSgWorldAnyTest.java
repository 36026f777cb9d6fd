package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.cloud.ProjectBuilder.in;
import static org.vmguard.checks.cloud.ProjectBuilder.out;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

class CloudSgWorldAnyTest {

    final CloudSgWorldAny check = new CloudSgWorldAny();

    @Test
    void failsOnEveryProtocolFromTheWorldAndOnEveryPortOfTcpFromIpv6World() {
        var p = new ProjectBuilder().group("g1", "wide",
                in("r-any", "IPv4", null, null, null, "0.0.0.0/0"),
                in("r-v6", "IPv6", "tcp", null, null, "::/0"),
                in("r-full-range", "IPv4", "udp", 1, 65535, "0.0.0.0/0"),
                in("r-noremote", "IPv4", "any", null, null, null),
                in("r-narrow", "IPv4", null, null, null, "192.0.2.0/24"),
                in("r-group", "IPv4", null, null, null, "group:g1"),
                in("r-icmp", "IPv4", "icmp", null, null, "0.0.0.0/0"),
                out("r-egress", "IPv4")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(Evidence::path).containsExactly("/v2.0/security-group-rules/r-any",
                "/v2.0/security-group-rules/r-v6", "/v2.0/security-group-rules/r-full-range",
                "/v2.0/security-group-rules/r-noremote");
        assertThat(o.evidence().get(3).text()).contains("anywhere (no remote prefix or group)");
    }

    @Test
    void anAddressGroupHoldingTheWholeInternetIsTheWorld() {
        var p = new ProjectBuilder().addressGroup("ag1", "10.0.0.0/8", "::/0")
                .group("g1", "ag", in("r-ag", "IPv6", null, null, null, "ag:ag1")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).text()).contains("address group ag ag1 ag1 (10.0.0.0/8, ::/0)");
    }

    @Test
    void passesWhenOnlyNarrowRulesExist() {
        var p = new ProjectBuilder().addressGroup("ag1", "10.0.0.0/8")
                .group("g1", "narrow", in("r1", "IPv4", null, null, null, "10.0.0.0/8"),
                        in("r2", "IPv4", "tcp", 1, 65535, "ag:ag1"))
                .build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void anUnlistedAddressGroupCannotBeJudged() {
        var p = new ProjectBuilder().noAddressGroupExtension()
                .group("g1", "x", in("r1", "IPv4", null, null, null, "ag:missing")).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check.evaluate(p))
                .isInstanceOf(org.vmguard.facts.FactException.class).hasMessageContaining("no address-group extension");
    }
}
