package org.vmguard.checks.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.facts.fleet.FleetFacts;
import org.vmguard.facts.fleet.UnprotectedKeys;

class FleetSharedPrivateKeyTest {

    static FleetFacts.Member host(String name, List<UnprotectedKeys.KeyFile> keys, List<String> problems) {
        return new FleetFacts.Member(name, "ssh-ed25519", "SHA256:" + name, new UnprotectedKeys(keys, problems), null);
    }

    static UnprotectedKeys.KeyFile key(String path, String fp) {
        return new UnprotectedKeys.KeyFile(path, "ssh-ed25519", fp);
    }

    @Test
    void failsWhenTheSameUnprotectedKeyIsOnTwoHosts() {
        Outcome o = new FleetSharedPrivateKey().evaluate(new FleetFacts(List.of(
                host("a", List.of(key("/root/.ssh/id_ed25519", "SHA256:k")), List.of()),
                host("b", List.of(key("/home/bob/.ssh/deploy", "SHA256:k")), List.of()))));
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().text()).contains("a:/root/.ssh/id_ed25519", "b:/home/bob/.ssh/deploy");
    }

    @Test
    void aKeyCopiedTwiceOnOneHostIsNotAFleetFinding() {
        Outcome o = new FleetSharedPrivateKey().evaluate(new FleetFacts(List.of(
                host("a", List.of(key("/root/.ssh/x", "SHA256:k"), key("/root/.ssh/y", "SHA256:k")), List.of()),
                host("b", List.of(), List.of()))));
        assertThat(o).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void isAnErrorNotAPassWhenSomeHostCouldNotBeSearched() {
        Outcome o = new FleetSharedPrivateKey().evaluate(new FleetFacts(List.of(
                host("a", List.of(), List.of("/home/bob/.ssh: permission denied")),
                new FleetFacts.Member("b", "ssh-ed25519", "SHA256:b", null, "/etc/passwd: permission denied"))));
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("a (/home/bob/.ssh: permission denied)", "b (/etc/passwd: permission denied)");
    }

    @Test
    void skipsWithFewerThanTwoHosts() {
        assertThat(new FleetSharedPrivateKey().evaluate(new FleetFacts(List.of()))).isInstanceOf(Outcome.Skip.class);
    }
}
