package org.vmguard.facts.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.Host;

/**
 * Postfix as configured: main.cf and master.cf under /etc/postfix, the networks mynetworks names
 * (inline, in files, or in cidr tables), and what follows from them: where smtpd listens and
 * whether it relays for the whole world.
 */
public record Postfix(PostfixMain main, PostfixMaster master, List<String> mynetworks, List<Evidence> mynetworksFrom) {

    public static final String DIR = "/etc/postfix";

    /** Items that make smtpd refuse relaying, at least one of which Postfix insists on. */
    static final Set<String> RELAY_GUARDS = Set.of("reject_unauth_destination", "defer_unauth_destination", "reject",
            "defer", "defer_if_permit", "check_relay_domains");

    /** Empty when main.cf does not exist. */
    public static Optional<Postfix> load(Host host) {
        Optional<String> mainText = host.text(DIR + "/main.cf");
        if (mainText.isEmpty()) {
            return Optional.empty();
        }
        PostfixMain main = PostfixMain.parse(DIR + "/main.cf", mainText.get());
        PostfixMaster master = host.text(DIR + "/master.cf").map(t -> PostfixMaster.parse(DIR + "/master.cf", t))
                .orElse(new PostfixMaster(DIR + "/master.cf", List.of()));
        List<String> nets = new ArrayList<>();
        List<Evidence> from = new ArrayList<>();
        if (main.explicit("mynetworks").isPresent()) {
            from.add(main.evidence("mynetworks"));
            for (String item : PostfixMain.list(main.expand("mynetworks"))) {
                String file = tableFile(item);
                if (file == null) {
                    nets.add(item);
                    continue;
                }
                Optional<String> t = host.text(file);
                if (t.isEmpty()) {
                    continue;
                }
                String[] lines = t.get().split("\n");
                for (int k = 0; k < lines.length; k++) {
                    String l = lines[k].strip();
                    if (l.isEmpty() || l.startsWith("#")) {
                        continue;
                    }
                    String net = l.split("\\s+")[0];
                    nets.add(net);
                    from.add(Evidence.at(file, k + 1, PostfixMain.clip(l)));
                }
            }
        }
        return Optional.of(new Postfix(main, master, List.copyOf(nets), List.copyOf(from)));
    }

    /** "/etc/postfix/nets" and "cidr:/etc/postfix/nets" name files; other table types are not read. */
    private static String tableFile(String item) {
        if (item.startsWith("/")) {
            return item;
        }
        int colon = item.indexOf(':');
        if (colon > 0 && item.substring(0, colon).matches("cidr|hash|lmdb|btree|texthash|inline")
                && item.substring(colon + 1).startsWith("/")) {
            return item.substring(colon + 1);
        }
        return null;
    }

    /** The inet services master.cf enables, after master_service_disable. */
    public List<PostfixMaster.Service> inetServices() {
        Set<String> disabled = Set.copyOf(PostfixMain.list(main.expand("master_service_disable").toLowerCase(Locale.ROOT)));
        return master.services().stream()
                .filter(s -> s.type().equals("inet"))
                .filter(s -> !disabled.contains("inet") && !disabled.contains(s.name().toLowerCase(Locale.ROOT) + ".inet"))
                .toList();
    }

    /** Where each enabled inet service listens. */
    public List<Listener> listeners() {
        List<Listener> out = new ArrayList<>();
        for (PostfixMaster.Service s : inetServices()) {
            Evidence ev = s.evidence(master.path());
            if (!s.host().isEmpty()) {
                out.add(new Listener(s.host(), s.port(), ev));
                continue;
            }
            // master binds what main.cf says: a service's -o inet_interfaces reaches only the
            // smtpd it starts, never the socket (PostfixListenersLiveTest shows it with the real one)
            String ifaces = main.expand("inet_interfaces");
            Evidence why = applied(main.evidence("inet_interfaces"), ev);
            for (String a : PostfixMain.list(ifaces)) {
                List<String> addresses = switch (a.toLowerCase(Locale.ROOT)) {
                    case "all" -> List.of("*");
                    case "loopback-only" -> loopback(main.expand("inet_protocols"));
                    default -> List.of(a);
                };
                addresses.forEach(address -> out.add(new Listener(address, s.port(), why)));
            }
        }
        return out;
    }

    /** loopback-only is 127.0.0.1 and/or ::1, as inet_protocols enables IPv4 and IPv6 (postconf(5)). */
    static List<String> loopback(String inetProtocols) {
        List<String> p = PostfixMain.list(inetProtocols.toLowerCase(Locale.ROOT));
        List<String> out = new ArrayList<>();
        if (p.contains("all") || p.contains("ipv4")) {
            out.add("127.0.0.1");
        }
        if (p.contains("all") || p.contains("ipv6")) {
            out.add("::1");
        }
        return out.isEmpty() ? List.of("127.0.0.1") : out;
    }

    /** main.cf's inet_interfaces line (its file and line kept), naming the service it applies to. */
    private static Evidence applied(Evidence setting, Evidence service) {
        return new Evidence(setting.path(), setting.line(),
                setting.text() + " — applies to " + service.where() + " " + service.text(), setting.command());
    }

    /** Does mynetworks hold an entry that covers every address? */
    public Optional<String> worldNetwork() {
        for (String n : mynetworks) {
            String t = n.replace("[", "").replace("]", "");
            if (t.equals("0.0.0.0/0") || t.equals("0/0") || t.equals("::/0") || t.equals("0.0.0.0/0.0.0.0")
                    || t.endsWith("/0")) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** How a restriction list ends for an unauthenticated client from anywhere, mailing an outside domain. */
    public enum Verdict { PERMIT, REJECT, NO_DECISION }

    public Verdict evaluate(List<String> restrictions) {
        boolean world = worldNetwork().isPresent();
        for (int k = 0; k < restrictions.size(); k++) {
            String r = restrictions.get(k).toLowerCase(Locale.ROOT);
            switch (r) {
                case "permit" -> {
                    return Verdict.PERMIT;
                }
                case "permit_mynetworks" -> {
                    if (world) {
                        return Verdict.PERMIT;
                    }
                }
                case "warn_if_reject" -> k++; // the next restriction only warns
                default -> {
                    if (RELAY_GUARDS.contains(r)) {
                        return Verdict.REJECT;
                    }
                    if (r.contains(":") || r.startsWith("check_")) {
                        k += r.startsWith("check_") && !r.contains(":") ? 1 : 0; // skip the table argument
                    }
                }
            }
        }
        return Verdict.NO_DECISION;
    }

    /** Why one smtpd service relays for the world, or empty when it does not. */
    public Optional<String> openRelay(PostfixMaster.Service s) {
        List<String> relay = PostfixMain.list(main.expand("smtpd_relay_restrictions", s.overrides()));
        List<String> rcpt = PostfixMain.list(main.expand("smtpd_recipient_restrictions", s.overrides()));
        boolean guarded = relay.stream().anyMatch(x -> RELAY_GUARDS.contains(x.toLowerCase(Locale.ROOT)))
                || rcpt.stream().anyMatch(x -> RELAY_GUARDS.contains(x.toLowerCase(Locale.ROOT)));
        if (!guarded) {
            return Optional.empty(); // smtpd refuses to run without one ("specify at least one working instance")
        }
        Verdict a = evaluate(relay);
        Verdict b = evaluate(rcpt);
        if (a == Verdict.REJECT || b == Verdict.REJECT) {
            return Optional.empty();
        }
        String why = worldNetwork().map(n -> "mynetworks includes " + n + " and permit_mynetworks lets every client relay")
                .orElse("the relay restrictions permit every client");
        return Optional.of(why + " (smtpd_relay_restrictions = " + String.join(", ", relay)
                + "; smtpd_recipient_restrictions = " + String.join(", ", rcpt) + ")");
    }

    public Map<String, String> overridesOf(PostfixMaster.Service s) {
        return s.overrides();
    }
}
