package org.vmguard.facts.systemd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.net.Processes;
import org.vmguard.target.ExecResult;

/**
 * Which systemd units are enabled, read the way systemctl does from the files alone, so it works
 * on an offline image: wants/requires symlinks, aliases, masks (a link to /dev/null), and the
 * preset files that decide units an image has not enabled yet (applied on first boot). Whether a
 * unit is active is known only on a live host whose PID 1 is systemd; elsewhere {@link #active}
 * is empty and {@link #activeNote} says why.
 *
 * @param unitFiles unit name → the file defining it (first directory in systemd's search order wins)
 * @param aliases alias → unit it names (symlinks between unit names)
 * @param wants unit → the wants/requires symlinks that enable it
 * @param masked unit → the symlink to /dev/null
 * @param presets preset lines in systemd's order (file name order, first match wins)
 * @param active active unit names, when they can be known
 */
public record SystemdUnits(Map<String, String> unitFiles, Map<String, String> aliases,
        Map<String, List<Evidence>> wants, Map<String, Evidence> masked, List<Preset> presets,
        Optional<Set<String>> active, String activeNote, boolean image) {

    public static final FactKey<SystemdUnits> KEY = FactKey.of("systemd-units", SystemdUnits::load);

    /** Search order of unit files: the first directory holding a name wins. */
    static final List<String> UNIT_DIRS = List.of("/etc/systemd/system", "/run/systemd/system",
            "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system");

    static final List<String> PRESET_DIRS = List.of("/etc/systemd/system-preset", "/run/systemd/system-preset",
            "/usr/local/lib/systemd/system-preset", "/usr/lib/systemd/system-preset", "/lib/systemd/system-preset");

    /** One `enable`/`disable` line of a preset file. */
    public record Preset(boolean enable, String pattern, String file, int line) {

        boolean matches(String unit) {
            return glob(pattern, unit);
        }

        public Evidence evidence() {
            return Evidence.at(file, line, (enable ? "enable " : "disable ") + pattern);
        }
    }

    public enum Kind {
        /** A wants/requires symlink (or an alias of an enabled unit) starts it. */
        ENABLED,
        /** Not linked yet, but an explicit `enable` preset line applies on an image's first boot. */
        PRESET_ENABLED,
        /** Linked to /dev/null: it cannot start at all. */
        MASKED,
        /** Installed, not enabled. */
        DISABLED,
        /** No unit file of that name. */
        NOT_FOUND
    }

    public record State(String unit, Kind kind, List<Evidence> evidence) {

        /** Will start at boot (presets count on an image, which has not booted yet). */
        public boolean enabled() {
            return kind == Kind.ENABLED || kind == Kind.PRESET_ENABLED;
        }

        public boolean installed() {
            return kind != Kind.NOT_FOUND;
        }
    }

    static SystemdUnits load(Host host) {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> aliases = new TreeMap<>();
        Map<String, Evidence> masked = new TreeMap<>();
        Map<String, List<Evidence>> wants = new TreeMap<>();
        List<String> dirs = new ArrayList<>(UNIT_DIRS);
        if (!host.kind().live()) {
            dirs.remove("/run/systemd/system");
        }
        Set<String> seenDirs = new TreeSet<>();
        for (String dir : dirs) {
            List<String> names = host.list(dir);
            // /lib is /usr/lib on a merged-/usr system: read it once
            String key = String.join("\n", names);
            if (!names.isEmpty() && !seenDirs.add(dir.replace("/usr/lib/", "/lib/") + "\0" + key.hashCode())) {
                continue;
            }
            for (String name : names) {
                String path = dir + "/" + name;
                if (name.endsWith(".wants") || name.endsWith(".requires")) {
                    for (String link : host.list(path)) {
                        wants.computeIfAbsent(link, k -> new ArrayList<>())
                                .add(Evidence.file(path + "/" + link, "enabled by " + name));
                    }
                    continue;
                }
                if (!unitName(name)) {
                    continue;
                }
                // masks and aliases live in /etc and /run; vendor directories hold unit files
                Optional<String> link = dir.startsWith("/etc/") || dir.startsWith("/run/") ? host.readLink(path)
                        : Optional.empty();
                if (link.isPresent() && link.get().equals("/dev/null")) {
                    masked.putIfAbsent(name, Evidence.file(path, "-> /dev/null (masked)"));
                    continue;
                }
                if (link.isPresent()) {
                    String targetName = link.get().substring(link.get().lastIndexOf('/') + 1);
                    if (!targetName.equals(name) && unitName(targetName)) {
                        aliases.putIfAbsent(name, targetName);
                        continue;
                    }
                }
                files.putIfAbsent(name, path);
            }
        }
        List<Preset> presets = presets(host);
        boolean systemd = false;
        String note;
        Optional<Set<String>> active = Optional.empty();
        if (!host.kind().live()) {
            note = "an offline image runs no units";
        } else {
            String init = host.fact(Processes.KEY).init();
            systemd = init.equals("systemd");
            note = systemd ? "" : "PID 1 is " + (init.isEmpty() ? "not visible" : init)
                    + ", not systemd: which units are active cannot be known";
        }
        if (systemd) {
            Optional<ExecResult> r = host.exec(Duration.ofSeconds(10), "systemctl", "list-units", "--all", "--plain",
                    "--no-legend", "--no-pager", "--state=active");
            if (r.isPresent() && r.get().ok()) {
                active = Optional.of(parseActive(r.get().stdout()));
            } else {
                note = "systemctl list-units failed: " + r.map(x -> x.stderr().strip()).orElse("cannot run commands");
            }
        }
        return new SystemdUnits(Map.copyOf(files), Map.copyOf(aliases), Map.copyOf(wants), Map.copyOf(masked),
                presets, active, note, !host.kind().live());
    }

    static boolean unitName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return false;
        }
        return Set.of("service", "socket", "timer", "target", "path", "mount", "automount", "swap", "slice", "scope")
                .contains(name.substring(dot + 1));
    }

    static List<Preset> presets(Host host) {
        Map<String, String> byName = new TreeMap<>();
        for (String dir : PRESET_DIRS) {
            for (String name : host.list(dir)) {
                if (name.endsWith(".preset")) {
                    byName.putIfAbsent(name, dir + "/" + name);
                }
            }
        }
        List<Preset> out = new ArrayList<>();
        for (String path : byName.values()) {
            host.text(path).ifPresent(t -> out.addAll(parsePresets(path, t)));
        }
        return List.copyOf(out);
    }

    /** `enable PATTERN [instances]` / `disable PATTERN`; comments with # or ;. */
    public static List<Preset> parsePresets(String path, String text) {
        List<Preset> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";")) {
                continue;
            }
            String[] f = l.split("\\s+");
            if (f.length < 2 || !(f[0].equals("enable") || f[0].equals("disable") || f[0].equals("ignore"))) {
                throw new ParseError(path, i + 1, "expected `enable UNIT`, `disable UNIT` or `ignore UNIT`: " + l);
            }
            if (!f[0].equals("ignore")) {
                out.add(new Preset(f[0].equals("enable"), f[1], path, i + 1));
            }
        }
        return out;
    }

    static Set<String> parseActive(String out) {
        Set<String> names = new TreeSet<>();
        for (String l : out.split("\n")) {
            String[] f = l.strip().split("\\s+");
            if (f.length >= 3 && unitName(f[0]) && f[2].equals("active")) {
                names.add(f[0]);
            }
        }
        return names;
    }

    /** fnmatch-style: * and ? and [..] classes, as systemd's presets use. */
    static boolean glob(String pattern, String name) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String cls = pattern.substring(i + 1, end).replace("\\", "\\\\");
                        re.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                        i = end;
                    }
                }
                default -> re.append(java.util.regex.Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return name.matches(re.toString());
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    /** The unit an alias (or an instance of a template) resolves to. */
    String canonical(String unit) {
        String u = unit;
        for (int i = 0; i < 8 && aliases.containsKey(u); i++) {
            u = aliases.get(u);
        }
        return u;
    }

    /** Every name that denotes this unit: itself and its aliases. */
    List<String> names(String unit) {
        List<String> out = new ArrayList<>();
        out.add(unit);
        aliases.forEach((alias, target) -> {
            if (canonical(alias).equals(unit)) {
                out.add(alias);
            }
        });
        return out;
    }

    public State state(String unit) {
        if (masked.containsKey(unit)) {
            return new State(unit, Kind.MASKED, List.of(masked.get(unit)));
        }
        String u = canonical(unit);
        if (masked.containsKey(u)) {
            return new State(unit, Kind.MASKED, List.of(masked.get(u)));
        }
        String template = template(u);
        if (!unitFiles.containsKey(u) && (template == null || !unitFiles.containsKey(template))) {
            return new State(unit, Kind.NOT_FOUND, List.of());
        }
        List<Evidence> ev = new ArrayList<>();
        for (String n : names(u)) {
            ev.addAll(wants.getOrDefault(n, List.of()));
        }
        if (!ev.isEmpty()) {
            return new State(unit, Kind.ENABLED, List.copyOf(ev));
        }
        if (image) {
            for (Preset p : presets) {
                if (p.matches(u) || (template != null && p.matches(template))) {
                    return p.enable() ? new State(unit, Kind.PRESET_ENABLED, List.of(p.evidence()))
                            : new State(unit, Kind.DISABLED, List.of(p.evidence()));
                }
            }
        }
        return new State(unit, Kind.DISABLED, List.of(Evidence.file(unitFiles.getOrDefault(u,
                unitFiles.get(template == null ? u : template)), "no wants/requires link enables it")));
    }

    /** "getty@tty1.service" → "getty@.service". */
    static String template(String unit) {
        int at = unit.indexOf('@');
        int dot = unit.lastIndexOf('.');
        if (at < 0 || dot < at || at + 1 == dot) {
            return null;
        }
        return unit.substring(0, at + 1) + unit.substring(dot);
    }

    /** Active per systemd, when known: empty when it cannot be known (offline, or PID 1 is not systemd). */
    public Optional<Boolean> isActive(String unit) {
        return active.map(a -> names(canonical(unit)).stream().anyMatch(a::contains));
    }
}
