package org.vmguard.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

@Command(name = "release", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Undo a quarantine's isolation from its incident file: unlock the server, give every port back "
                + "its security groups and port security, delete the quarantine group. The server stays stopped, and "
                + "the snapshots, metadata and tag stay as the record."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:released", "2:the command line, the credentials or the incident file is wrong",
            "3:the cloud's API could not be reached or failed"})
final class CloudReleaseCommand implements Callable<Integer> {

    private final CloudConfig config;

    @Spec
    CommandSpec spec;

    @Mixin
    CloudCommandOptions cloud;

    @Parameters(paramLabel = "SERVER", description = "the server's id or name")
    String server;

    @Option(names = "--incident", paramLabel = "FILE", description = "the incident file (default: ./incident-SERVER_ID.json)")
    Path incidentFile;

    @Option(names = {"--yes", "-y"}, description = "do not ask for confirmation")
    boolean yes;

    CloudReleaseCommand() {
        this(CloudConfig.ofProcess());
    }

    CloudReleaseCommand(CloudConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return CloudCommand.translated(() -> {
            OpenStackClient client = cloud.client(config);
            Quarantine q = new Quarantine(client, Duration.ofSeconds(2), Duration.ofMinutes(10), line -> {
                out.println(line);
                out.flush();
            });
            Quarantine.Target t = q.find(server);
            Path file = incidentFile != null ? incidentFile : config.cwd().resolve("incident-" + t.id() + ".json");
            if (!Files.exists(file)) {
                throw new UsageError(file + ": no incident file: release undoes what it records (--incident FILE)");
            }
            Incident incident = Incident.load(file);
            if (!incident.serverId().equals(t.id())) {
                throw new UsageError(file + " is the incident file of server " + incident.serverId() + ", not " + t.id());
            }
            if (!yes) {
                Console c = System.console();
                if (c == null || !Terminal.isTerminal()) {
                    throw new UsageError("refusing to release " + t.id() + " without --yes: there is no terminal to confirm on");
                }
                String answer = c.readLine("Release server %s (%s) from quarantine? Type its name to confirm: ", t.name(), t.id());
                if (answer == null || !answer.strip().equals(t.name())) {
                    throw new UsageError("not confirmed: nothing was changed");
                }
            }
            out.println("releasing server " + t.name() + " (" + t.id() + ") as " + file + " records");
            q.release(t, incident);
            out.flush();
            return ExitCode.OK;
        });
    }
}
