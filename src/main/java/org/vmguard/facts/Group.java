package org.vmguard.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;

/** /etc/group: names, ids and supplementary members. */
public record Group(String path, boolean present, List<Entry> entries, List<Evidence> malformed) {

    public static final String PATH = "/etc/group";
    public static final FactKey<Group> KEY = FactKey.of("group", Group::load);

    public record Entry(String name, long gid, List<String> members, int line, String text) {

        public Entry {
            members = List.copyOf(members);
        }

        public Evidence evidence(String path) {
            return Evidence.at(path, line, text);
        }
    }

    static Group load(Host host) {
        Optional<String> text = host.text(PATH);
        return text.map(t -> parse(PATH, t)).orElse(new Group(PATH, false, List.of(), List.of()));
    }

    public static Group parse(String path, String text) {
        List<Entry> entries = new ArrayList<>();
        List<Evidence> malformed = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < 4 || f[0].isEmpty()) {
                malformed.add(Evidence.at(path, i + 1, Passwd.clip(line)));
                continue;
            }
            long gid;
            try {
                gid = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                malformed.add(Evidence.at(path, i + 1, Passwd.clip(line)));
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String m : f[3].split(",")) {
                if (!m.isBlank()) {
                    members.add(m.strip());
                }
            }
            entries.add(new Entry(f[0], gid, members, i + 1, Passwd.clip(line)));
        }
        return new Group(path, true, List.copyOf(entries), List.copyOf(malformed));
    }

    public Optional<Entry> get(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<Entry> byGid(long gid) {
        return entries.stream().filter(e -> e.gid() == gid).findFirst();
    }

    /** The names of the groups an account belongs to: its primary group and every group listing it. */
    public List<String> groupsOf(Passwd.Entry account) {
        List<String> out = new ArrayList<>();
        byGid(account.gid()).ifPresent(g -> out.add(g.name()));
        for (Entry g : entries) {
            if (g.members().contains(account.name()) && !out.contains(g.name())) {
                out.add(g.name());
            }
        }
        return out;
    }
}
