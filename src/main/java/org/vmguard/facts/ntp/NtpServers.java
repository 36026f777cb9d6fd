package org.vmguard.facts.ntp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.dns.Cidr;

/**
 * The NTP daemons on a host and whether they answer control queries (mode 6, and mode 7 such as
 * monlist) from anyone. ntpd: the most specific {@code restrict} entry matching the client
 * decides, {@code restrict default} covering both families unless {@code -4}/{@code -6} narrows it;
 * without one, classic ntpd 4.2 answers queries, while NTPsec's built-in default restriction
 * already has {@code noquery limited}. chrony: its command port answers remote clients only when
 * {@code bindcmdaddress} is not loopback and {@code cmdallow} covers them.
 */
public record NtpServers(List<Daemon> daemons) {

    public static final FactKey<NtpServers> KEY = FactKey.of("ntp servers", NtpServers::load);

    /** @param open why anyone may query it, with evidence; empty when not */
    public record Daemon(String name, Evidence binary, Optional<Finding> open) {
    }

    public record Finding(String reason, List<Evidence> evidence) {
    }

    /** Flags that stop mode 6/7 queries. */
    static final Set<String> CLOSED = Set.of("noquery", "ignore");

    static final List<String> OUTSIDE = List.of("1.2.3.4", "2600::1");

    static NtpServers load(Host host) {
        List<Daemon> out = new ArrayList<>();
        Optional<String> ntpsecConf = host.text("/etc/ntpsec/ntp.conf");
        if (host.stat("/usr/sbin/ntpd").isPresent()) {
            boolean ntpsec = ntpsecConf.isPresent() || host.stat("/usr/share/doc/ntpsec").isPresent();
            String path = ntpsec ? "/etc/ntpsec/ntp.conf" : host.stat("/etc/ntp.conf").isPresent() ? "/etc/ntp.conf" : "/etc/ntp/ntp.conf";
            String text = host.text(path).orElse("");
            out.add(new Daemon(ntpsec ? "ntpsec" : "ntpd", Evidence.file("/usr/sbin/ntpd", "installed"),
                    ntpd(path, text, ntpsec, host)));
        }
        if (host.stat("/usr/sbin/chronyd").isPresent()) {
            String path = host.stat("/etc/chrony/chrony.conf").isPresent() ? "/etc/chrony/chrony.conf" : "/etc/chrony.conf";
            out.add(new Daemon("chrony", Evidence.file("/usr/sbin/chronyd", "installed"),
                    chrony(path, host.text(path).orElse(""))));
        }
        return new NtpServers(List.copyOf(out));
    }

    record Restrict(String family, Cidr network, List<String> flags, boolean unrestrict, Evidence evidence) {
    }

    /** Why ntpd answers queries from an outside client, or empty. */
    public static Optional<Finding> ntpd(String path, String text, boolean ntpsec, Host host) {
        List<Restrict> rs = new ArrayList<>();
        read(path, text, rs, host, 0);
        for (String client : OUTSIDE) {
            byte[] addr = Cidr.addressOf(client);
            // entries for the same address and mask accumulate: restrict adds flags, unrestrict removes them
            Restrict best = null;
            for (Restrict r : rs) {
                if (r.network().contains(addr) && (best == null || r.network().prefix() > best.network().prefix())) {
                    best = r;
                }
            }
            List<Evidence> ev = new ArrayList<>();
            List<String> flags = new ArrayList<>();
            if (best == null || best.network().prefix() == 0) {
                if (ntpsec) {
                    flags.addAll(List.of("noquery", "limited")); // NTPsec's built-in default restriction
                }
                if (best == null) {
                    ev.add(Evidence.note("no restrict line covers " + client + " in " + path + ": "
                            + (ntpsec ? "NTPsec's built-in default is noquery limited" : "ntpd answers queries by default")));
                }
            }
            if (best != null) {
                for (Restrict r : rs) {
                    if (r.network().equals(best.network()) || sameNetwork(r, best)) {
                        if (r.unrestrict()) {
                            flags.removeAll(r.flags());
                        } else {
                            flags.addAll(r.flags());
                        }
                        ev.add(r.evidence());
                    }
                }
            }
            if (flags.stream().noneMatch(CLOSED::contains)) {
                return Optional.of(new Finding("ntpd answers mode 6/7 queries (such as monlist or readvar) from "
                        + client + ": the restriction that applies has no noquery", ev));
            }
        }
        return Optional.empty();
    }

    private static boolean sameNetwork(Restrict a, Restrict b) {
        return a.network().prefix() == b.network().prefix() && java.util.Arrays.equals(a.network().address(), b.network().address());
    }

    private static void read(String path, String text, List<Restrict> rs, Host host, int depth) {
        if (depth > 8) {
            throw new ParseError(path, 0, "includefile nested too deeply");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (l.isEmpty()) {
                continue;
            }
            List<String> w = List.of(l.split("\\s+"));
            String kw = w.getFirst().toLowerCase(Locale.ROOT);
            if (kw.equals("includefile") && w.size() > 1 && host != null) {
                String inc = w.get(1);
                read(inc, host.text(inc).orElse(""), rs, host, depth + 1);
                continue;
            }
            if (!kw.equals("restrict") && !kw.equals("unrestrict")) {
                continue;
            }
            int k = 1;
            String family = "both";
            if (k < w.size() && (w.get(k).equals("-4") || w.get(k).equals("-6"))) {
                family = w.get(k++);
            }
            if (k >= w.size()) {
                throw new ParseError(path, i + 1, kw + " needs an address or default");
            }
            String target = w.get(k++);
            String mask = null;
            if (k + 1 < w.size() && w.get(k).equals("mask")) {
                mask = w.get(k + 1);
                k += 2;
            }
            List<String> flags = w.subList(k, w.size()).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            Evidence ev = Evidence.at(path, i + 1, l);
            List<Cidr> nets = new ArrayList<>();
            if (target.equals("default")) {
                if (!family.equals("-6")) {
                    nets.add(Cidr.parse("0.0.0.0/0").orElseThrow());
                }
                if (!family.equals("-4")) {
                    nets.add(Cidr.parse("::/0").orElseThrow());
                }
            } else if (target.equals("source")) {
                continue; // applies to configured servers only
            } else {
                Optional<Cidr> c = Cidr.parse(mask == null ? target : target + "/" + mask);
                if (c.isEmpty()) {
                    continue; // a host name: ntpd resolves it; it is never "anyone"
                }
                nets.add(c.get());
            }
            for (Cidr n : nets) {
                rs.add(new Restrict(n.isV6() ? "-6" : "-4", n, flags, kw.equals("unrestrict"), ev));
            }
        }
    }

    /** chrony answers remote command clients only if bound beyond loopback and cmdallow covers them. */
    public static Optional<Finding> chrony(String path, String text) {
        String[] lines = text.split("\n", -1);
        Evidence bind = null;
        List<Evidence> allow = new ArrayList<>();
        boolean world = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].replaceAll("[#!;%].*$", "").strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] w = l.split("\\s+");
            switch (w[0].toLowerCase(Locale.ROOT)) {
                case "bindcmdaddress" -> {
                    if (w.length > 1 && !w[1].startsWith("127.") && !w[1].equals("::1") && !w[1].startsWith("/")) {
                        bind = Evidence.at(path, i + 1, l);
                    }
                }
                case "cmdallow" -> {
                    boolean all = w.length == 1 || w[1].equals("all")
                            || Cidr.parse(w[w.length - 1]).map(Cidr::everything).orElse(false);
                    if (all) {
                        world = true;
                        allow.add(Evidence.at(path, i + 1, l));
                    }
                }
                default -> { }
            }
        }
        if (bind != null && world) {
            List<Evidence> ev = new ArrayList<>(allow);
            ev.addFirst(bind);
            return Optional.of(new Finding("chronyd answers command (mode 6 style) queries from anyone: "
                    + "bindcmdaddress is not loopback and cmdallow covers every address", ev));
        }
        return Optional.empty();
    }
}
