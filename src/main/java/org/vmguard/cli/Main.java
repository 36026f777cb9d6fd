package org.vmguard.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vmguard.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

// scope INHERIT: every command takes -h/--help and -V/--version (a usage error says "vmguard logs
// --help shows the options", which must then work)
@Command(name = "vmguard", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = Version.NAME + " " + Version.VERSION,
        description = "Keeps cloud virtual machines safe: audits them from inside, from the cloud's API and from the network.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /**
     * The commands, added to picocli lazily: building a command's model reflects over all its
     * options, and a one-shot run (an audit should take well under a second) needs only the one
     * it was asked for.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("audit", AuditCommand.class);
        m.put("checks", ChecksCommand.class);
        m.put("keys", KeysCommand.class);
        m.put("logs", LogsCommand.class);
        m.put("probe", ProbeCommand.class);
        m.put("cloud", CloudCommand.class);
        m.put("fleet", FleetCommand.class);
        return Collections.unmodifiableMap(m);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status; never throws. */
    public static int run(String... args) {
        LogsCommand logs = LogsCommand.parseFast(args);
        if (logs != null) {
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                return logs.call();
            } catch (Exception e) {
                return exitStatus(e, err);
            } finally {
                err.flush();
            }
        }
        EarlyAudit.startFor(args);
        CommandLine cl = commandLine(CommandLine.defaultFactory(), args);
        return cl.execute(args);
    }

    /** What an exception thrown by a command prints, and the exit status it means. */
    static int exitStatus(Exception ex, PrintWriter err) {
        return switch (ex) {
            case UsageError u -> {
                err.println("vmguard: " + u.getMessage());
                yield ExitCode.USAGE;
            }
            case TargetError t -> {
                err.println("vmguard: " + t.getMessage());
                yield ExitCode.UNREACHABLE;
            }
            default -> {
                err.println("vmguard: internal error: " + ex);
                StackTraceElement[] st = ex.getStackTrace();
                if (st.length > 0) {
                    err.println("  at " + st[0]);
                }
                yield 70;
            }
        };
    }

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** @param factory makes the commands (tests give the cloud commands their own environment) */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return commandLine(factory, new String[0]);
    }

    /** Only the command the arguments name, or every command when they name none (help, usage). */
    static CommandLine commandLine(CommandLine.IFactory factory, String[] argv) {
        CommandLine cl = new CommandLine(new Main(), factory);
        String first = argv.length > 0 ? argv[0] : "";
        if (COMMANDS.containsKey(first)) {
            cl.addSubcommand(first, COMMANDS.get(first));
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("vmguard: " + ex.getMessage());
            // the qualified name: "vmguard cloud quarantine", not "vmguard quarantine"
            err.println("(" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help shows the options)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> exitStatus(ex, c.getErr()));
        return cl;
    }
}
