package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class DbExposedTest {

    @TempDir
    Path dir;

    final DbExposed check = new DbExposed();

    static String resource(String name) throws IOException {
        try (var in = DbExposedTest.class.getResourceAsStream("/org/vmguard/facts/db/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Tree mariadb(String serverCnf) throws IOException {
        return new Tree(dir).file("/usr/sbin/mariadbd", "").file("/etc/mysql/my.cnf", resource("mariadb.cnf"))
                .file("/etc/mysql/mariadb.conf.d/50-server.cnf", serverCnf);
    }

    @Test
    void passesForDebiansMariadbDefaults() throws IOException {
        Outcome o = check.evaluate(mariadb(resource("50-server.cnf")).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).matches("bind-address\\s*= 127.0.0.1"));
    }

    @Test
    void failsWhenALaterDropInBindsMariadbToEveryAddress() throws IOException {
        Outcome o = check.evaluate(mariadb(resource("50-server.cnf"))
                .file("/etc/mysql/mariadb.conf.d/60-remote.cnf", "[mysqld]\nbind_address = 0.0.0.0\n").host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().path()).isEqualTo("/etc/mysql/mariadb.conf.d/60-remote.cnf");
    }

    @Test
    void failsWhenMariadbHasNoBindAddressAtAll() throws IOException {
        assertThat(check.evaluate(mariadb("[mysqld]\nport = 3306\n").host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesForDebiansRedisDefaultsAndFailsForAPublicBindWithoutAPassword() throws IOException {
        Tree t = new Tree(dir).file("/usr/bin/redis-server", "").file("/etc/redis/redis.conf", resource("redis.conf"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        t.file("/etc/redis/redis.conf", resource("redis.conf") + "\nbind 0.0.0.0\nprotected-mode no\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("redis configured on every address port 6379").contains("requirepass");
    }

    @Test
    void postgresqlDefaultsToLocalhostAndTrustForRemoteHostsFails() throws IOException {
        Tree t = new Tree(dir).file("/etc/postgresql/15/main/postgresql.conf", resource("postgresql.conf.sample"))
                .file("/etc/postgresql/15/main/pg_hba.conf", resource("pg_hba.conf.sample"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        t.file("/etc/postgresql/15/main/conf.d/listen.conf", "listen_addresses = '*'   # everywhere\n")
                .file("/etc/postgresql/15/main/postgresql.conf", resource("postgresql.conf.sample") + "\ninclude_dir = 'conf.d'\n")
                .file("/etc/postgresql/15/main/pg_hba.conf", "host all all 0.0.0.0/0 trust\n");
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("postgresql configured on every address port 5432").contains("trusts remote hosts");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.path()).endsWith("conf.d/listen.conf"));
    }

    @Test
    void mongodbDefaultsToLocalhostAndBindIpAllWithoutAuthorizationFails() {
        Tree t = new Tree(dir).file("/usr/bin/mongod", "").file("/etc/mongod.conf", "storage:\n  dbPath: /var/lib/mongodb\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        t.file("/etc/mongod.conf", "net:\n  port: 27017\n  bindIpAll: true\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class)
                .satisfies(o -> assertThat(o.reason()).contains("authorization"));
    }

    @Test
    void memcachedFromDebiansDefaultsListensOnLoopback() throws IOException {
        Tree t = new Tree(dir).file("/usr/bin/memcached", "").file("/etc/memcached.conf", resource("memcached.conf"));
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Pass.class);
        t.file("/etc/memcached.conf", "-m 64\n-p 11211\n");
        assertThat(check.evaluate(t.host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void aBrokenConfigFileIsOurParseErrorWhichTheRunnerReportsAsError() {
        var host = new Tree(dir).file("/usr/bin/mongod", "").file("/etc/mongod.conf", "net: [unclosed\n").host();
        assertThatThrownBy(() -> check.evaluate(host)).isInstanceOf(org.vmguard.facts.ParseError.class)
                .hasMessageStartingWith("/etc/mongod.conf:");
    }

    @Test
    void skipsWithoutADatabase() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
