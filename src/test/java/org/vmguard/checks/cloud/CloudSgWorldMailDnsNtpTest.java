package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.cloud.ProjectBuilder.in;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;

class CloudSgWorldMailDnsNtpTest {

    final CloudSgWorldMailDnsNtp check = new CloudSgWorldMailDnsNtp();

    @Test
    void failsOnSmtpDnsAndARangeHoldingNtp() {
        var p = new ProjectBuilder().group("g1", "mail",
                in("r-smtp", "IPv4", "tcp", 25, 25, "0.0.0.0/0"),
                in("r-dns", "IPv6", "udp", 53, 53, "::/0"),
                in("r-ntp-range", "IPv4", "udp", 100, 200, "0.0.0.0/0"),
                in("r-submission", "IPv4", "tcp", 587, 587, "0.0.0.0/0"),
                in("r-dns-inside", "IPv4", "udp", 53, 53, "10.0.0.0/8")).build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(Evidence::path).containsExactly("/v2.0/security-group-rules/r-smtp",
                "/v2.0/security-group-rules/r-dns", "/v2.0/security-group-rules/r-ntp-range");
        assertThat(o.evidence().get(2).text()).contains("NTP (udp 123)");
    }

    @Test
    void passesWithoutThem() {
        var p = new ProjectBuilder().group("g1", "web", in("r1", "IPv4", "tcp", 443, 443, "0.0.0.0/0")).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }
}
