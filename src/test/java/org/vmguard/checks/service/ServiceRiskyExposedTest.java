package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class ServiceRiskyExposedTest {

    @TempDir
    Path dir;

    final ServiceRiskyExposed check = new ServiceRiskyExposed();

    @Test
    void failsForRedisListeningOnEveryAddressOfALiveHost() {
        Tree t = Procs.tcp(new Tree(dir), "00000000:18EB 5001", "0100007F:0CEA 5002"); // 0.0.0.0:6379, 127.0.0.1:3306
        Procs.process(t, 700, "redis-server", 5001);
        Outcome o = check.evaluate(t.liveHost());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("redis on 0.0.0.0:6379").doesNotContain("mysql");
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/proc/net/tcp");
            assertThat(e.text()).contains("redis-server pid 700");
        });
    }

    @Test
    void passesWhenOnlySshListensPublicly() {
        Tree t = Procs.tcp(new Tree(dir), "00000000:0016 5001", "0100007F:18EB 5002");
        assertThat(check.evaluate(t.liveHost())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void onAnImageFailsForAnEnabledRpcbind() {
        Tree t = new Tree(dir).file("/usr/lib/systemd/system/rpcbind.service", "[Unit]\n")
                .symlink("/etc/systemd/system/multi-user.target.wants/rpcbind.service", "/usr/lib/systemd/system/rpcbind.service");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("rpcbind");
    }

    @Test
    void onAnImageFailsForADatabaseConfiguredOnEveryAddress() {
        Tree t = new Tree(dir).file("/usr/bin/memcached", "").file("/etc/memcached.conf", "-m 64\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void onAnImagePassesWithNothingRiskyEnabled() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc/systemd/system").host())).isInstanceOf(Outcome.Pass.class);
    }
}
