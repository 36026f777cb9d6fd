package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.Passwd;

/**
 * /etc/group, as far as sshd's {@code Match Group} needs it: a user's groups are the primary
 * group of its passwd entry plus every group listing it (getgrouplist), by name.
 */
public record EtcGroup(String path, boolean present, List<Group> groups) {

    public static final String PATH = "/etc/group";
    public static final FactKey<EtcGroup> KEY = FactKey.of("group", EtcGroup::load);

    public record Group(String name, long gid, List<String> members) {
    }

    static EtcGroup load(Host host) {
        return host.text(PATH).map(t -> parse(PATH, t)).orElse(new EtcGroup(PATH, false, List.of()));
    }

    /** Lines glibc would skip (comments, too few fields, a bad gid) are skipped. */
    public static EtcGroup parse(String path, String text) {
        List<Group> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String[] f = line.split(":", -1);
            if (line.startsWith("#") || f.length < 4 || f[0].isEmpty() || !f[2].matches("[0-9]{1,10}")) {
                continue;
            }
            List<String> members = new ArrayList<>();
            for (String m : f[3].split(",")) {
                if (!m.isBlank()) {
                    members.add(m.strip());
                }
            }
            out.add(new Group(f[0], Long.parseLong(f[2]), List.copyOf(members)));
        }
        return new EtcGroup(path, true, List.copyOf(out));
    }

    /** The user's group names, or empty when the user has no passwd entry (then no Group matches). */
    public Optional<List<String>> groupsOf(String user, Passwd passwd) {
        Optional<Passwd.Entry> e = passwd.get(user);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (Group g : groups) {
            if (g.gid() == e.get().gid() && !names.contains(g.name())) {
                names.add(g.name());
            }
        }
        for (Group g : groups) {
            if (g.members().contains(user) && !names.contains(g.name())) {
                names.add(g.name());
            }
        }
        return Optional.of(List.copyOf(names));
    }
}
