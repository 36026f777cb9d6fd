package org.vmguard.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vmguard.facts.ParseError;
import org.vmguard.target.ssh.SshAddress;

/**
 * The hosts of an Ansible inventory (INI or YAML: groups, children, group and host vars;
 * ansible_host, ansible_port and ansible_user are used) or of a plain list, one
 * {@code [USER@]HOST[:PORT]} per line. Host variables win over group variables, a child group's
 * over its parent's, as in Ansible. Host ranges ({@code web[01:10]}) are not expanded.
 */
public final class Inventory {

    private Inventory() {
    }

    /** Parses by content: YAML when it looks like a mapping, INI (which covers plain lists) otherwise. */
    public static List<SshAddress> parse(String path, String text) {
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || s.equals("---")) {
                continue;
            }
            boolean yaml = path.endsWith(".yml") || path.endsWith(".yaml") || (s.endsWith(":") && !s.startsWith("["));
            return yaml ? yaml(path, text) : ini(path, text);
        }
        return List.of();
    }

    static List<SshAddress> ini(String path, String text) {
        Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
        Map<String, List<String>> groupHosts = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        Map<String, Map<String, String>> groupVars = new HashMap<>();
        Map<String, Integer> hostLine = new HashMap<>();
        String section = "ungrouped";
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String s = lines[i].strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith(";")) {
                continue;
            }
            if (s.startsWith("[") && !s.matches("\\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\](:\\d+)?(\\s.*)?")) { // not [IPv6]:port
                if (!s.endsWith("]")) {
                    throw new ParseError(path, i + 1, "unclosed section header '" + s + "'");
                }
                String h = s.substring(1, s.length() - 1).strip();
                int colon = h.indexOf(':');
                section = colon < 0 ? h : h.substring(0, colon);
                kind = colon < 0 ? "hosts" : h.substring(colon + 1);
                if (!List.of("hosts", "children", "vars").contains(kind)) {
                    throw new ParseError(path, i + 1, "unknown section kind '" + kind + "' (hosts, children or vars)");
                }
                continue;
            }
            switch (kind) {
                case "children" -> children.computeIfAbsent(section, k -> new ArrayList<>()).add(s.split("\\s+")[0]);
                case "vars" -> {
                    int eq = s.indexOf('=');
                    if (eq <= 0) {
                        throw new ParseError(path, i + 1, "expected KEY=VALUE in [" + section + ":vars], found '" + s + "'");
                    }
                    groupVars.computeIfAbsent(section, k -> new HashMap<>()).put(s.substring(0, eq).strip(), unquote(s.substring(eq + 1).strip()));
                }
                default -> {
                    String[] f = s.split("\\s+");
                    Map<String, String> vars = hostVars.computeIfAbsent(f[0], k -> new HashMap<>());
                    hostLine.putIfAbsent(f[0], i + 1);
                    for (int k = 1; k < f.length; k++) {
                        int eq = f[k].indexOf('=');
                        if (eq <= 0) {
                            throw new ParseError(path, i + 1, "expected KEY=VALUE after the host name, found '" + f[k] + "'");
                        }
                        vars.put(f[k].substring(0, eq), unquote(f[k].substring(eq + 1)));
                    }
                    groupHosts.computeIfAbsent(section, k -> new ArrayList<>()).add(f[0]);
                }
            }
        }
        Map<String, Map<String, String>> effective = groupVarsPerHost(groupHosts, children, groupVars);
        List<SshAddress> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> h : hostVars.entrySet()) {
            Map<String, String> vars = new HashMap<>(effective.getOrDefault(h.getKey(), Map.of()));
            vars.putAll(h.getValue());
            out.add(address(path, hostLine.get(h.getKey()), h.getKey(), vars));
        }
        return out;
    }

    /** Group vars reach a host through every group that contains it, parents first, children overriding. */
    private static Map<String, Map<String, String>> groupVarsPerHost(Map<String, List<String>> groupHosts,
            Map<String, List<String>> children, Map<String, Map<String, String>> groupVars) {
        Map<String, Map<String, String>> out = new HashMap<>();
        Set<String> roots = new HashSet<>(groupHosts.keySet());
        roots.addAll(children.keySet());
        children.values().forEach(roots::removeAll);
        for (String g : roots) {
            apply(g, new HashMap<>(), groupHosts, children, groupVars, out, new HashSet<>());
        }
        return out;
    }

    private static void apply(String group, Map<String, String> inherited, Map<String, List<String>> groupHosts,
            Map<String, List<String>> children, Map<String, Map<String, String>> groupVars,
            Map<String, Map<String, String>> out, Set<String> seen) {
        if (!seen.add(group)) {
            return; // a cycle of children: Ansible rejects it; we stop
        }
        Map<String, String> vars = new HashMap<>(inherited);
        vars.putAll(groupVars.getOrDefault(group, Map.of()));
        for (String h : groupHosts.getOrDefault(group, List.of())) {
            out.computeIfAbsent(h, k -> new HashMap<>()).putAll(vars);
        }
        for (String c : children.getOrDefault(group, List.of())) {
            apply(c, vars, groupHosts, children, groupVars, out, seen);
        }
        seen.remove(group);
    }

    static List<SshAddress> yaml(String path, String text) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ParseError(path, Math.max(line, 0), "not a YAML inventory: "
                    + e.getOriginalMessage().lines().findFirst().orElse("").strip());
        } catch (IOException e) {
            throw new ParseError(path, 0, "not a YAML inventory: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new ParseError(path, 0, "a YAML inventory is a mapping of groups (all: hosts: …)");
        }
        Map<String, Map<String, String>> hosts = new LinkedHashMap<>();
        root.fields().forEachRemaining(g -> group(path, g.getKey(), g.getValue(), Map.of(), hosts, 0));
        List<SshAddress> out = new ArrayList<>();
        hosts.forEach((name, vars) -> out.add(address(path, 0, name, vars)));
        return out;
    }

    private static void group(String path, String name, JsonNode g, Map<String, String> inherited,
            Map<String, Map<String, String>> hosts, int depth) {
        if (depth > 64) {
            throw new ParseError(path, 0, "groups nested too deeply at " + name);
        }
        if (g == null || g.isNull()) {
            return;
        }
        if (!g.isObject()) {
            throw new ParseError(path, 0, "group " + name + " must be a mapping (hosts, children, vars)");
        }
        Map<String, String> vars = new HashMap<>(inherited);
        scalars(g.path("vars")).forEach(vars::put);
        JsonNode hs = g.path("hosts");
        if (hs.isObject()) {
            hs.fields().forEachRemaining(h -> {
                Map<String, String> v = hosts.computeIfAbsent(h.getKey(), k -> new HashMap<>());
                Map<String, String> merged = new HashMap<>(vars);
                merged.putAll(scalars(h.getValue()));
                merged.forEach(v::putIfAbsent);
                scalars(h.getValue()).forEach(v::put);
            });
        } else if (!hs.isMissingNode() && !hs.isNull()) {
            throw new ParseError(path, 0, "hosts of group " + name + " must be a mapping of host names");
        }
        JsonNode cs = g.path("children");
        if (cs.isObject()) {
            cs.fields().forEachRemaining(c -> group(path, c.getKey(), c.getValue(), vars, hosts, depth + 1));
        }
    }

    private static Map<String, String> scalars(JsonNode n) {
        Map<String, String> out = new HashMap<>();
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (e.getValue().isValueNode()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    private static SshAddress address(String path, int line, String name, Map<String, String> vars) {
        try {
            SshAddress a = SshAddress.parse(name);
            String host = vars.getOrDefault("ansible_host", vars.getOrDefault("ansible_ssh_host", a.host()));
            String user = vars.getOrDefault("ansible_user", vars.getOrDefault("ansible_ssh_user", a.user()));
            String port = vars.getOrDefault("ansible_port", vars.getOrDefault("ansible_ssh_port", null));
            int p = a.port();
            if (port != null) {
                try {
                    p = Integer.parseInt(port.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("ansible_port '" + port + "' is not a number");
                }
            }
            return new SshAddress(name, user, host, p);
        } catch (IllegalArgumentException e) {
            throw new ParseError(path, line, "host " + name + ": " + e.getMessage());
        }
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
