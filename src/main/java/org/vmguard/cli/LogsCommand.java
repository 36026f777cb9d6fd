package org.vmguard.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmguard.core.Severity;
import org.vmguard.facts.authlog.AuthLog;
import org.vmguard.facts.authlog.AuthLogAnalysis;
import org.vmguard.facts.authlog.AuthLogFiles;
import org.vmguard.facts.authlog.Thresholds;
import org.vmguard.logs.LogsJson;
import org.vmguard.logs.LogsText;
import org.vmguard.logs.NftRules;
import org.vmguard.target.LocalTarget;
import org.vmguard.target.RootfsTarget;
import org.vmguard.target.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", sortOptions = false,
        description = {"Analyse SSH authentication logs: who failed, who brute-forces, who got in after failing.",
            "With no FILE: the target's /var/log/auth.log (or secure) and their rotations, oldest first; "
                    + "on a live host without them, its journal."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:no finding at or above --fail-on",
            "1:a finding at or above --fail-on",
            "2:the command line is wrong",
            "3:no log could be read at all"})
final class LogsCommand implements Callable<Integer> {

    /** VMGUARD_TRACE_LOGS=1: where a run's time went, on standard error. */
    private static final boolean TRACE = System.getenv("VMGUARD_TRACE_LOGS") != null;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "log files (plain or gzip) on the target; with --journal, files of journalctl -o json output")
    List<String> files = new ArrayList<>();

    @Option(names = "--journal", description = "read journalctl -o json output: from FILE, or by running journalctl on the target")
    boolean journal;

    @Option(names = "--root", paramLabel = "DIR", description = "read the logs of an offline root filesystem")
    Path root;

    // the defaults, shared with the fast path below
    static final String DEFAULT_MAXRETRY = "5";
    static final String DEFAULT_FINDTIME = "10m";
    static final String DEFAULT_PORT = "22";
    static final String DEFAULT_FORMAT = "text";
    static final String DEFAULT_FAIL_ON = "high";

    @Option(names = "--maxretry", paramLabel = "N", defaultValue = DEFAULT_MAXRETRY,
            description = "brute force: this many failures from one address … (default: ${DEFAULT-VALUE}, as fail2ban's sshd jail)")
    int maxRetry;

    @Option(names = "--findtime", paramLabel = "DURATION", defaultValue = DEFAULT_FINDTIME,
            description = "… within this time: 600, 600s, 10m, 1h (default: ${DEFAULT-VALUE})")
    String findTime;

    @Option(names = "--timezone", paramLabel = "ZONE",
            description = "the zone of traditional syslog stamps (default: this machine's)")
    String timezone;

    @Option(names = "--emit", paramLabel = "KIND", description = "nft: print an nftables ruleset banning the brute-force sources (never applied)")
    String emit;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = DEFAULT_PORT, description = "the SSH port for --emit nft (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = DEFAULT_FORMAT, description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write the report to FILE instead of standard output")
    Path output;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = DEFAULT_FAIL_ON,
            description = "exit 1 when a finding of this severity or above exists: critical, high, medium, low or none (default: ${DEFAULT-VALUE})")
    String failOn;

    @Option(names = "--no-color", description = "no colours (NO_COLOR is honoured too)")
    boolean noColor;

    @Option(names = "--verbose", description = "show every row of every table")
    boolean verbose;

    /** The options the fast path reads, with whether they take a value. */
    private static final Map<String, Boolean> FAST_OPTIONS = Map.ofEntries(
            Map.entry("--journal", false), Map.entry("--no-color", false),
            Map.entry("--verbose", false), Map.entry("--root", true),
            Map.entry("--maxretry", true), Map.entry("--findtime", true),
            Map.entry("--timezone", true), Map.entry("--emit", true),
            Map.entry("--port", true), Map.entry("--format", true),
            Map.entry("--output", true), Map.entry("--fail-on", true));

    /**
     * `vmguard logs` without picocli, for the command lines it can read exactly as picocli would:
     * files and the options above, each at most once, as {@code --opt value} or
     * {@code --opt=value}. Building picocli's model costs ~55 ms at start-up, a fifth of a whole
     * run on a million lines (bench/README.md). Anything else (help, an unknown or repeated
     * option, a value that starts with "-", an argument file "@FILE", a number that does not
     * parse, "--") returns null: picocli then reads the command line and says what is wrong.
     */
    static LogsCommand parseFast(String[] argv) {
        if (argv.length == 0 || !argv[0].equals("logs")) {
            return null;
        }
        LogsCommand c = new LogsCommand();
        Map<String, String> seen = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("@")) {
                return null; // picocli reads @FILE as a file of arguments
            }
            if (!a.startsWith("-")) {
                c.files.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            Boolean takesValue = FAST_OPTIONS.get(name);
            if (takesValue == null || seen.containsKey(name)) {
                return null;
            }
            String value;
            if (!takesValue) {
                if (eq >= 0) {
                    return null;
                }
                value = "";
            } else if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("-") && !argv[i + 1].startsWith("@")) {
                value = argv[++i];
            } else {
                return null;
            }
            seen.put(name, value);
        }
        try {
            c.journal = seen.containsKey("--journal");
            c.noColor = seen.containsKey("--no-color");
            c.verbose = seen.containsKey("--verbose");
            c.root = seen.containsKey("--root") ? Path.of(seen.get("--root")) : null;
            c.maxRetry = Integer.parseInt(seen.getOrDefault("--maxretry", DEFAULT_MAXRETRY));
            c.findTime = seen.getOrDefault("--findtime", DEFAULT_FINDTIME);
            c.timezone = seen.get("--timezone");
            c.emit = seen.get("--emit");
            c.port = Integer.parseInt(seen.getOrDefault("--port", DEFAULT_PORT));
            c.format = seen.getOrDefault("--format", DEFAULT_FORMAT);
            c.output = seen.containsKey("--output") ? Path.of(seen.get("--output")) : null;
            c.failOn = seen.getOrDefault("--fail-on", DEFAULT_FAIL_ON);
        } catch (RuntimeException e) {
            return null; // a number or a path picocli would refuse: let it say so
        }
        return c;
    }

    @Override
    public Integer call() {
        if (maxRetry < 1 || maxRetry > Thresholds.MAX_RETRY_LIMIT) {
            throw new UsageError("--maxretry: must be between 1 and " + Thresholds.MAX_RETRY_LIMIT + ", not " + maxRetry);
        }
        Duration window = duration(findTime);
        if (window.isNegative() || window.isZero()) {
            throw new UsageError("--findtime: must be positive, not '" + findTime + "'");
        }
        if (port < 1 || port > 65535) {
            throw new UsageError("--port: " + port + " is no TCP port (1 to 65535)");
        }
        Thresholds thresholds = new Thresholds(maxRetry, window);
        ZoneId zone;
        try {
            zone = timezone == null ? ZoneId.systemDefault() : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new UsageError("--timezone: unknown zone '" + timezone + "'");
        }
        Severity threshold = threshold();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!List.of("text", "json").contains(fmt)) {
            throw new UsageError("--format: '" + format + "' is not one of text, json");
        }
        if (emit != null && !emit.equals("nft")) {
            throw new UsageError("--emit: '" + emit + "' is not nft");
        }
        if (emit != null && fmt.equals("json")) {
            throw new UsageError("--emit nft prints an nftables ruleset, not a report: leave out --format json");
        }
        AuthLogAnalysis a;
        long t0 = System.nanoTime();
        try (Target target = target()) {
            a = analyse(target, thresholds, zone);
        }
        long t1 = System.nanoTime();
        for (AuthLogAnalysis.Input in : a.inputs()) {
            if (in.error() != null) {
                // "/var/log/auth.log: no such file" would read as this machine's file
                System.err.println("vmguard: " + in.error() + (root == null ? "" : " in " + root));
            }
        }
        for (AuthLogAnalysis.Input in : a.inputs()) {
            if (in.error() == null && in.lines() > 0 && in.unparsed() == in.lines()) {
                // the likeliest mistake: a journal export without --journal, or a syslog file with it
                System.err.println("vmguard: " + in.path() + ": none of its " + in.lines() + " line(s) is "
                        + (journal ? "a journalctl -o json entry: is it a syslog file? (leave out --journal)"
                                : "an sshd log line: is it journalctl -o json output? (add --journal)"));
            }
        }
        // an input cut short (a truncated gzip) was still read up to the cut: its lines are analysed
        if (a.inputs().stream().allMatch(in -> in.error() != null && in.lines() == 0)) {
            throw new TargetError(a.inputs().isEmpty() ? "no log to read" : "no log could be read");
        }
        String text = emit != null ? NftRules.render(a, port)
                : fmt.equals("json") ? LogsJson.render(a)
                : LogsText.render(a, new LogsText.Style(color(), verbose ? Integer.MAX_VALUE : 10));
        long t2 = System.nanoTime();
        // the JSON report is ASCII by construction (LogsJson escapes every other character)
        ReportOptions.emit(System.out, output, text, emit == null && fmt.equals("json"));
        if (TRACE) {
            // VMGUARD_TRACE_LOGS=1: where a run's time went (bench/README.md quotes these); the
            // clock is read before the management classes load (~10 ms of their own)
            long t3 = System.nanoTime();
            long up = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - t0) / 1_000_000;
            System.err.printf("vmguard: trace: JVM up %d ms at the start of logs; read and analysed in %d ms, "
                    + "report made in %d ms, written in %d ms%n",
                    up, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        if (threshold == null) {
            return ExitCode.OK;
        }
        return a.findings().stream().anyMatch(f -> f.severity().atLeast(threshold)) ? ExitCode.FAILED : ExitCode.OK;
    }

    AuthLogAnalysis analyse(Target target, Thresholds thresholds, ZoneId zone) {
        List<String> paths = new ArrayList<>();
        for (String f : files) {
            // on this machine, relative paths are the user's; in an image, paths are the image's
            paths.add(root == null ? Path.of(f).toAbsolutePath().normalize().toString() : f);
        }
        if (journal) {
            if (!paths.isEmpty()) {
                return AuthLog.journalFiles(target, paths, thresholds, zone);
            }
            if (!target.canExec()) {
                throw new UsageError("--journal without FILE runs journalctl, which an offline image cannot: give a file of journalctl -o json output");
            }
            return AuthLog.journal(target, thresholds, zone);
        }
        if (!paths.isEmpty()) {
            paths = AuthLogFiles.oldestFirst(paths);
            if (target instanceof LocalTarget local) {
                for (String p : paths) {
                    if (local.isPipe(p) && !p.startsWith("/dev/") && !p.startsWith("/proc/")) {
                        // opening a named FIFO waits for its writer: say why nothing happens yet
                        System.err.println("vmguard: " + p + " is a named pipe: reading it until its writer closes it");
                    }
                }
            }
        } else {
            try {
                paths.addAll(AuthLogFiles.find(target));
            } catch (IOException e) {
                throw new TargetError(AuthLogFiles.DIR + ": " + e.getMessage());
            }
            if (paths.isEmpty()) {
                if (target.canExec()) {
                    AuthLogAnalysis a = AuthLog.journal(target, thresholds, zone);
                    if (a.lines() == 0 && a.inputs().stream().allMatch(in -> in.error() == null)) {
                        // as the log.* checks judge it: no SSH log at all, which "0 failures" would hide
                        throw new TargetError("no SSH authentication log on " + target.name() + ": no auth.log or secure in "
                                + AuthLogFiles.DIR + ", and the journal has no sshd entry (is sshd logging anywhere?)");
                    }
                    return a;
                }
                throw new TargetError("no auth.log or secure in " + AuthLogFiles.DIR + " of " + target.name());
            }
        }
        return AuthLog.files(target, paths, thresholds, zone);
    }

    private Target target() {
        if (root == null) {
            return LocalTarget.readingPipes();
        }
        if (!Files.isDirectory(root)) {
            throw new TargetError("--root " + root + ": no such directory");
        }
        return new RootfsTarget(root);
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3600;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("d")) {
            unit = 86400;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Duration.ofSeconds(Math.multiplyExact(Long.parseLong(t), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageError("--findtime: '" + text + "' is no duration (600, 600s, 10m, 1h, 1d)");
        }
    }

    private Severity threshold() {
        if (failOn.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--fail-on: " + e.getMessage() + " or none");
        }
    }

    private boolean color() {
        return !noColor && output == null && System.getenv("NO_COLOR") == null && Terminal.isTerminal();
    }
}
