package org.vmguard.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.Incident;
import org.vmguard.cloud.OpenStackClient;
import org.vmguard.cloud.Quarantine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "quarantine", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"The compromise response: record the server, its ports, groups, volumes and console log in an "
                + "incident file; mark it (metadata security_ticket, quarantine time, a tag); move every port to a "
                + "deny-all security group; stop it (never delete); snapshot it (and its volumes when image-backed); "
                + "lock it. Each step is idempotent; --resume continues after a failure."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:quarantined (or, with --dry-run, the plan was shown)",
            "2:the command line, the credentials or the incident file is wrong, or no confirmation",
            "3:the cloud's API could not be reached or a step failed (--resume continues)"})
final class CloudQuarantineCommand implements Callable<Integer> {

    private final CloudConfig config;

    @Spec
    CommandSpec spec;

    @Mixin
    CloudCommandOptions cloud;

    @Parameters(paramLabel = "SERVER", description = "the server's id or name")
    String server;

    @Option(names = "--ticket", paramLabel = "ID", description = "the incident ticket, written to the server's metadata")
    String ticket;

    @Option(names = "--incident", paramLabel = "FILE",
            description = "the incident file (default: ./incident-SERVER_ID.json)")
    Path incidentFile;

    @Option(names = "--resume", description = "continue from the progress the incident file records")
    boolean resume;

    @Option(names = "--dry-run", description = "show the plan; send no request that changes anything")
    boolean dryRun;

    @Option(names = {"--yes", "-y"}, description = "do not ask for confirmation")
    boolean yes;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "2",
            description = "poll interval while the server stops and snapshots build (default: ${DEFAULT-VALUE})")
    double pollSeconds;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "give up waiting for a stop or a snapshot after this long (default: ${DEFAULT-VALUE})")
    long timeoutMinutes;

    CloudQuarantineCommand() {
        this(CloudConfig.ofProcess());
    }

    CloudQuarantineCommand(CloudConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (pollSeconds <= 0 || timeoutMinutes <= 0) {
            throw new UsageError("--wait and --timeout must be positive");
        }
        return CloudCommand.translated(() -> {
            OpenStackClient client = cloud.client(config);
            Quarantine q = new Quarantine(client, Duration.ofMillis((long) (pollSeconds * 1000)),
                    Duration.ofMinutes(timeoutMinutes), line -> {
                        out.println(line);
                        out.flush();
                    });
            Quarantine.Target t = q.find(server);
            String tk = ticket == null ? "none" : ticket;
            Path file = incidentFile != null ? incidentFile : config.cwd().resolve("incident-" + t.id() + ".json");
            if (dryRun) {
                out.println("plan (dry run: nothing is changed):");
                q.plan(t, tk).forEach(l -> out.println("  " + l));
                out.println("  incident file: " + file);
                out.flush();
                return ExitCode.OK;
            }
            Incident incident;
            if (Files.exists(file)) {
                if (!resume) {
                    throw new UsageError(file + " exists: give --resume to continue from its recorded progress, "
                            + "or --incident FILE for a new record");
                }
                incident = Incident.load(file);
                if (!incident.serverId().equals(t.id())) {
                    throw new UsageError(file + " is the incident file of server " + incident.serverId() + ", not " + t.id());
                }
                out.println("resuming " + file + " (done: " + String.join(", ", incident.doneSteps()) + ")");
            } else {
                if (resume) {
                    out.println("no " + file + " to resume from: starting from the first step");
                }
                incident = null;
            }
            confirm(t);
            if (incident == null) {
                incident = Incident.create(file, t.id(), t.region(), tk, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            }
            out.println("quarantining server " + t.name() + " (" + t.id() + ") in " + t.region() + "; record: " + file);
            out.flush();
            q.run(t, incident);
            out.println("quarantined: stopped, snapshotted, isolated and locked; vmguard cloud release " + t.id()
                    + " --incident " + file + " undoes the isolation");
            out.flush();
            return ExitCode.OK;
        });
    }

    private void confirm(Quarantine.Target t) {
        if (yes) {
            return;
        }
        Console c = System.console();
        if (c == null || !Terminal.isTerminal()) {
            throw new UsageError("refusing to quarantine " + t.id() + " without --yes: there is no terminal to confirm on");
        }
        String answer = c.readLine("Quarantine server %s (%s): stop, snapshot, isolate and lock it? Type its name to confirm: ",
                t.name(), t.id());
        if (answer == null || !answer.strip().equals(t.name())) {
            throw new UsageError("not confirmed: nothing was changed");
        }
    }
}
