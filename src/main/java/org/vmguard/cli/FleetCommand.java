package org.vmguard.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Severity;
import org.vmguard.fleet.FleetScan;
import org.vmguard.fleet.store.ResultStore;
import org.vmguard.fleet.store.RunHistory;
import org.vmguard.fleet.store.StoreError;
import org.vmguard.target.LocalTarget;
import org.vmguard.target.ssh.SshAddress;
import org.vmguard.target.ssh.SshConnector;
import org.vmguard.report.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fleet", description = "Audit many hosts and keep every run in a results store.",
        subcommands = {FleetCommand.Scan.class, FleetCommand.Show.class})
final class FleetCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final String DB_HELP = "results store: a SQLite file (default $XDG_DATA_HOME/vmguard/fleet.db or "
            + "~/.local/share/vmguard/fleet.db) or postgresql://USER@HOST[:PORT]/DB (password from PGPASSWORD)";

    static ResultStore open(String db, int pool) {
        if (db != null && db.isBlank()) {
            throw new UsageError("--db: empty; leave it out for the default store");
        }
        try {
            return ResultStore.open(db, System.getenv(), Path.of(System.getProperty("user.home")), pool);
        } catch (StoreError e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** A store given by --db must exist for a report; the default one is created (and is empty). */
    static ResultStore openForReport(String db) {
        if (db == null) {
            return open(null, 2);
        }
        if (db.isBlank()) {
            throw new UsageError("--db: empty; leave it out for the default store");
        }
        try {
            return ResultStore.openExisting(db, System.getenv(), Path.of(System.getProperty("user.home")), 2);
        } catch (StoreError e) {
            throw new UsageError(e.getMessage());
        }
    }

    @Command(name = "scan", sortOptions = false,
            description = "Audit the hosts over SSH into the results store. Scans of the same inventory sharing a store split it.")
    static final class Scan implements Callable<Integer> {

        @Mixin
        ReportOptions report;

        @Mixin
        SshOptions ssh;

        @Option(names = "--db", paramLabel = "URL", description = DB_HELP)
        String db;

        @Option(names = "--resume", description = "audit again the hosts a killed scan had claimed but not finished")
        boolean resume;

        @Override
        public Integer call() {
            if (!ssh.remote()) {
                throw new UsageError("fleet scan needs --inventory FILE or --host");
            }
            Selection selection = report.selection(Catalogue.all());
            Severity threshold = report.threshold();
            Format format = report.format();
            List<SshAddress> hosts = ssh.addresses();
            try (ResultStore store = open(db, ssh.parallel); SshConnector connector = ssh.connector()) {
                FleetScan.Outcome o = FleetScan.run(store, hosts, connector::connect, selection, ssh.parallel, resume,
                        scanner(), ProgressBar.forTerminal(report.quiet));
                connector.notes().forEach(n -> System.err.println("vmguard: " + n));
                if (o.requeued() > 0) {
                    System.err.println("vmguard: run " + o.run() + ": " + o.requeued() + " host(s) left unfinished by an earlier scan audited again");
                }
                if (!o.finished() && o.elsewhere() > 0) {
                    System.err.println("vmguard: run " + o.run() + ": " + o.elsewhere() + " host(s) are claimed by other scans;"
                            + " if those scans died, run again with --resume");
                }
                return RemoteAudit.emit(report, format, threshold, o.mine(), o.fleet(), false);
            } catch (StoreError e) {
                throw new TargetError(e.getMessage());
            }
        }

        private static String scanner() {
            return LocalTarget.hostName() + ":" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }

    @Command(name = "report", description = "Show the latest run, what changed since the previous one, and the trend of failures.")
    static final class Show implements Callable<Integer> {

        @Option(names = "--db", paramLabel = "URL", description = DB_HELP)
        String db;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() {
            if (!List.of("text", "json").contains(format)) {
                throw new UsageError("--format: '" + format + "' is not one of text, json");
            }
            try (ResultStore store = openForReport(db)) {
                RunHistory h = store.history();
                System.out.print(format.equals("json") ? h.json() : h.text());
                return ExitCode.OK;
            } catch (StoreError e) {
                throw new TargetError(e.getMessage());
            }
        }
    }
}
