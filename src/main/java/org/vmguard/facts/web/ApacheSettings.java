package org.vmguard.facts.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.PathGlob;

/**
 * What the web checks need to know of an evaluated Apache configuration, with httpd 2.4's
 * defaults and merge rules: ServerTokens Full, ServerSignature Off, Options FollowSymlinks,
 * SSLProtocol "all -SSLv3", DocumentRoot /var/www/html, DirectoryIndex index.html.
 */
public final class ApacheSettings {

    private ApacheSettings() {
    }

    public static final String DEFAULT_DOCROOT = "/var/www/html";

    /** A directory httpd serves, and the line that makes it served. */
    public record Served(String dir, Evidence where, Optional<ApacheDirective> vhost) {
    }

    /** DocumentRoot of the main server and of each VirtualHost, and Alias targets. */
    public static List<Served> served(ApacheConfig c) {
        List<Served> out = new ArrayList<>();
        Optional<ApacheDirective> root = c.lastServerLevel("DocumentRoot");
        Served main = root.map(d -> new Served(c.absolute(d.arg(0)), d.evidence(), Optional.<ApacheDirective>empty()))
                .orElse(new Served(DEFAULT_DOCROOT, Evidence.note("DocumentRoot " + DEFAULT_DOCROOT + " (httpd's compiled-in default)"),
                        Optional.empty()));
        if (root.isPresent() || c.virtualHosts().isEmpty()) {
            out.add(main); // with virtual hosts, the main server's compiled-in root answers nothing
        }
        for (ApacheDirective d : c.serverLevel("Alias")) {
            if (d.args().size() == 2) {
                out.add(new Served(c.absolute(d.arg(1)), d.evidence(), Optional.empty()));
            }
        }
        for (ApacheDirective v : c.virtualHosts()) {
            ApacheDirective vr = null;
            for (ApacheDirective d : v.children()) {
                if (!d.section() && d.is("DocumentRoot")) {
                    vr = d;
                }
                if (!d.section() && d.is("Alias") && d.args().size() == 2) {
                    out.add(new Served(c.absolute(d.arg(1)), d.evidence(), Optional.of(v)));
                }
            }
            if (vr != null) {
                out.add(new Served(c.absolute(vr.arg(0)), vr.evidence(), Optional.of(v)));
            }
        }
        List<Served> unique = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Served s : out) {
            if (seen.add(s.dir() + "|" + s.vhost().map(ApacheDirective::line).orElse(0) + s.vhost().map(ApacheDirective::path).orElse(""))) {
                unique.add(s);
            }
        }
        return unique;
    }

    /** The effective Options of a directory and the lines that decided them. */
    public record Options(Set<String> set, List<Evidence> lines) {
        public boolean indexes() {
            return set.contains("indexes");
        }
    }

    static final List<String> ALL = List.of("indexes", "includes", "followsymlinks", "execcgi");

    private record Scoped(ApacheDirective section, int order, int depth, boolean inVhost) {
    }

    /** Options as httpd merges them for {@code dir}: server, virtual host, then matching Directory sections, shortest first. */
    public static Options options(ApacheConfig c, String dir, Optional<ApacheDirective> vhost) {
        Set<String> set = new LinkedHashSet<>(List.of("followsymlinks"));
        List<Evidence> lines = new ArrayList<>();
        for (ApacheDirective d : c.serverLevel("Options")) {
            apply(d, set, lines);
        }
        List<Scoped> dirs = new ArrayList<>();
        int order = 0;
        for (ApacheDirective d : c.tree()) {
            if (d.section() && d.is("Directory") && covers(d, dir)) {
                dirs.add(new Scoped(d, order, depth(d.arg(0)), false));
            }
            order++;
        }
        if (vhost.isPresent()) {
            for (ApacheDirective d : vhost.get().children()) {
                if (!d.section() && d.is("Options")) {
                    apply(d, set, lines);
                }
                if (d.section() && d.is("Directory") && covers(d, dir)) {
                    dirs.add(new Scoped(d, order, depth(d.arg(0)), true));
                }
                order++;
            }
        }
        dirs.sort(Comparator.comparingInt(Scoped::depth).thenComparing(Scoped::inVhost).thenComparingInt(Scoped::order));
        for (Scoped s : dirs) {
            for (ApacheDirective d : s.section().children()) {
                if (!d.section() && d.is("Options")) {
                    apply(d, set, lines);
                }
            }
        }
        return new Options(Set.copyOf(set), lines);
    }

    private static void apply(ApacheDirective d, Set<String> set, List<Evidence> lines) {
        boolean signed = d.args().stream().allMatch(a -> a.startsWith("+") || a.startsWith("-"));
        boolean unsigned = d.args().stream().noneMatch(a -> a.startsWith("+") || a.startsWith("-"));
        if (!signed && !unsigned) {
            throw new ParseError(d.path(), d.line(), "either all Options must start with + or -, or no Option may");
        }
        if (unsigned) {
            set.clear();
        }
        for (String a : d.args()) {
            char sign = signed ? a.charAt(0) : '+';
            String o = (signed ? a.substring(1) : a).toLowerCase(Locale.ROOT);
            List<String> what = switch (o) {
                case "all" -> ALL;
                case "none" -> List.of();
                case "includesnoexec" -> List.of("includes");
                default -> List.of(o);
            };
            if (sign == '-') {
                set.removeAll(what);
            } else {
                set.addAll(what);
            }
        }
        lines.add(d.evidence());
    }

    private static boolean covers(ApacheDirective section, String dir) {
        String p = section.arg(0);
        if (section.args().size() != 1 || p.startsWith("~")) {
            return false; // regular-expression sections are not judged
        }
        String[] want = ApacheConfig.normalise(p).split("/");
        String[] have = ApacheConfig.normalise(dir).split("/");
        if (want.length > have.length) {
            return false;
        }
        for (int i = 1; i < want.length; i++) {
            if (!(PathGlob.hasMagic(want[i]) ? PathGlob.matches(want[i], have[i]) : want[i].equals(have[i]))) {
                return false;
            }
        }
        return true;
    }

    private static int depth(String p) {
        return ApacheConfig.normalise(p).equals("/") ? 0 : ApacheConfig.normalise(p).split("/").length - 1;
    }

    /** A TLS-enabled site: the SSLEngine line and the protocols it allows. */
    public record TlsSite(Evidence engine, Set<String> protocols, Evidence protocolLine) {
    }

    public static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** Sites with SSLEngine on (server level or a VirtualHost), when mod_ssl is loaded. */
    public static List<TlsSite> tls(ApacheConfig c) {
        List<TlsSite> out = new ArrayList<>();
        if (!c.loaded("ssl_module")) {
            return out;
        }
        Optional<ApacheDirective> mainProto = c.lastServerLevel("SSLProtocol");
        Optional<ApacheDirective> mainEngine = c.lastServerLevel("SSLEngine");
        if (mainEngine.isPresent() && on(mainEngine.get())) {
            out.add(site(mainEngine.get(), mainProto));
        }
        for (ApacheDirective v : c.virtualHosts()) {
            ApacheDirective engine = null;
            ApacheDirective proto = null;
            for (ApacheDirective d : v.children()) {
                if (!d.section() && d.is("SSLEngine")) {
                    engine = d;
                }
                if (!d.section() && d.is("SSLProtocol")) {
                    proto = d;
                }
            }
            if (engine != null && on(engine)) {
                out.add(site(engine, proto != null ? Optional.of(proto) : mainProto));
            }
        }
        return out;
    }

    private static boolean on(ApacheDirective d) {
        String a = d.arg(0).toLowerCase(Locale.ROOT);
        return a.equals("on") || a.equals("optional");
    }

    private static TlsSite site(ApacheDirective engine, Optional<ApacheDirective> proto) {
        if (proto.isEmpty()) {
            return new TlsSite(engine.evidence(), protocols(List.of("all", "-SSLv3"), engine.path(), engine.line()),
                    Evidence.note("SSLProtocol all -SSLv3 (mod_ssl's default)"));
        }
        ApacheDirective p = proto.get();
        return new TlsSite(engine.evidence(), protocols(p.args(), p.path(), p.line()), p.evidence());
    }

    /** mod_ssl's SSLProtocol: a word without + or - replaces what came before; "all" is every protocol OpenSSL offers. */
    public static Set<String> protocols(List<String> args, String path, int line) {
        Set<String> set = new LinkedHashSet<>();
        for (String a : args) {
            char sign = a.isEmpty() ? ' ' : a.charAt(0);
            String p = sign == '+' || sign == '-' ? a.substring(1) : a;
            List<String> what;
            if (p.equalsIgnoreCase("all")) {
                what = PROTOCOLS;
            } else {
                String canon = null;
                for (String k : List.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3")) {
                    if (k.equalsIgnoreCase(p)) {
                        canon = k;
                    }
                }
                if (canon == null) {
                    throw new ParseError(path, line, "SSLProtocol: illegal protocol '" + ApacheFile.clip(a) + "'");
                }
                what = List.of(canon);
            }
            switch (sign) {
                case '+' -> set.addAll(what);
                case '-' -> set.removeAll(what);
                default -> {
                    set.clear();
                    set.addAll(what);
                }
            }
        }
        return set;
    }

    /** ErrorLog, CustomLog and TransferLog files (pipes and syslog left out), made absolute. */
    public static List<Log> logs(ApacheConfig c) {
        List<Log> out = new ArrayList<>();
        List<ApacheDirective> errs = c.serverLevel("ErrorLog");
        if (errs.isEmpty()) {
            out.add(new Log(c.absolute("logs/error_log"), Evidence.note("ErrorLog logs/error_log (httpd's default)")));
        }
        for (String n : List.of("ErrorLog", "CustomLog", "TransferLog")) {
            for (ApacheDirective d : c.everywhere(n)) {
                String f = d.arg(0);
                if (f.isEmpty() || f.startsWith("|") || f.startsWith("syslog")) {
                    continue;
                }
                out.add(new Log(c.absolute(f), d.evidence()));
            }
        }
        return out;
    }

    public record Log(String path, Evidence where) {
    }

    /** The index files httpd looks for, in order (DirectoryIndex at server level, else index.html). */
    public static List<String> directoryIndex(ApacheConfig c) {
        return c.lastServerLevel("DirectoryIndex").map(ApacheDirective::args).filter(a -> !a.isEmpty())
                .orElse(List.of("index.html"));
    }
}
