package org.vmguard.cli;

import java.io.PrintWriter;
import org.vmguard.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "vmguard", mixinStandardHelpOptions = true, version = Version.NAME + " " + Version.VERSION,
        description = "Keeps cloud virtual machines safe: audits them from inside, from the cloud's API and from the network.",
        subcommands = {AuditCommand.class, ChecksCommand.class, KeysCommand.class, LogsCommand.class, CloudCommand.class, FleetCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

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
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /** @param factory makes the commands (tests give the cloud commands their own environment) */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(new Main(), factory);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("vmguard: " + ex.getMessage());
            err.println("(vmguard " + (ex.getCommandLine().getCommandName().equals("vmguard") ? "" : ex.getCommandLine().getCommandName() + " ") + "--help shows the options)");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
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
        });
        return cl;
    }
}
