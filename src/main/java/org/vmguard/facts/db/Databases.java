package org.vmguard.facts.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.mail.Listener;

/**
 * The database servers installed on a host and where their own configuration makes them listen,
 * with each program's compiled-in default when the setting is absent: MySQL/MariaDB
 * (bind-address, skip-networking, !include/!includedir), PostgreSQL (listen_addresses, include*,
 * pg_hba.conf trust), Redis (bind, protected-mode, include), MongoDB (net.bindIp, bindIpAll,
 * security.authorization), Elasticsearch (network.host, http.host), memcached (-l).
 */
public record Databases(List<Database> databases) {

    public static final FactKey<Databases> KEY = FactKey.of("databases", Databases::load);

    /** @param unauthenticated why anyone may connect without credentials, when that is so */
    public record Database(String name, Evidence binary, List<Listener> listeners, Optional<String> unauthenticated,
            List<Evidence> unauthenticatedEvidence) {

        public List<Listener> exposed() {
            return listeners.stream().filter(l -> !l.loopback()).toList();
        }
    }

    static Databases load(Host host) {
        List<Database> out = new ArrayList<>();
        for (String bin : List.of("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/libexec/mysqld")) {
            if (host.stat(bin).isPresent()) {
                out.add(mysql(host, Evidence.file(bin, "installed")));
                break;
            }
        }
        postgres(host).ifPresent(out::add);
        for (String bin : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server")) {
            if (host.stat(bin).isPresent()) {
                out.add(redis(host, Evidence.file(bin, "installed")));
                break;
            }
        }
        if (host.stat("/usr/bin/mongod").isPresent()) {
            out.add(mongo(host, Evidence.file("/usr/bin/mongod", "installed")));
        }
        if (host.stat("/usr/share/elasticsearch/bin/elasticsearch").isPresent()) {
            out.add(elasticsearch(host, Evidence.file("/usr/share/elasticsearch/bin/elasticsearch", "installed")));
        }
        if (host.stat("/usr/bin/memcached").isPresent()) {
            out.add(memcached(host, Evidence.file("/usr/bin/memcached", "installed")));
        }
        return new Databases(List.copyOf(out));
    }

    // --- MySQL / MariaDB -------------------------------------------------------------------

    private static Database mysql(Host host, Evidence bin) {
        String root = host.stat("/etc/mysql/my.cnf").isPresent() ? "/etc/mysql/my.cnf" : "/etc/my.cnf";
        Map<String, Evidence> last = new java.util.LinkedHashMap<>();
        Optional<String> text = host.text(root);
        if (text.isPresent()) {
            mycnf(host, root, text.get(), last, 0);
        }
        List<Listener> ls = new ArrayList<>();
        if (last.containsKey("skip-networking")) {
            return new Database("mysql", bin, List.of(), Optional.empty(), List.of());
        }
        Evidence b = last.get("bind-address");
        if (b == null) {
            ls.add(new Listener("*", 3306, Evidence.note("bind-address is not set in " + root
                    + " or its includes: mysqld listens on every address")));
        } else {
            String v = b.text().substring(b.text().indexOf('=') + 1).strip();
            for (String a : v.split(",")) {
                String x = a.strip();
                ls.add(new Listener(x.equals("0.0.0.0") || x.equals("::") || x.equals("*") ? "*" : x, 3306, b));
            }
        }
        return new Database("mysql", bin, ls, Optional.empty(), List.of());
    }

    private static final List<String> SERVER_GROUPS = List.of("mysqld", "server", "mariadb", "mariadbd", "mysqld_safe");

    /** my.cnf: [group] sections, name = value, later wins; !include FILE, !includedir DIR (*.cnf, sorted). */
    private static void mycnf(Host host, String path, String text, Map<String, Evidence> last, int depth) {
        if (depth > 10) {
            throw new ParseError(path, 0, "!include nested too deeply");
        }
        String group = "";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            if (l.startsWith("!includedir")) {
                String dir = l.substring("!includedir".length()).strip().replaceAll("/+$", "");
                for (String n : host.list(dir)) {
                    if (n.endsWith(".cnf")) {
                        mycnf(host, dir + "/" + n, host.text(dir + "/" + n).orElse(""), last, depth + 1);
                    }
                }
                continue;
            }
            if (l.startsWith("!include")) {
                String f = l.substring("!include".length()).strip();
                mycnf(host, f, host.text(f).orElse(""), last, depth + 1);
                continue;
            }
            if (l.startsWith("[")) {
                if (!l.contains("]")) {
                    throw new ParseError(path, i + 1, "unterminated group name: " + clip(l));
                }
                group = l.substring(1, l.indexOf(']')).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            boolean server = SERVER_GROUPS.contains(group) || group.matches("(mysqld|mariadb)-[0-9.]+");
            if (!server) {
                continue;
            }
            String name = (l.contains("=") ? l.substring(0, l.indexOf('=')) : l).strip().toLowerCase(Locale.ROOT)
                    .replace('_', '-');
            last.put(name, Evidence.at(path, i + 1, clip(l)));
        }
    }

    // --- PostgreSQL ------------------------------------------------------------------------

    private static Optional<Database> postgres(Host host) {
        List<String> confs = new ArrayList<>();
        for (String ver : host.list("/etc/postgresql")) {
            for (String cluster : host.list("/etc/postgresql/" + ver)) {
                String c = "/etc/postgresql/" + ver + "/" + cluster + "/postgresql.conf";
                if (host.stat(c).isPresent()) {
                    confs.add(c);
                }
            }
        }
        for (String c : List.of("/var/lib/pgsql/data/postgresql.conf")) {
            if (host.stat(c).isPresent()) {
                confs.add(c);
            }
        }
        if (confs.isEmpty()) {
            return Optional.empty();
        }
        List<Listener> ls = new ArrayList<>();
        List<Evidence> trust = new ArrayList<>();
        for (String conf : confs) {
            Map<String, Evidence> values = new java.util.LinkedHashMap<>();
            pgconf(host, conf, host.text(conf).orElse(""), values, 0);
            Evidence la = values.get("listen_addresses");
            String v = la == null ? "localhost" : pgValue(la.text());
            Evidence why = la == null ? Evidence.note("listen_addresses is not set in " + conf + ": PostgreSQL's default is localhost") : la;
            int port = values.containsKey("port") ? parsePort(pgValue(values.get("port").text()), 5432) : 5432;
            for (String a : v.split(",")) {
                String x = a.strip();
                if (!x.isEmpty()) {
                    ls.add(new Listener(x.equals("*") || x.equals("0.0.0.0") || x.equals("::") ? "*" : x, port, why));
                }
            }
            String hba = values.containsKey("hba_file") ? pgValue(values.get("hba_file").text())
                    : conf.substring(0, conf.lastIndexOf('/')) + "/pg_hba.conf";
            Optional<String> hbaText = host.text(hba);
            if (hbaText.isPresent()) {
                String[] lines = hbaText.get().split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    String l = lines[i].replaceAll("#.*$", "").strip();
                    String[] w = l.split("\\s+");
                    if (w.length >= 5 && w[0].startsWith("host") && w[w.length - 1].equals("trust")) {
                        String addr = w[3];
                        boolean local = addr.equals("samehost") || addr.startsWith("127.") || addr.equals("::1/128")
                                || addr.equals("localhost");
                        if (!local) {
                            trust.add(Evidence.at(hba, i + 1, l));
                        }
                    } else if (w.length >= 6 && w[0].startsWith("host") && w[5].equals("trust")) {
                        trust.add(Evidence.at(hba, i + 1, l)); // address + netmask form
                    }
                }
            }
        }
        return Optional.of(new Database("postgresql", Evidence.file(confs.getFirst(), "configured"), ls,
                trust.isEmpty() ? Optional.empty() : Optional.of("pg_hba.conf trusts remote hosts without a password"),
                trust));
    }

    private static void pgconf(Host host, String path, String text, Map<String, Evidence> values, int depth) {
        if (depth > 10) {
            throw new ParseError(path, 0, "include nested too deeply");
        }
        String dir = path.substring(0, path.lastIndexOf('/'));
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = stripPgComment(lines[i]).strip();
            if (l.isEmpty()) {
                continue;
            }
            String name;
            String value;
            int eq = l.indexOf('=');
            if (eq > 0) {
                name = l.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                value = l.substring(eq + 1).strip();
            } else {
                String[] w = l.split("\\s+", 2);
                name = w[0].toLowerCase(Locale.ROOT);
                value = w.length > 1 ? w[1] : "";
            }
            switch (name) {
                case "include", "include_if_exists" -> {
                    String f = abs(dir, unquote(value));
                    Optional<String> t = host.text(f);
                    if (t.isEmpty() && name.equals("include")) {
                        throw new ParseError(path, i + 1, "could not open configuration file \"" + f + "\"");
                    }
                    t.ifPresent(x -> pgconf(host, f, x, values, depth + 1));
                }
                case "include_dir" -> {
                    String d = abs(dir, unquote(value));
                    for (String n : host.list(d)) {
                        if (n.endsWith(".conf") && !n.startsWith(".")) {
                            pgconf(host, d + "/" + n, host.text(d + "/" + n).orElse(""), values, depth + 1);
                        }
                    }
                }
                default -> values.put(name, Evidence.at(path, i + 1, clip(l)));
            }
        }
    }

    private static String stripPgComment(String s) {
        boolean q = false;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\'') {
                q = !q;
            } else if (c == '#' && !q) {
                return s.substring(0, k);
            }
        }
        return s;
    }

    private static String pgValue(String line) {
        int eq = line.indexOf('=');
        String v = eq >= 0 ? line.substring(eq + 1).strip() : line.split("\\s+", 2)[1];
        return unquote(v);
    }

    private static String abs(String dir, String f) {
        return f.startsWith("/") ? f : dir + "/" + f;
    }

    private static String unquote(String v) {
        v = v.strip();
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    private static int parsePort(String s, int dflt) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    // --- Redis -----------------------------------------------------------------------------

    private static Database redis(Host host, Evidence bin) {
        String conf = host.stat("/etc/redis/redis.conf").isPresent() ? "/etc/redis/redis.conf" : "/etc/redis.conf";
        Map<String, Evidence> values = new java.util.LinkedHashMap<>();
        redisConf(host, conf, host.text(conf).orElse(""), values, 0);
        int port = values.containsKey("port") ? parsePort(arg(values.get("port")), 6379) : 6379;
        List<Listener> ls = new ArrayList<>();
        Evidence bind = values.get("bind");
        boolean protectedMode = !values.containsKey("protected-mode") || !arg(values.get("protected-mode")).equals("no");
        boolean password = values.containsKey("requirepass") || values.containsKey("aclfile") || values.containsKey("user");
        if (bind == null) {
            // without bind Redis listens everywhere; protected mode then refuses non-loopback clients if no password
            Evidence why = Evidence.note("no bind line in " + conf + ": redis-server listens on every address");
            if (protectedMode && !password) {
                ls.add(new Listener("127.0.0.1", port, why));
            } else {
                ls.add(new Listener("*", port, why));
            }
        } else {
            for (String a : arg(bind).split("\\s+")) {
                String x = a.startsWith("-") ? a.substring(1) : a;
                ls.add(new Listener(x.equals("0.0.0.0") || x.equals("*") || x.equals("::") || x.equals("::*") ? "*" : x, port, bind));
            }
        }
        boolean exposed = ls.stream().anyMatch(l -> !l.loopback());
        Optional<String> unauth = exposed && !password ? Optional.of("no requirepass: anyone who reaches it can read and write every key")
                : Optional.empty();
        List<Evidence> ev = new ArrayList<>();
        if (unauth.isPresent()) {
            ev.add(values.getOrDefault("protected-mode", Evidence.note("no requirepass in " + conf)));
        }
        return new Database("redis", bin, ls, unauth, ev);
    }

    private static void redisConf(Host host, String path, String text, Map<String, Evidence> values, int depth) {
        if (depth > 10) {
            throw new ParseError(path, 0, "include nested too deeply");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String name = l.split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (name.equals("include")) {
                String f = l.substring(7).strip();
                redisConf(host, f, host.text(f).orElse(""), values, depth + 1);
                continue;
            }
            values.put(name, Evidence.at(path, i + 1, clip(l)));
        }
    }

    private static String arg(Evidence e) {
        String[] w = e.text().strip().split("\\s+", 2);
        return w.length > 1 ? w[1].strip().replace("\"", "") : "";
    }

    // --- MongoDB, Elasticsearch (YAML) ----------------------------------------------------------

    private static JsonNode yaml(String path, String text) {
        org.vmguard.facts.LineLimit.check(path, text);
        try {
            JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(text);
            return n == null ? new ObjectMapper().createObjectNode() : n;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ParseError(path, line, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static Database mongo(Host host, Evidence bin) {
        String conf = "/etc/mongod.conf";
        JsonNode root = yaml(conf, host.text(conf).orElse(""));
        JsonNode net = root.path("net");
        int port = net.path("port").asInt(27017);
        List<Listener> ls = new ArrayList<>();
        if (net.path("bindIpAll").asBoolean(false)) {
            ls.add(new Listener("*", port, Evidence.file(conf, "net.bindIpAll: true")));
        } else if (net.has("bindIp")) {
            for (String a : net.path("bindIp").asText().split(",")) {
                ls.add(new Listener(a.strip().equals("0.0.0.0") || a.strip().equals("::") ? "*" : a.strip(), port,
                        Evidence.file(conf, "net.bindIp: " + net.path("bindIp").asText())));
            }
        } else {
            ls.add(new Listener("127.0.0.1", port, Evidence.note("net.bindIp is not set in " + conf + ": mongod's default is localhost")));
        }
        boolean auth = root.path("security").path("authorization").asText("disabled").equals("enabled");
        boolean exposed = ls.stream().anyMatch(l -> !l.loopback());
        return new Database("mongodb", bin, ls,
                exposed && !auth ? Optional.of("security.authorization is not enabled") : Optional.empty(),
                exposed && !auth ? List.of(Evidence.file(conf, "security.authorization: " + root.path("security")
                        .path("authorization").asText("(not set: disabled)"))) : List.of());
    }

    private static Database elasticsearch(Host host, Evidence bin) {
        String conf = "/etc/elasticsearch/elasticsearch.yml";
        JsonNode root = yaml(conf, host.text(conf).orElse(""));
        List<Listener> ls = new ArrayList<>();
        String http = flat(root, "http.host").or(() -> flat(root, "network.host")).orElse("_local_");
        for (String a : http.replace("[", "").replace("]", "").split(",")) {
            String x = a.strip().replace("\"", "");
            boolean local = x.equals("_local_") || x.equals("_lo_") || x.equals("localhost") || x.startsWith("127.");
            ls.add(new Listener(local ? "127.0.0.1" : x.equals("0.0.0.0") || x.equals("_site_") || x.equals("_global_") ? "*" : x,
                    9200, Evidence.file(conf, "network.host / http.host: " + http)));
        }
        boolean secured = flat(root, "xpack.security.enabled").map(v -> v.equals("true")).orElse(false);
        boolean exposed = ls.stream().anyMatch(l -> !l.loopback());
        return new Database("elasticsearch", bin, ls,
                exposed && !secured ? Optional.of("xpack.security.enabled is not true") : Optional.empty(),
                exposed && !secured ? List.of(Evidence.file(conf, "xpack.security.enabled: "
                        + flat(root, "xpack.security.enabled").orElse("(not set)"))) : List.of());
    }

    /** Elasticsearch accepts both "a.b: v" and nested "a: {b: v}". */
    private static Optional<String> flat(JsonNode root, String dotted) {
        if (root.has(dotted)) {
            return Optional.of(root.get(dotted).isArray() ? root.get(dotted).toString() : root.get(dotted).asText());
        }
        JsonNode n = root;
        for (String p : dotted.split("\\.")) {
            n = n.path(p);
        }
        return n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n.isArray() ? n.toString() : n.asText());
    }

    // --- memcached ------------------------------------------------------------------------

    private static Database memcached(Host host, Evidence bin) {
        List<Listener> ls = new ArrayList<>();
        int port = 11211;
        for (String conf : List.of("/etc/memcached.conf", "/etc/sysconfig/memcached")) {
            Optional<String> t = host.text(conf);
            if (t.isEmpty()) {
                continue;
            }
            String[] lines = t.get().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].replaceAll("#.*$", "").strip();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|\\s|\")-l\\s*([^\\s\"]+)").matcher(l);
                while (m.find()) {
                    for (String a : m.group(1).split(",")) {
                        ls.add(new Listener(a.strip().equals("0.0.0.0") ? "*" : a.strip(), port, Evidence.at(conf, i + 1, l)));
                    }
                }
            }
            if (ls.isEmpty()) {
                ls.add(new Listener("*", port, Evidence.note("no -l option in " + conf + ": memcached listens on every address")));
            }
            break;
        }
        if (ls.isEmpty()) {
            ls.add(new Listener("*", port, Evidence.note("no memcached configuration: it listens on every address")));
        }
        boolean exposed = ls.stream().anyMatch(l -> !l.loopback());
        return new Database("memcached", bin, ls, exposed ? Optional.of("memcached has no authentication") : Optional.empty(),
                List.of());
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
