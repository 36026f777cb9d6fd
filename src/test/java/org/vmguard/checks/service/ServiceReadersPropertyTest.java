package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.core.Check;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.testing.Mutations;
import org.vmguard.testing.Tree;

/**
 * Mutated package defaults of every service reader (NTP, databases): a check gives an outcome, or
 * the fact fails with our error naming the file; nothing else is ever thrown.
 */
class ServiceReadersPropertyTest {

    @TempDir
    Path dir;

    static Stream<Long> seeds() {
        return IntStream.range(0, 12).mapToObj(i -> 4242L + i);
    }

    record Case(String binary, String path, String resource, Check<Host> check) {
    }

    static final List<Case> CASES = List.of(
            new Case("/usr/sbin/ntpd", "/etc/ntpsec/ntp.conf", "/org/vmguard/facts/ntp/ntpsec.ntp.conf", new NtpMonlist()),
            new Case("/usr/sbin/chronyd", "/etc/chrony/chrony.conf", "/org/vmguard/facts/ntp/chrony.conf", new NtpMonlist()),
            new Case("/usr/bin/redis-server", "/etc/redis/redis.conf", "/org/vmguard/facts/db/redis.conf", new DbExposed()),
            new Case("/usr/sbin/mariadbd", "/etc/mysql/my.cnf", "/org/vmguard/facts/db/50-server.cnf", new DbExposed()),
            new Case("/usr/bin/memcached", "/etc/memcached.conf", "/org/vmguard/facts/db/memcached.conf", new DbExposed()),
            new Case("/usr/bin/mongod", "/etc/mongod.conf", null, new DbExposed()),
            new Case("/usr/sbin/postfix", "/etc/postfix/main.cf", "/org/vmguard/facts/mail/main.cf.debian12", new MailOpenRelay()));

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedConfigurationsGiveAnOutcomeOrOurError(long seed) throws Exception {
        Random r = new Random(seed);
        for (Case c : CASES) {
            String base = c.resource() == null ? "net:\n  bindIp: 127.0.0.1\nsecurity:\n  authorization: enabled\n"
                    : new String(getClass().getResourceAsStream(c.resource()).readAllBytes());
            for (int i = 0; i < 25; i++) {
                Path root = dir.resolve(seed + "-" + i + "-" + Math.abs(c.path().hashCode()));
                Host host = new Tree(root).file(c.binary(), "").file(c.path(), Mutations.mutate(r, base)).host();
                try {
                    assertThat(c.check().evaluate(host)).isNotNull();
                } catch (FactException e) {
                    assertThat(e.getMessage()).contains("/etc/");
                }
            }
        }
    }
}
