package org.vmguard.cli;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vmguard.checks.keys.KeyUnprotected;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.OsRelease;
import org.vmguard.facts.Passwd;
import org.vmguard.facts.keys.PrivateKeys;
import org.vmguard.report.Format;
import org.vmguard.report.Renderers;
import org.vmguard.run.Runner;
import org.vmguard.target.LocalTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "keys", sortOptions = false,
        description = {"Find private keys without a passphrase: key.unprotected alone, over your own ~/.ssh "
                + "(the home of your account in /etc/passwd) or the files and directories given."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no unprotected key (nothing failed at or above --fail-on)",
            "1:an unprotected key was found",
            "2:the command line is wrong",
            "4:nothing failed, but some place could not be searched"})
final class KeysCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "files or directories to examine (default: ~/.ssh)")
    List<Path> paths = List.of();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    // key.unprotected is medium: failing on high by default would never report a key
    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "medium",
            description = "exit 1 when a check of this severity or above fails: critical, high, medium, low or none (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--no-color", description = "no colours (NO_COLOR is honoured too)")
    boolean noColor;

    @Option(names = "--quiet", description = "show only failures and checks that could not be evaluated")
    boolean quiet;

    @Option(names = "--verbose", description = "accepted for symmetry with audit: keys always shows its reason")
    boolean verbose;

    @Override
    public Integer call() {
        ReportOptions report = new ReportOptions();
        report.format = format;
        report.output = output;
        report.failOn = failOn;
        report.noColor = noColor;
        report.quiet = quiet;
        // one check, whose reason is the answer (what was searched, what was found): shown for a pass too
        report.verbose = true;
        Format f = report.format();
        var threshold = report.threshold();

        LocalTarget target = new LocalTarget();
        Host host = new Host(target);
        List<String> where = paths.isEmpty() ? List.of(ownSshDir(host)) : absolute(paths);
        KeyUnprotected check = new KeyUnprotected(PrivateKeys.in(where, !paths.isEmpty()));
        Instant started = Instant.now();
        OsInfo os;
        try {
            os = host.fact(OsRelease.KEY).info();
        } catch (FactException e) {
            os = OsInfo.UNKNOWN;
        }
        Report r = Runner.run(host, target.kind(), new ReportTarget(target.kind(), target.name(), os),
                "keys", List.of(check), started);
        String text = Renderers.render(f, r, report.style());
        report.emit(System.out, text);
        return ExitCode.of(List.of(r), threshold);
    }

    private static List<String> absolute(List<Path> paths) {
        List<String> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(p.toAbsolutePath().normalize().toString());
        }
        return out;
    }

    /** ~/.ssh of the account running us, from /etc/passwd (not $HOME, which sudo and su may keep). */
    static String ownSshDir(Host host) {
        long uid = new UnixSystem().getUid();
        Optional<String> home;
        try {
            home = host.fact(Passwd.KEY).byUid(uid).map(Passwd.Entry::home).filter(h -> h.startsWith("/"));
        } catch (FactException e) {
            home = Optional.empty();
        }
        String h = home.orElse(System.getProperty("user.home"));
        return (h.endsWith("/") ? h : h + "/") + ".ssh";
    }
}
