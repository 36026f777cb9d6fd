package org.vmguard.checks.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;

class CloudPortSecurityOffTest {

    final CloudPortSecurityOff check = new CloudPortSecurityOff();

    @Test
    void failsOnAServerPortWithoutPortSecurityButNotOnARouterPort() {
        var p = new ProjectBuilder().server("s1", "open1").port("p1", "s1", "10.0.0.5", false)
                .port("p-router", "", "10.0.0.1", false).floatingIp("203.0.113.20", "p1").build();
        Outcome o = check.evaluate(p);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).hasSize(1);
        assertThat(o.evidence().get(0).path()).isEqualTo("/v2.0/ports/p1");
        assertThat(o.evidence().get(0).text()).contains("open1 (s1)", "floating 203.0.113.20");
    }

    @Test
    void passesWhenEveryServerPortHasIt() {
        var p = new ProjectBuilder().server("s1", "web1").port("p1", "s1", "10.0.0.5", true).build();
        assertThat(check.evaluate(p)).isInstanceOf(Outcome.Pass.class);
    }
}
