package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.Probed;

class ProbeRiskyPortTest {

    final ProbeRiskyPort check = new ProbeRiskyPort();

    @Test
    void knocksOnTheTcpPortsOfTheRiskyServicesOnly() {
        assertThat(ProbeRiskyPort.PORTS).containsKeys(23, 3306, 5432, 6379, 11211, 27017, 2375, 5900, 5909, 5999);
        assertThat(ProbeRiskyPort.PORTS).doesNotContainKeys(22, 80, 443, 69, 161, 5910);
    }

    @Test
    void failsOnAnOpenDatabasePortNamingTheService() {
        Outcome o = check.evaluate(new Network().open(22, 3306, 6379).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("3306 (mysql)", "6379 (redis)").doesNotContain("22");
        assertThat(o.evidence()).hasSize(2);
        assertThat(o.evidence().getFirst().command()).isEqualTo("tcp connect 192.0.2.7:3306");
    }

    @Test
    void passesWhenNoneAccepts() {
        assertThat(check.evaluate(new Network().open(22, 443).host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorWhenThePortsCouldNotBeTried() {
        assertThat(check.evaluate(new Network().tcp(Probed.failed("network unreachable")).host()))
                .isEqualTo(Outcome.error("network unreachable"));
    }
}
