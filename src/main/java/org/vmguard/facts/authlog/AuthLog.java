package org.vmguard.facts.authlog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.target.ExecResult;
import org.vmguard.target.FileStat;
import org.vmguard.target.Target;

/**
 * A host's SSH authentication logs, analysed: its auth.log/secure files with their rotations, or,
 * when it has none, its systemd journal (on a live host). Everything is read through the
 * {@link Target}, so the same code reads this machine, an image and a remote host.
 *
 * @param sources what was read: file paths, or the journalctl command line; empty when the host
 *     keeps no SSH authentication log that could be found
 */
public record AuthLog(List<String> sources, AuthLogAnalysis analysis) {

    public static final List<String> JOURNALCTL = List.of("journalctl", "-o", "json", "--no-pager",
            "_COMM=sshd", "_COMM=sshd-session");
    private static final Duration JOURNAL_TIMEOUT = Duration.ofSeconds(120);

    public static final FactKey<AuthLog> KEY = FactKey.of("SSH authentication logs", AuthLog::load);

    public AuthLog {
        sources = List.copyOf(sources);
    }

    static AuthLog load(Host host) throws IOException {
        Target target = host.target();
        List<String> files = AuthLogFiles.find(target);
        AuthLogAnalysis a;
        List<String> sources;
        if (!files.isEmpty()) {
            a = files(target, files, Thresholds.FAIL2BAN_DEFAULTS, ZoneId.systemDefault());
            sources = files;
        } else if (target.canExec() && (target.exists("/var/log/journal") || target.exists("/run/log/journal"))) {
            a = journal(target, Thresholds.FAIL2BAN_DEFAULTS, ZoneId.systemDefault());
            sources = List.of(String.join(" ", JOURNALCTL));
            if (a.lines() == 0 && a.inputs().stream().allMatch(in -> in.error() == null)) {
                // a journal without one sshd entry is no SSH log (a container, journald not running)
                return new AuthLog(List.of(), a);
            }
        } else {
            return new AuthLog(List.of(), new AuthLogAnalyzer(Thresholds.FAIL2BAN_DEFAULTS).result());
        }
        for (AuthLogAnalysis.Input in : a.inputs()) {
            if (in.error() != null) {
                throw new FactException(in.error());
            }
        }
        return new AuthLog(sources, a);
    }

    /** Reads log files (plain or gzip, oldest first) on the target; unreadable ones carry an error. */
    public static AuthLogAnalysis files(Target target, List<String> paths, Thresholds thresholds, ZoneId zone) {
        AuthLogAnalyzer analyzer = new AuthLogAnalyzer(thresholds);
        try (AuthLogReader reader = new AuthLogReader(analyzer, zone)) {
            for (String path : paths) {
                Opened o = open(target, path);
                if (o.error() != null) {
                    failed(analyzer, path, o.error());
                } else {
                    reader.read(path, o.in(), o.mtime());
                }
            }
        }
        return analyzer.result();
    }

    /** Reads files of {@code journalctl -o json} output on the target. */
    public static AuthLogAnalysis journalFiles(Target target, List<String> paths, Thresholds thresholds, ZoneId zone) {
        AuthLogAnalyzer analyzer = new AuthLogAnalyzer(thresholds);
        try (AuthLogReader reader = new AuthLogReader(analyzer, zone)) {
            for (String path : paths) {
                Opened o = open(target, path);
                if (o.error() != null) {
                    failed(analyzer, path, o.error());
                    continue;
                }
                try (InputStream json = AuthLogReader.decompressed(o.in())) {
                    reader.read(path, JournalExport.asSyslog(json), o.mtime());
                } catch (IOException e) {
                    failed(analyzer, path, Host.describe(path, e));
                }
            }
        }
        return analyzer.result();
    }

    /** Runs journalctl on a live target and reads its sshd entries. */
    public static AuthLogAnalysis journal(Target target, Thresholds thresholds, ZoneId zone) {
        AuthLogAnalyzer analyzer = new AuthLogAnalyzer(thresholds);
        String label = String.join(" ", JOURNALCTL);
        try (AuthLogReader reader = new AuthLogReader(analyzer, zone)) {
            ExecResult r = target.exec(JOURNALCTL, JOURNAL_TIMEOUT);
            if (!r.ok()) {
                failed(analyzer, label, label + " exited " + r.exitCode() + ": " + r.stderr().strip());
            } else {
                InputStream json = new ByteArrayInputStream(r.stdout().getBytes(StandardCharsets.UTF_8));
                reader.read(label, JournalExport.asSyslog(json), System.currentTimeMillis() / 1000);
            }
        } catch (IOException e) {
            failed(analyzer, label, "cannot run " + label + ": " + Host.describe(e));
        }
        return analyzer.result();
    }

    private record Opened(InputStream in, long mtime, String error) {
    }

    private static Opened open(Target target, String path) {
        try {
            Optional<FileStat> st = target.stat(path);
            Optional<InputStream> in = target.open(path);
            if (in.isEmpty()) {
                return new Opened(null, 0, path + ": no such file");
            }
            long mtime = st.map(FileStat::mtimeEpochSeconds).orElse(System.currentTimeMillis() / 1000);
            return new Opened(in.get(), mtime, null);
        } catch (IOException e) {
            return new Opened(null, 0, Host.describe(path, e));
        }
    }

    private static void failed(AuthLogAnalyzer analyzer, String path, String error) {
        analyzer.begin(path, 0);
        analyzer.end(error);
    }
}
