package org.vmguard.facts.logging;

import java.util.ArrayList;
import java.util.List;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;

/** The authentication and system log files that exist, with their modes. */
public record LogFiles(List<File> files, boolean redHatLayout) {

    public static final FactKey<LogFiles> KEY = FactKey.of("log-files", LogFiles::load);

    /** The logs that hold authentication records, and their first rotation. */
    public static final List<String> PATHS = List.of("/var/log/auth.log", "/var/log/auth.log.1", "/var/log/secure",
            "/var/log/secure.1", "/var/log/syslog", "/var/log/syslog.1", "/var/log/messages", "/var/log/messages.1");

    public record File(String path, String mode, int uid, int gid, boolean worldReadable) {
        public Evidence evidence() {
            return Evidence.file(path, "mode " + mode + " uid " + uid + " gid " + gid);
        }
    }

    static LogFiles load(Host host) {
        List<File> out = new ArrayList<>();
        for (String p : PATHS) {
            host.stat(p).filter(s -> s.isRegularFile())
                    .ifPresent(s -> out.add(new File(p, s.octal(), s.uid(), s.gid(), s.worldReadable())));
        }
        return new LogFiles(List.copyOf(out), host.stat("/etc/redhat-release").isPresent());
    }

    /** /var/log/auth.log (Debian) or /var/log/secure (RHEL) when it exists. */
    public java.util.Optional<String> authLog() {
        return files.stream().map(File::path).filter(p -> p.equals("/var/log/auth.log") || p.equals("/var/log/secure"))
                .findFirst();
    }
}
