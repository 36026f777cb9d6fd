package org.vmguard.checks.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;
import org.vmguard.facts.mail.Listener;
import org.vmguard.facts.net.Sockets;

/**
 * Configuration and live state of one server joined: on a running host where the server's sockets
 * are visible, the live sockets decide whether it is exposed, and the evidence shows both them and
 * what the configuration says; otherwise (an image, or the server not running) the configuration
 * decides.
 */
record LiveState(boolean live, List<String> exposed, List<Evidence> evidence) {

    /** The programs that hold each server's sockets, as /proc/PID/comm names them. */
    static final Map<String, List<String>> PROGRAMS = Map.ofEntries(
            Map.entry("postfix", List.of("master")),
            Map.entry("exim", List.of("exim4", "exim")),
            Map.entry("sendmail", List.of("sendmail", "sendmail-mta")),
            Map.entry("opensmtpd", List.of("smtpd")),
            Map.entry("mysql", List.of("mysqld", "mariadbd")),
            Map.entry("postgresql", List.of("postgres")),
            Map.entry("redis", List.of("redis-server")),
            Map.entry("mongodb", List.of("mongod")),
            Map.entry("elasticsearch", List.of("java")),
            Map.entry("memcached", List.of("memcached")));

    static LiveState of(Host host, String server, List<Listener> configured) {
        Sockets sockets = host.fact(Sockets.KEY);
        List<Sockets.Socket> held = sockets.live()
                ? sockets.ownedBy(PROGRAMS.getOrDefault(server, List.of(server)).toArray(String[]::new)) : List.of();
        if (server.equals("elasticsearch")) {
            held = held.stream().filter(s -> s.port() == 9200 || s.port() == 9300).toList();
        }
        List<String> exposed = new ArrayList<>();
        List<Evidence> ev = new ArrayList<>();
        if (!held.isEmpty()) {
            for (Sockets.Socket s : held) {
                if (s.exposed()) {
                    exposed.add(server + " listens on " + s.endpoint() + " (live)");
                    ev.add(s.evidence());
                }
            }
            if (!exposed.isEmpty()) {
                for (Listener l : configured) {
                    // the configuration's own file and line, so a reader sees both sides
                    Evidence c = l.evidence();
                    ev.add(new Evidence(c.path(), c.line(), "configured: " + (l.address().equals("*") ? "every address"
                            : l.address()) + " port " + l.port() + " — " + c.text(), c.command()));
                }
            }
            return new LiveState(true, exposed, ev);
        }
        for (Listener l : configured) {
            if (!l.loopback()) {
                exposed.add(server + " configured on " + (l.address().equals("*") ? "every address" : l.address())
                        + " port " + l.port());
                if (!ev.contains(l.evidence())) { // one main.cf line can give several addresses
                    ev.add(l.evidence());
                }
            }
        }
        return new LiveState(false, exposed, ev);
    }
}
