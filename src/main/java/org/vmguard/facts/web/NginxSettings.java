package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;

/**
 * What the web checks need to know of an nginx configuration, with inheritance http → server →
 * location and the defaults of Debian 12's nginx 1.22 (server_tokens on, autoindex off,
 * ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 — "TLSv1.2 TLSv1.3" only since 1.23.4).
 */
public final class NginxSettings {

    private NginxSettings() {
    }

    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** A value in force and where it comes from (a directive, or a note about the default). */
    public record Setting(String value, Evidence where) {
    }

    /** server_tokens for the http block(s) and every server (default on). */
    public static List<Setting> serverTokens(NginxConfig c) {
        List<Setting> out = new ArrayList<>();
        for (NginxDirective h : c.http()) {
            Setting base = NginxConfig.last(h.children(), "server_tokens").map(d -> new Setting(d.arg(0), d.evidence()))
                    .orElse(new Setting("on", Evidence.note("server_tokens on (nginx's default; not set in the http block of "
                            + h.path() + ":" + h.line() + ")")));
            out.add(base);
            for (NginxDirective s : servers(h)) {
                scoped(s, "server_tokens", base, out);
            }
        }
        return dedupe(out);
    }

    /** autoindex settings that are on where requests are served. */
    public static List<Setting> autoindex(NginxConfig c) {
        List<Setting> out = new ArrayList<>();
        for (NginxDirective h : c.http()) {
            Setting base = NginxConfig.last(h.children(), "autoindex").map(d -> new Setting(d.arg(0), d.evidence()))
                    .orElse(new Setting("off", Evidence.note("autoindex off (default)")));
            List<NginxDirective> ss = servers(h);
            if (ss.isEmpty()) {
                continue;
            }
            for (NginxDirective s : ss) {
                scoped(s, "autoindex", base, out);
            }
        }
        return dedupe(out.stream().filter(s -> s.value().equals("on")).toList());
    }

    /** The value for a block and each nested location, inherited from {@code parent}. */
    private static void scoped(NginxDirective block, String name, Setting parent, List<Setting> out) {
        Setting here = NginxConfig.last(block.children(), name).map(d -> new Setting(d.arg(0), d.evidence())).orElse(parent);
        out.add(here);
        for (NginxDirective d : block.children()) {
            if (d.block() && (d.name().equals("location") || d.name().equals("if"))) {
                scoped(d, name, here, out);
            }
        }
    }

    private static List<Setting> dedupe(List<Setting> in) {
        return List.copyOf(new LinkedHashSet<>(in));
    }

    static List<NginxDirective> servers(NginxDirective http) {
        return http.children().stream().filter(d -> d.block() && d.name().equals("server")).toList();
    }

    /** A server with TLS: the line that turns it on and the protocols in force. */
    public record TlsServer(Evidence listen, Set<String> protocols, Evidence protocolLine) {
    }

    /** Does this nginx version default to "TLSv1.2 TLSv1.3" (1.23.4 and later)? "1.22.1-9+deb12u1" → false. */
    public static boolean modernDefault(String version) {
        String v = version.replaceFirst("^\\d+:", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(v);
        if (!m.find()) {
            return false;
        }
        int[] have = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
        int[] want = {1, 23, 4};
        for (int i = 0; i < 3; i++) {
            if (have[i] != want[i]) {
                return have[i] > want[i];
            }
        }
        return true;
    }

    public static List<TlsServer> tls(NginxConfig c, String version) {
        boolean modern = modernDefault(version);
        String shown = version.isEmpty() ? "version unknown" : "nginx " + version;
        List<TlsServer> out = new ArrayList<>();
        for (NginxDirective h : c.http()) {
            Optional<NginxDirective> hp = NginxConfig.last(h.children(), "ssl_protocols");
            Optional<NginxDirective> hssl = NginxConfig.last(h.children(), "ssl");
            for (NginxDirective s : servers(h)) {
                NginxDirective on = null;
                for (NginxDirective d : s.children()) {
                    if (!d.block() && d.name().equals("listen") && d.args().stream().skip(1).anyMatch(a -> a.equals("ssl"))) {
                        on = d;
                    }
                }
                Optional<NginxDirective> ssl = NginxConfig.last(s.children(), "ssl").or(() -> hssl);
                if (on == null && ssl.isPresent() && ssl.get().arg(0).equals("on")) {
                    on = ssl.get();
                }
                if (on == null) {
                    continue;
                }
                Optional<NginxDirective> p = NginxConfig.last(s.children(), "ssl_protocols").or(() -> hp);
                Evidence at = on.evidence();
                out.add(p.map(d -> new TlsServer(at, Set.copyOf(d.args()), d.evidence()))
                        .orElse(modern
                                ? new TlsServer(at, Set.of("TLSv1.2", "TLSv1.3"), Evidence.note(
                                        "ssl_protocols TLSv1.2 TLSv1.3 (the default since nginx 1.23.4; " + shown + ")"))
                                : new TlsServer(at, Set.copyOf(DEFAULT_PROTOCOLS), Evidence.note(
                                        "ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3 (the default before nginx 1.23.4; "
                                                + shown + ")"))));
            }
        }
        return out;
    }

    public record Log(String path, Evidence where) {
    }

    /** access_log and error_log files (off, syslog: and stderr left out), with Debian's defaults. */
    public static List<Log> logs(NginxConfig c) {
        List<Log> out = new ArrayList<>();
        out.add(new Log("/var/log/nginx/error.log", Evidence.note("/var/log/nginx/error.log (Debian's compiled-in error log)")));
        boolean access = false;
        for (String n : List.of("access_log", "error_log")) {
            for (NginxDirective d : NginxConfig.all(c.tree(), n)) {
                String f = d.arg(0);
                access |= n.equals("access_log");
                if (f.isEmpty() || f.equals("off") || f.startsWith("syslog:") || f.equals("stderr") || f.startsWith("memory:")) {
                    continue;
                }
                out.add(new Log(f.startsWith("/") ? ApacheConfig.normalise(f) : ApacheConfig.normalise("/usr/share/nginx/" + f),
                        d.evidence()));
            }
        }
        if (!access) {
            out.add(new Log("/var/log/nginx/access.log", Evidence.note("/var/log/nginx/access.log (default access log)")));
        }
        return out;
    }

    /** A document root and the index files looked for there. */
    public record Root(String dir, List<String> index, Evidence where) {
    }

    public static List<Root> roots(NginxConfig c) {
        List<Root> out = new ArrayList<>();
        for (NginxDirective h : c.http()) {
            for (NginxDirective s : servers(h)) {
                Optional<NginxDirective> root = NginxConfig.last(s.children(), "root").or(() -> NginxConfig.last(h.children(), "root"));
                Optional<NginxDirective> index = NginxConfig.last(s.children(), "index")
                        .or(() -> NginxConfig.last(h.children(), "index"));
                String dir = root.map(d -> d.arg(0)).orElse("html");
                dir = dir.startsWith("/") ? ApacheConfig.normalise(dir) : ApacheConfig.normalise("/usr/share/nginx/" + dir);
                out.add(new Root(dir, index.map(NginxDirective::args).orElse(List.of("index.html")),
                        root.map(NginxDirective::evidence).orElse(s.evidence())));
            }
        }
        return out;
    }
}
