package org.vmguard.facts.sshd;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.target.FileStat;

/**
 * The host private keys sshd loads (its HostKey lines, or the default ones) and who may read
 * them.
 *
 * @param setting where the list of keys came from (null when sshd is not installed)
 */
public record SshdHostKeys(List<Key> keys, Setting setting) {

    public static final FactKey<SshdHostKeys> KEY = FactKey.of("sshd-host-keys", SshdHostKeys::load);

    /**
     * One key file; {@code present} false when it does not exist (sshd skips it).
     *
     * @param mode permission bits; uid and gid its owner
     * @param group the group's name from /etc/group, "" when unknown
     */
    public record Key(String path, boolean present, int mode, int uid, int gid, String group) {

        public String octal() {
            return String.format("%04o", mode);
        }
    }

    static SshdHostKeys load(Host host) {
        Sshd sshd = host.fact(Sshd.KEY);
        if (!sshd.installed()) {
            return new SshdHostKeys(List.of(), null);
        }
        Setting s = sshd.config().global("hostkey");
        EtcGroup groups = host.fact(EtcGroup.KEY);
        List<Key> keys = new ArrayList<>();
        for (String p : s.values()) {
            if (p.equalsIgnoreCase("none")) {
                continue;
            }
            FileStat st = host.stat(p).orElse(null);
            if (st == null) {
                keys.add(new Key(p, false, 0, 0, 0, ""));
                continue;
            }
            String g = groups.groups().stream().filter(x -> x.gid() == st.gid()).map(EtcGroup.Group::name)
                    .findFirst().orElse("");
            keys.add(new Key(p, true, st.permissions(), st.uid(), st.gid(), g));
        }
        return new SshdHostKeys(List.copyOf(keys), s);
    }
}
