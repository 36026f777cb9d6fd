package org.vmguard.facts.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/**
 * The MTAs installed on a host (postfix, exim, sendmail, OpenSMTPD), with where their own
 * configuration makes them listen and whether it lets anyone relay.
 */
public record MailServers(List<Mta> mtas) {

    public static final FactKey<MailServers> KEY = FactKey.of("mail servers", MailServers::load);

    static MailServers load(Host host) {
        List<Mta> out = new ArrayList<>();
        binary(host, "/usr/sbin/postfix").ifPresent(bin -> out.add(postfix(host, bin)));
        binary(host, "/usr/sbin/exim4", "/usr/sbin/exim").ifPresent(bin -> out.add(exim(host, bin)));
        binary(host, "/usr/sbin/sendmail-mta", "/usr/sbin/sendmail.sendmail").ifPresent(bin -> out.add(sendmail(host, bin)));
        binary(host, "/usr/sbin/smtpd").ifPresent(bin -> out.add(opensmtpd(host, bin)));
        return new MailServers(List.copyOf(out));
    }

    private static Optional<Evidence> binary(Host host, String... paths) {
        for (String p : paths) {
            if (host.stat(p).isPresent()) {
                return Optional.of(Evidence.file(p, "installed"));
            }
        }
        return Optional.empty();
    }

    private static Mta postfix(Host host, Evidence bin) {
        Enabled en = enabled(host, "postfix");
        Optional<Postfix> pf;
        try {
            pf = Postfix.load(host);
        } catch (FactException e) {
            return new Mta("postfix", bin, List.of(), en.value, en.evidence, Optional.empty(), e.getMessage());
        }
        if (pf.isEmpty()) {
            return new Mta("postfix", bin, List.of(), en.value, en.evidence, Optional.empty(), "");
        }
        Postfix p = pf.get();
        Optional<Mta.Relay> relay = Optional.empty();
        for (PostfixMaster.Service s : p.inetServices()) {
            if (!s.command().equals("smtpd")) {
                continue;
            }
            Optional<String> why;
            try {
                why = p.openRelay(s);
            } catch (FactException e) {
                return new Mta("postfix", bin, List.of(), en.value, en.evidence, Optional.empty(), e.getMessage());
            }
            if (why.isPresent()) {
                List<Evidence> ev = new ArrayList<>();
                ev.add(s.evidence(p.master().path()));
                ev.addAll(p.mynetworksFrom());
                ev.add(p.main().evidence("smtpd_relay_restrictions"));
                ev.add(p.main().evidence("smtpd_recipient_restrictions"));
                relay = Optional.of(new Mta.Relay("service " + s.name() + ": " + why.get(), ev));
                break;
            }
        }
        return new Mta("postfix", bin, p.listeners(), en.value, en.evidence, relay, "");
    }

    /** Debian's update-exim4.conf.conf (dc_local_interfaces, dc_relay_nets), else exim.conf's own settings. */
    private static Mta exim(Host host, Evidence bin) {
        Enabled en = enabled(host, bin.path().endsWith("exim4") ? "exim4" : "exim");
        String debconf = "/etc/exim4/update-exim4.conf.conf";
        Optional<String> t = host.text(debconf);
        List<Listener> listeners = new ArrayList<>();
        Optional<Mta.Relay> relay = Optional.empty();
        if (t.isPresent()) {
            String[] lines = t.get().split("\n");
            String ifaces = null;
            int ifLine = 0;
            for (int k = 0; k < lines.length; k++) {
                String l = lines[k].strip();
                String v = shellValue(l, "dc_local_interfaces");
                if (v != null) {
                    ifaces = v;
                    ifLine = k + 1;
                }
                String nets = shellValue(l, "dc_relay_nets");
                if (nets != null && worldList(nets)) {
                    relay = Optional.of(new Mta.Relay("dc_relay_nets lets every network relay",
                            List.of(Evidence.at(debconf, k + 1, l))));
                }
            }
            if (ifaces == null || ifaces.isBlank()) {
                listeners.add(new Listener("*", 25, ifaces == null ? Evidence.note("dc_local_interfaces is not set in "
                        + debconf + ": exim listens on every interface") : Evidence.at(debconf, ifLine, "dc_local_interfaces=''")));
            } else {
                for (String a : ifaces.split("\\s*;\\s*")) {
                    if (!a.isBlank()) {
                        listeners.add(new Listener(a.strip(), 25, Evidence.at(debconf, ifLine, "dc_local_interfaces='" + ifaces + "'")));
                    }
                }
            }
        } else {
            for (String conf : List.of("/etc/exim/exim.conf", "/etc/exim4/exim4.conf")) {
                Optional<String> c = host.text(conf);
                if (c.isEmpty()) {
                    continue;
                }
                String[] lines = c.get().split("\n");
                boolean set = false;
                for (int k = 0; k < lines.length; k++) {
                    String l = lines[k].strip();
                    if (l.startsWith("local_interfaces") && l.contains("=")) {
                        set = true;
                        String v = l.substring(l.indexOf('=') + 1).strip().replaceFirst("^<\\s*\\S", "");
                        for (String a : v.split("[;:]\\s*")) {
                            if (!a.isBlank()) {
                                listeners.add(new Listener(a.strip(), 25, Evidence.at(conf, k + 1, l)));
                            }
                        }
                    }
                    if (l.matches("hostlist\\s+relay_from_hosts\\s*=.*") && worldList(l.substring(l.indexOf('=') + 1))) {
                        relay = Optional.of(new Mta.Relay("relay_from_hosts lets every network relay",
                                List.of(Evidence.at(conf, k + 1, l))));
                    }
                }
                if (!set) {
                    listeners.add(new Listener("*", 25, Evidence.note("local_interfaces is not set in " + conf
                            + ": exim listens on every interface")));
                }
                break;
            }
        }
        return new Mta("exim", bin, listeners, en.value, en.evidence, relay, "");
    }

    /** sendmail.mc DAEMON_OPTIONS: Addr= limits the address; none means all. promiscuous_relay relays for anyone. */
    private static Mta sendmail(Host host, Evidence bin) {
        Enabled en = enabled(host, "sendmail");
        String mc = "/etc/mail/sendmail.mc";
        List<Listener> listeners = new ArrayList<>();
        Optional<Mta.Relay> relay = Optional.empty();
        Optional<String> t = host.text(mc);
        if (t.isPresent()) {
            String[] lines = t.get().split("\n");
            boolean any = false;
            for (int k = 0; k < lines.length; k++) {
                String l = lines[k].strip();
                if (l.startsWith("dnl")) {
                    continue;
                }
                if (l.startsWith("DAEMON_OPTIONS(")) {
                    any = true;
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Addr=([^,')]+)").matcher(l);
                    java.util.regex.Matcher p = java.util.regex.Pattern.compile("Port=([^,')]+)").matcher(l);
                    int port = p.find() ? portOf(p.group(1)) : 25;
                    listeners.add(new Listener(m.find() ? m.group(1) : "*", port, Evidence.at(mc, k + 1, l)));
                }
                if (l.contains("promiscuous_relay")) {
                    relay = Optional.of(new Mta.Relay("FEATURE(promiscuous_relay) relays for anyone",
                            List.of(Evidence.at(mc, k + 1, l))));
                }
            }
            if (!any) {
                listeners.add(new Listener("*", 25, Evidence.note("no DAEMON_OPTIONS in " + mc + ": sendmail listens on every interface")));
            }
        }
        return new Mta("sendmail", bin, listeners, en.value, en.evidence, relay, "");
    }

    /** smtpd.conf: "listen on IFACE|ADDR|all"; "match from any for any action relay" (or the old "accept from any for any relay"). */
    private static Mta opensmtpd(Host host, Evidence bin) {
        Enabled en = enabled(host, "opensmtpd");
        List<Listener> listeners = new ArrayList<>();
        Optional<Mta.Relay> relay = Optional.empty();
        for (String conf : List.of("/etc/smtpd.conf", "/etc/opensmtpd/smtpd.conf", "/etc/mail/smtpd.conf")) {
            Optional<String> t = host.text(conf);
            if (t.isEmpty()) {
                continue;
            }
            String[] lines = t.get().split("\n");
            java.util.Set<String> relayActions = new java.util.HashSet<>();
            for (int k = 0; k < lines.length; k++) {
                String l = lines[k].strip();
                String[] w = l.split("\\s+");
                if (w.length >= 2 && w[0].equals("action") && l.matches(".*\\srelay(\\s.*)?$")) {
                    relayActions.add(w[1].replace("\"", ""));
                }
            }
            for (int k = 0; k < lines.length; k++) {
                String l = lines[k].strip();
                String[] w = l.split("\\s+");
                if (w.length >= 3 && w[0].equals("listen") && w[1].equals("on")) {
                    int port = 25;
                    for (int j = 3; j + 1 < w.length; j++) {
                        if (w[j].equals("port")) {
                            port = portOf(w[j + 1]);
                        }
                    }
                    listeners.add(new Listener(w[2].equals("all") ? "*" : w[2], port, Evidence.at(conf, k + 1, l)));
                }
                String low = l.toLowerCase(Locale.ROOT);
                boolean anyToAny = low.matches("match\\s+from\\s+any\\s+for\\s+any\\s+action\\s+\"?([^\"\\s]+)\"?.*")
                        && relayActions.contains(low.replaceAll(".*action\\s+\"?([^\"\\s]+)\"?.*", "$1"));
                boolean legacy = low.matches("accept\\s+from\\s+any\\s+for\\s+any\\s+relay.*");
                if (anyToAny || legacy) {
                    relay = Optional.of(new Mta.Relay("mail from any client to any domain is relayed",
                            List.of(Evidence.at(conf, k + 1, l))));
                }
            }
            break;
        }
        return new Mta("opensmtpd", bin, listeners, en.value, en.evidence, relay, "");
    }

    private static int portOf(String s) {
        return switch (s.strip().replace("`", "").replace("'", "")) {
            case "smtp" -> 25;
            case "submission" -> 587;
            case "smtps", "submissions" -> 465;
            default -> {
                try {
                    yield Integer.parseInt(s.strip());
                } catch (NumberFormatException e) {
                    yield 25;
                }
            }
        };
    }

    private static String shellValue(String line, String name) {
        if (!line.startsWith(name + "=")) {
            return null;
        }
        String v = line.substring(name.length() + 1).strip();
        if (v.length() >= 2 && (v.startsWith("'") || v.startsWith("\"")) && v.endsWith(v.substring(0, 1))) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static boolean worldList(String list) {
        for (String n : list.split("[\\s;:,]+")) {
            String t = n.strip();
            if (t.equals("*") || t.equals("0.0.0.0/0") || t.equals("0/0") || t.endsWith("::/0")) {
                return true;
            }
        }
        return false;
    }

    private record Enabled(Optional<Boolean> value, List<Evidence> evidence) {
    }

    /**
     * Starts at boot? A systemd wants link (or a SysV S link) says yes; a mask or no link says no.
     */
    private static Enabled enabled(Host host, String unit) {
        String masked = "/etc/systemd/system/" + unit + ".service";
        Optional<String> link = host.readLink(masked);
        if (link.isPresent() && link.get().equals("/dev/null")) {
            return new Enabled(Optional.of(false), List.of(Evidence.file(masked, "-> /dev/null (masked)")));
        }
        List<Evidence> ev = new ArrayList<>();
        for (String dir : host.list("/etc/systemd/system")) {
            if (!dir.endsWith(".wants")) {
                continue;
            }
            String p = "/etc/systemd/system/" + dir + "/" + unit + ".service";
            if (host.stat(p).isPresent()) {
                ev.add(Evidence.file(p, "enabled"));
            }
        }
        for (String rc : List.of("/etc/rc2.d", "/etc/rc3.d", "/etc/rc5.d")) {
            for (String n : host.list(rc)) {
                if (n.matches("S\\d\\d" + java.util.regex.Pattern.quote(unit))) {
                    ev.add(Evidence.file(rc + "/" + n, "enabled (SysV)"));
                }
            }
        }
        if (!ev.isEmpty()) {
            return new Enabled(Optional.of(true), ev);
        }
        boolean systemd = host.stat("/lib/systemd/system/" + unit + ".service").isPresent()
                || host.stat("/usr/lib/systemd/system/" + unit + ".service").isPresent();
        return systemd ? new Enabled(Optional.of(false), List.of(Evidence.note(unit + ".service is not enabled")))
                : new Enabled(Optional.empty(), List.of());
    }
}
