package org.vmguard.facts.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/** The DNS servers installed on a host (BIND, unbound, dnsmasq) and whether each recurses for anyone. */
public record DnsServers(List<Server> servers) {

    public static final FactKey<DnsServers> KEY = FactKey.of("dns servers", DnsServers::load);

    /**
     * @param open why it answers recursive queries from outside, with evidence; empty when it does not
     * @param problem a configuration that could not be read or understood, or ""
     */
    public record Server(String name, Evidence binary, Optional<Finding> open, String problem) {
    }

    public record Finding(String reason, List<Evidence> evidence) {
    }

    static DnsServers load(Host host) {
        List<Server> out = new ArrayList<>();
        if (host.stat("/usr/sbin/named").isPresent()) {
            out.add(bind(host));
        }
        if (host.stat("/usr/sbin/unbound").isPresent()) {
            out.add(unbound(host));
        }
        if (host.stat("/usr/sbin/dnsmasq").isPresent()) {
            out.add(dnsmasq(host));
        }
        return new DnsServers(List.copyOf(out));
    }

    private static Server bind(Host host) {
        Evidence bin = Evidence.file("/usr/sbin/named", "installed");
        String path = host.stat("/etc/bind/named.conf").isPresent() ? "/etc/bind/named.conf" : "/etc/named.conf";
        try {
            Optional<String> text = host.text(path);
            if (text.isEmpty()) {
                return new Server("bind", bin, Optional.empty(), "named is installed but " + path + " does not exist");
            }
            NamedConf conf = NamedConf.parse(path, text.get(), host::text);
            return new Server("bind", bin, Bind.parse(path, conf).openRecursion()
                    .map(o -> new Finding("named answers recursive queries from " + o.client() + " (" + o.scope() + ")",
                            o.evidence())), "");
        } catch (FactException e) {
            return new Server("bind", bin, Optional.empty(), e.getMessage());
        }
    }

    private static Server unbound(Host host) {
        Evidence bin = Evidence.file("/usr/sbin/unbound", "installed");
        String path = "/etc/unbound/unbound.conf";
        try {
            Optional<String> text = host.text(path);
            if (text.isEmpty()) {
                return new Server("unbound", bin, Optional.empty(), "unbound is installed but " + path + " does not exist");
            }
            UnboundConf conf = UnboundConf.parse(path, text.get(), new UnboundConf.Files() {
                @Override
                public List<String> glob(String pattern) {
                    return DnsServers.glob(host, pattern);
                }

                @Override
                public Optional<String> read(String p) {
                    return host.text(p);
                }
            });
            List<UnboundConf.Entry> exposed = conf.exposedInterfaces();
            if (exposed.isEmpty()) {
                return new Server("unbound", bin, Optional.empty(), "");
            }
            for (String client : Bind.OUTSIDE) {
                Optional<UnboundConf.Entry> rule = conf.decidingRule(Cidr.addressOf(client));
                if (rule.isPresent() && conf.allowsRecursion(rule.get())) {
                    List<Evidence> ev = new ArrayList<>();
                    exposed.forEach(e -> ev.add(e.evidence()));
                    ev.add(rule.get().evidence());
                    return new Server("unbound", bin, Optional.of(new Finding("unbound listens on "
                            + exposed.getFirst().value() + " and access-control " + rule.get().value()
                            + " lets " + client + " recurse", ev)), "");
                }
            }
            return new Server("unbound", bin, Optional.empty(), "");
        } catch (FactException e) {
            return new Server("unbound", bin, Optional.empty(), e.getMessage());
        }
    }

    /**
     * dnsmasq forwards (recurses) for whoever it answers. It answers only local subnets with
     * local-service (which Debian's start script adds when no interface option is set), or when
     * bound to loopback (interface=lo, listen-address=127.0.0.1).
     */
    private static Server dnsmasq(Host host) {
        Evidence bin = Evidence.file("/usr/sbin/dnsmasq", "installed");
        List<String[]> lines = new ArrayList<>();
        List<String> files = new ArrayList<>(List.of("/etc/dnsmasq.conf"));
        for (String n : host.list("/etc/dnsmasq.d")) {
            if (!n.endsWith("~") && !n.startsWith(".") && !n.endsWith(".dpkg-dist") && !n.endsWith(".dpkg-old")) {
                files.add("/etc/dnsmasq.d/" + n);
            }
        }
        for (String f : files) {
            Optional<String> t = host.text(f);
            if (t.isEmpty()) {
                continue;
            }
            String[] ls = t.get().split("\n");
            for (int i = 0; i < ls.length; i++) {
                String l = ls[i].strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    lines.add(new String[] {f, String.valueOf(i + 1), l});
                }
            }
        }
        boolean localService = false;
        List<Evidence> binds = new ArrayList<>();
        boolean onlyLoopback = true;
        boolean anyBind = false;
        boolean portOff = false;
        for (String[] l : lines) {
            String key = l[2].contains("=") ? l[2].substring(0, l[2].indexOf('=')).strip() : l[2];
            String value = l[2].contains("=") ? l[2].substring(l[2].indexOf('=') + 1).strip() : "";
            Evidence ev = Evidence.at(l[0], Integer.parseInt(l[1]), l[2]);
            switch (key) {
                case "local-service" -> localService = true;
                case "port" -> portOff |= value.equals("0");
                case "interface", "listen-address" -> {
                    anyBind = true;
                    binds.add(ev);
                    for (String v : value.split(",")) {
                        String x = v.strip();
                        if (!(x.equals("lo") || x.startsWith("127.") || x.equals("::1"))) {
                            onlyLoopback = false;
                        }
                    }
                }
                default -> { }
            }
        }
        if (portOff || localService || anyBind && onlyLoopback) {
            return new Server("dnsmasq", bin, Optional.empty(), "");
        }
        if (!anyBind) {
            Optional<String> init = host.text("/etc/init.d/dnsmasq");
            if (init.isPresent() && init.get().contains("--local-service")) {
                return new Server("dnsmasq", bin, Optional.empty(), "");
            }
            return new Server("dnsmasq", bin, Optional.of(new Finding(
                    "dnsmasq listens on every interface and answers (and forwards) queries from anyone: no local-service",
                    List.of(Evidence.note("no interface, listen-address or local-service option in "
                            + String.join(", ", files))))), "");
        }
        return new Server("dnsmasq", bin, Optional.of(new Finding(
                "dnsmasq answers (and forwards) queries from anyone on a non-loopback interface: no local-service", binds)), "");
    }

    /** A glob whose wildcards are in the last component only ("/etc/x.d/*.conf"), sorted; or the path itself. */
    static List<String> glob(Host host, String pattern) {
        int slash = pattern.lastIndexOf('/');
        String dir = slash <= 0 ? "/" : pattern.substring(0, slash);
        String name = pattern.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return host.stat(pattern).isPresent() ? List.of(pattern) : List.of();
        }
        StringBuilder re = new StringBuilder();
        for (char c : name.toCharArray()) {
            switch (c) {
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern p = Pattern.compile(re.toString());
        return host.list(dir).stream().filter(n -> p.matcher(n).matches() && !n.startsWith("."))
                .map(n -> (dir.equals("/") ? "" : dir) + "/" + n).toList();
    }
}
