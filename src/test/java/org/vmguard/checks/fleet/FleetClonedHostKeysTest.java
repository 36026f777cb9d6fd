package org.vmguard.checks.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.facts.fleet.FleetFacts;
import org.vmguard.facts.fleet.UnprotectedKeys;

class FleetClonedHostKeysTest {

    static FleetFacts.Member host(String name, String fp) {
        return new FleetFacts.Member(name, "ssh-ed25519", fp, new UnprotectedKeys(List.of(), List.of()), null);
    }

    @Test
    void failsWhenTwoHostsPresentTheSameHostKey() {
        Outcome o = new FleetClonedHostKeys().evaluate(new FleetFacts(List.of(host("web1", "SHA256:aaa"),
                host("web2", "SHA256:bbb"), host("web3", "SHA256:aaa"))));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().text()).isEqualTo("ssh-ed25519 SHA256:aaa presented by web1, web3");
    }

    @Test
    void passesWhenEveryHostHasItsOwnKey() {
        Outcome o = new FleetClonedHostKeys().evaluate(new FleetFacts(List.of(host("a", "SHA256:1"), host("b", "SHA256:2"))));
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("2 distinct host keys");
    }

    @Test
    void skipsWithFewerThanTwoHosts() {
        assertThat(new FleetClonedHostKeys().evaluate(new FleetFacts(List.of(host("a", "SHA256:1")))))
                .isInstanceOf(Outcome.Skip.class);
    }
}
