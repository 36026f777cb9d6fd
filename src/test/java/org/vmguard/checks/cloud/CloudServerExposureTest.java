package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.cloud.ProjectBuilder.in;

import org.junit.jupiter.api.Test;
import org.vmguard.cloud.Listeners;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

class CloudServerExposureTest {

    final CloudServerExposure check = new CloudServerExposure();

    static ProjectBuilder project() {
        return new ProjectBuilder()
                .group("g", "web", in("r-ssh", "IPv4", "tcp", 22, 22, "0.0.0.0/0"),
                        in("r-http", "IPv4", "tcp", 80, 80, "0.0.0.0/0"),
                        in("r-alt", "IPv4", "tcp", 8000, 8010, "0.0.0.0/0"),
                        in("r-inside", "IPv4", "tcp", 5432, 5432, "10.0.0.0/8"),
                        in("r-ssh6", "IPv6", "tcp", 22, 22, "::/0"),
                        in("r-alt6", "IPv6", "tcp", 8000, 8010, "::/0"))
                .server("s1", "web1").port("p1", "s1", "10.0.0.5", true, "g").floatingIp("203.0.113.10", "p1")
                .server("s2", "v6host").port("p2", "s2", "2a01:4f8:1:2::7", true, "g")
                .server("s3", "private").port("p3", "s3", "10.0.0.9", true, "g");
    }

    @Test
    void skipsWithoutHostResults() {
        Outcome o = check.evaluate(project().build());
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("--listeners");
    }

    @Test
    void aWorldRuleForAPortNothingListensOnIsStaleAndAListenerItExposesIsReported() {
        Listeners l = Listeners.parse("listeners.json", """
                {"hosts": {"web1": {"tcp": [22, 80, 8005]}, "2a01:4f8:1:2::7": {"tcp": [22, 80], "udp": [53]}}}
                """);
        Outcome o = check.evaluate(project().listeners(l).build());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(Evidence::path).containsExactly(
                "/v2.0/security-group-rules/r-alt", "/v2.0/security-group-rules/r-alt6");
        assertThat(o.evidence().get(0).text()).contains("web1", "203.0.113.10", "listens on only [8005]");
        assertThat(o.evidence().get(1).text()).contains("v6host", "nothing listens there");
        assertThat(o.reason()).contains("web1 tcp 22", "web1 tcp 80", "web1 tcp 8005", "v6host tcp 22");
    }

    @Test
    void anIpv6RuleDoesNotExposeAnIpv4Address() {
        var p = new ProjectBuilder().group("g", "web", in("r-v6", "IPv6", "tcp", 8000, 8010, "::/0"))
                .server("s1", "web1").port("p1", "s1", "10.0.0.5", true, "g").floatingIp("203.0.113.10", "p1")
                .listeners(Listeners.parse("l.json", "{\"hosts\": {\"s1\": {\"tcp\": [22]}}}")).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void passesWhenTheGroupsMatchTheListeners() {
        var p = new ProjectBuilder().group("g", "web", in("r-ssh", "IPv4", "tcp", 22, 22, "0.0.0.0/0"))
                .server("s1", "web1").port("p1", "s1", "10.0.0.5", true, "g").floatingIp("203.0.113.10", "p1")
                .listeners(Listeners.parse("l.json", "{\"hosts\": {\"s1\": {\"tcp\": [22]}}}")).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void portSecurityOffOnAPublicPortExposesEverything() {
        var p = new ProjectBuilder().server("s1", "open1").port("p1", "s1", "10.0.0.5", false).floatingIp("203.0.113.20", "p1")
                .listeners(Listeners.parse("l.json", "{\"hosts\": {\"open1\": {\"tcp\": [22]}}}")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).path()).isEqualTo("/v2.0/ports/p1");
    }

    @Test
    void skipsWhenNoPublicServerHasHostResults() {
        var p = project().listeners(Listeners.parse("l.json", "{\"hosts\": {\"elsewhere\": {\"tcp\": [22]}}}")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Skip.class);
        assertThat(o.reason()).contains("web1", "v6host").doesNotContain("private");
    }
}
