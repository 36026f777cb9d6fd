package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Evidence;
import org.vmguard.core.Outcome;
import org.vmguard.core.Severity;
import org.vmguard.facts.Host;
import org.vmguard.facts.db.Databases;

public final class DbExposed implements Check<Host> {

    static final CheckInfo INFO = CheckInfo.host("db.exposed",
            "Databases listen on localhost only and require authentication", Severity.CRITICAL,
            "Databases reachable from the Internet are found by scanners within minutes; those without "
                    + "authentication (Redis, MongoDB, Elasticsearch, memcached by default) are wiped, ransomed or "
                    + "used for amplification. Reach them through an SSH tunnel or a private network instead.",
            "MySQL/MariaDB: bind-address = 127.0.0.1 in /etc/mysql/mariadb.conf.d/50-server.cnf. PostgreSQL: "
                    + "listen_addresses = 'localhost' in postgresql.conf and no 'trust' for remote hosts in "
                    + "pg_hba.conf. Redis: bind 127.0.0.1 -::1, protected-mode yes, requirepass. MongoDB: "
                    + "net.bindIp: 127.0.0.1 and security.authorization: enabled. Elasticsearch: network.host: "
                    + "127.0.0.1. memcached: -l 127.0.0.1 in /etc/memcached.conf. Restart the service after the change.",
            "Databases should not be exposed to the Internet", "CIS Debian 12 2.2.x");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(Host host) {
        List<Databases.Database> dbs = host.fact(Databases.KEY).databases();
        if (dbs.isEmpty()) {
            return Outcome.skip("no database server (MySQL/MariaDB, PostgreSQL, Redis, MongoDB, Elasticsearch, memcached) is installed");
        }
        List<Evidence> ev = new ArrayList<>();
        List<String> what = new ArrayList<>();
        for (Databases.Database d : dbs) {
            LiveState state = LiveState.of(host, d.name(), d.listeners());
            what.addAll(state.exposed());
            ev.addAll(state.evidence());
            if (d.unauthenticated().isPresent()) {
                ev.addAll(d.unauthenticatedEvidence());
                what.add(d.name() + ": " + d.unauthenticated().get());
            }
        }
        if (!what.isEmpty()) {
            return Outcome.fail(String.join("; ", what), ev);
        }
        return Outcome.pass(String.join(", ", dbs.stream().map(Databases.Database::name).toList()) + ": loopback only",
                dbs.stream().flatMap(d -> d.listeners().stream()).map(l -> l.evidence()).toList());
    }
}
