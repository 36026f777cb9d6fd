package org.vmguard.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Report;
import org.vmguard.report.Format;
import org.vmguard.report.Renderers;
import org.vmguard.run.HostAudit;
import org.vmguard.target.LocalTarget;
import org.vmguard.target.RootfsTarget;
import org.vmguard.target.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", sortOptions = false,
        description = {"Audit this machine (no argument), an offline root filesystem (--root), or remote hosts over SSH "
                + "(--host, --inventory) against the catalogue."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:nothing failed at or above --fail-on",
            "1:something did",
            "2:the command line, a config file or a credential is wrong",
            "3:a target could not be reached or read at all",
            "4:nothing failed, but a check at or above --fail-on could not be evaluated"})
final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR",
            description = "audit an offline root filesystem: an unpacked or mounted VM image, a chroot")
    Path root;

    @Mixin
    ReportOptions report;

    @Mixin
    SshOptions ssh;

    @Override
    public Integer call() {
        if (ssh.remote()) {
            if (root != null) {
                throw new UsageError("--root and --host/--inventory cannot be combined");
            }
            requireSomeCheck(report.selection(Catalogue.all()), true);
            return RemoteAudit.run(report, ssh, null);
        }
        var selection = report.selection(Catalogue.all());
        requireSomeCheck(selection, false);
        var threshold = report.threshold();
        Format format = report.format();
        var waivers = report.waivers(Catalogue.all());
        Optional<EarlyAudit> early = root == null ? EarlyAudit.take() : Optional.empty();
        Report audit;
        if (early.isPresent()) {
            audit = selection.equals(EarlyAudit.selection()) ? early.get().report()
                    : HostAudit.run(early.get().host(), selection, Instant::now);
        } else {
            audit = HostAudit.run(target(), selection);
        }
        Report r = waivers.apply(audit, LocalDate.now());
        PrintStream out = System.out;
        report.emit(out, render(r, format));
        return ExitCode.of(List.of(r), threshold);
    }

    /**
     * An empty run would report a perfect score: --only naming cloud.* checks (judged by cloud
     * audit), a check its profile leaves out, or --skip taking away all that --only chose.
     */
    private static void requireSomeCheck(Selection selection, boolean fleet) {
        boolean any = Catalogue.hostChecks().stream().anyMatch(c -> selection.includes(c.info()))
                || fleet && Catalogue.fleetChecks().stream().anyMatch(c -> selection.includes(c.info()));
        if (!any) {
            throw new UsageError("nothing to run: --only/--skip leave no check of profile " + selection.profile().name()
                    + " that audit runs on this target (vmguard checks lists them; cloud.* run under vmguard cloud audit, probe.* under vmguard probe)");
        }
    }

    private Target target() {
        if (root == null) {
            return new LocalTarget();
        }
        if (root.toString().isEmpty()) {
            // Path.of("") is the current directory: --root "$MNT" with MNT unset would audit it
            throw new UsageError("--root: an empty path (give the directory of the image's root)");
        }
        if (!Files.isDirectory(root)) {
            throw new TargetError("--root " + root + (Files.exists(root) ? ": not a directory" : ": no such directory"));
        }
        if (!Files.isReadable(root)) {
            throw new TargetError("--root " + root + ": permission denied");
        }
        RootfsTarget target = new RootfsTarget(root);
        try {
            if (!target.exists("/etc") && !target.exists("/usr")) {
                // an unmounted mount point or a boot partition: every check would pass or skip over nothing
                throw new TargetError("--root " + root + ": not a root filesystem: it has neither /etc nor /usr"
                        + " (is the image mounted?)");
            }
        } catch (java.io.IOException e) {
            throw new TargetError("--root " + root + ": " + e.getMessage());
        }
        return target;
    }

    private String render(Report r, Format format) {
        return Renderers.render(format, r, report.style());
    }

}
