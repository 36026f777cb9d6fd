package org.vmguard.facts.sshd;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.packages.InstalledPackages;
import org.vmguard.facts.Passwd;

/**
 * The OpenSSH server of a host: whether it is installed, its release, and its configuration as
 * sshd evaluates it (and as cloud-init's {@code ssh_pwauth} leaves it after the next boot).
 *
 * @param absent why sshd is not there, or null when it is
 * @param config the configuration read from disk (null when absent)
 * @param cloudInit cloud-init's ssh_pwauth
 * @param afterCloudInit the configuration once cloud-init has applied ssh_pwauth; null when it
 *     leaves sshd alone
 */
public record Sshd(String absent, OpensshVersion version, SshdConfig config, CloudInitPwauth cloudInit,
        SshdConfig afterCloudInit) {

    public static final String CONFIG = "/etc/ssh/sshd_config";
    public static final String BINARY = "/usr/sbin/sshd";
    public static final FactKey<Sshd> KEY = FactKey.of("sshd", Sshd::load);

    public boolean installed() {
        return absent == null;
    }

    static Sshd load(Host host) {
        return load(host, CONFIG);
    }

    /** Reads the configuration rooted at {@code mainPath} on the host. */
    public static Sshd load(Host host, String mainPath) {
        OpensshVersion version = version(host);
        boolean binary = host.stat(BINARY).isPresent();
        Optional<String> text = host.text(mainPath);
        if (text.isEmpty()) {
            String why = binary || version.known()
                    ? mainPath + " does not exist: sshd refuses to start without it"
                    : "the OpenSSH server is not installed (no " + BINARY + ", no " + mainPath + ")";
            return new Sshd(why, version, null, new CloudInitPwauth(false, null, null), null);
        }
        SshdConfigReader.Source source = source(host, null, null);
        SshdConfig config = SshdConfig.parse(source, mainPath, text.get(), version);
        CloudInitPwauth ci = CloudInitPwauth.load(host);
        SshdConfig after = null;
        if (ci.installed() && ci.value() != null) {
            String dropIn = mainPath + ".d/50-cloud-init.conf";
            CloudInitPwauth.Edit edit = CloudInitPwauth.edit(mainPath, text.get(), source.read(dropIn), ci.value());
            SshdConfigReader.Source edited = source(host, edit.path(), edit.text());
            after = SshdConfig.parse(edited, mainPath, edited.read(mainPath).orElse(""), version);
        }
        return new Sshd(null, version, config, ci, after);
    }

    /** The host's files, with one file replaced (or added) when {@code path} is given. */
    static SshdConfigReader.Source source(Host host, String path, String replacement) {
        return new SshdConfigReader.Source() {
            @Override
            public Optional<String> read(String p) {
                if (p.equals(path)) {
                    return Optional.of(replacement);
                }
                if (isDirectory(p)) {
                    return Optional.of(""); // sshd reads a directory as an empty file
                }
                return host.text(p);
            }

            @Override
            public List<String> list(String dir) {
                List<String> names = host.list(dir);
                if (path != null && path.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (path.equals((dir.endsWith("/") ? dir : dir + "/") + name) && !names.contains(name)) {
                        names = new java.util.ArrayList<>(names);
                        names.add(name);
                        names.sort(null);
                    }
                }
                return names;
            }

            @Override
            public boolean isDirectory(String p) {
                if (p.equals(path)) {
                    return false;
                }
                if (path != null && path.startsWith(p + "/")) {
                    return true; // cloud-init creates the drop-in directory it writes into
                }
                try {
                    return host.stat(p).map(s -> s.isDirectory()
                            || (s.isSymlink() && !host.list(p).isEmpty())).orElse(false);
                } catch (FactException e) {
                    return false;
                }
            }
        };
    }

    private static final Pattern BANNER = Pattern.compile("OpenSSH_(\\d+\\.\\d+)(p\\d+)?");

    /** From dpkg's database, else from the identification string inside the sshd binary. */
    static OpensshVersion version(Host host) {
        // dpkg's database, already read for the other checks (reading it again cost ~10 ms)
        try {
            InstalledPackages installed = host.fact(InstalledPackages.KEY);
            if (installed.kind() == InstalledPackages.Kind.DPKG) {
                Optional<InstalledPackages.Package> p = installed.find("openssh-server");
                if (p.isPresent()) {
                    return OpensshVersion.parse(p.get().version(), p.get().path() + ":" + p.get().line());
                }
            }
        } catch (FactException e) {
            // an unreadable or malformed database: the binary's banner below still tells
        }
        if (host.stat(BINARY).map(s -> s.isRegularFile() || s.isSymlink()).orElse(false)) {
            try {
                Optional<String> bin = host.text(BINARY);
                if (bin.isPresent()) {
                    Matcher m = BANNER.matcher(bin.get());
                    if (m.find()) {
                        return OpensshVersion.parse(m.group(), BINARY);
                    }
                }
            } catch (FactException e) {
                return OpensshVersion.UNKNOWN; // an unreadable binary only costs us the release
            }
        }
        return OpensshVersion.UNKNOWN;
    }

    /** root's connection as Match sees it: its groups from /etc/passwd and /etc/group. */
    public static Connection rootConnection(Host host) {
        Passwd passwd = host.fact(Passwd.KEY);
        EtcGroup groups = host.fact(EtcGroup.KEY);
        return Connection.user("root", groups.groupsOf("root", passwd).orElse(null));
    }
}
