package org.vmguard.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.Severity;
import org.vmguard.core.Status;
import org.vmguard.core.TargetKind;
import org.vmguard.probe.LiveProbes;
import org.vmguard.probe.NetworkHost;
import org.vmguard.probe.Reachability;
import org.vmguard.report.Format;
import org.vmguard.report.HtmlReport;
import org.vmguard.report.JsonReport;
import org.vmguard.report.JunitReport;
import org.vmguard.report.MarkdownReport;
import org.vmguard.report.PrometheusReport;
import org.vmguard.report.Renderers;
import org.vmguard.report.SarifReport;
import org.vmguard.report.TextReport;
import org.vmguard.run.Runner;
import org.vmguard.target.ssh.SshAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "probe", sortOptions = false,
        description = {"Audit hosts from the network side, as a stranger sees them: the probe.* checks "
                + "(SSH authentication and algorithms, open resolver, NTP monlist, open relay, risky ports, TLS, "
                + "default web pages). Probe only hosts you are responsible for."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:nothing failed at or above --fail-on",
            "1:something did",
            "2:the command line or the inventory is wrong",
            "3:a host could not be resolved or did not answer at all (the others' results are still written)",
            "4:nothing failed, but a check at or above --fail-on could not be evaluated"})
final class ProbeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "HOST", description = "host names or addresses to probe")
    List<String> hosts = List.of();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "probe the hosts of an Ansible inventory (INI or YAML, e.g. from cloud audit --emit-inventory) or a plain list")
    Path inventory;

    @Option(names = "--ssh-port", paramLabel = "PORT", defaultValue = "22",
            description = "the port of the SSH server (default: ${DEFAULT-VALUE})")
    int sshPort;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "how long to wait for each answer (default: ${DEFAULT-VALUE})")
    int timeout;

    @Option(names = "--dns-name", paramLabel = "NAME", defaultValue = "www.example.com",
            description = "the name asked recursively to find an open resolver (default: ${DEFAULT-VALUE})")
    String dnsName;

    @Mixin
    ReportOptions report;

    /** A host as the user named it, and where that came from. */
    private record Named(String name, String host) {
    }

    /** One host's outcome: a report, or why there is none. */
    private record Probe(Named host, Report report, String unreachable) {
    }

    @Override
    public Integer call() {
        if (timeout < 1 || timeout > 600) {
            throw new UsageError("--timeout: " + timeout + " is not between 1 and 600 seconds");
        }
        if (sshPort < 1 || sshPort > 65535) {
            throw new UsageError("--ssh-port: " + sshPort + " is not a port (1-65535)");
        }
        List<Named> targets = targets();
        Selection selection = report.selection(Catalogue.all());
        if (Catalogue.probeChecks().stream().noneMatch(c -> selection.includes(c.info()))) {
            throw new UsageError("nothing to run: --only/--skip leave no probe.* check (vmguard checks probe lists them)");
        }
        Severity threshold = report.threshold();
        Format format = report.format();
        var waivers = report.waivers(Catalogue.all());
        LiveProbes.Settings settings = LiveProbes.Settings.DEFAULTS.withSshPort(sshPort)
                .withTimeout(Duration.ofSeconds(timeout)).withDnsName(dnsName);
        List<Probe> probes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Probe>> running = new ArrayList<>();
            for (Named t : targets) {
                running.add(pool.submit(() -> probe(t, selection, settings)));
            }
            for (Future<Probe> f : running) {
                probes.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetError("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        List<Report> reports = new ArrayList<>();
        List<JsonReport.Unreachable> unreachable = new ArrayList<>();
        for (Probe p : probes) {
            if (p.report() != null) {
                reports.add(waivers.apply(p.report(), LocalDate.now()));
            } else {
                unreachable.add(new JsonReport.Unreachable(p.host().name(), p.unreachable()));
            }
        }
        boolean single = targets.size() == 1 && inventory == null;
        if (single && reports.isEmpty()) {
            throw new TargetError(unreachable.getFirst().target() + ": " + unreachable.getFirst().reason());
        }
        TextReport.Style style = report.style();
        String text;
        if (single) {
            text = Renderers.render(format, reports.getFirst(), style);
        } else {
            text = switch (format) {
                case JSON -> JsonReport.renderFleet(reports, unreachable);
                case TEXT -> text(reports, unreachable, style);
                case JUNIT -> JunitReport.render(reports);
                case SARIF -> SarifReport.render(reports);
                case HTML -> HtmlReport.render(reports);
                case MARKDOWN -> MarkdownReport.render(reports);
                case PROMETHEUS -> PrometheusReport.render(reports);
            };
        }
        report.emit(System.out, text);
        for (JsonReport.Unreachable u : unreachable) {
            System.err.println("vmguard: " + u.target() + " unreachable: " + u.reason());
        }
        return unreachable.isEmpty() ? ExitCode.of(reports, threshold) : ExitCode.UNREACHABLE;
    }

    private static String text(List<Report> reports, List<JsonReport.Unreachable> unreachable, TextReport.Style style) {
        StringBuilder b = new StringBuilder();
        for (Report r : reports) {
            b.append(TextReport.render(r, style)).append('\n');
        }
        for (JsonReport.Unreachable u : unreachable) {
            b.append(u.target()).append(": unreachable: ").append(u.reason()).append('\n');
        }
        b.append(reports.size()).append(" host(s) probed, ").append(unreachable.size()).append(" unreachable\n");
        return b.toString();
    }

    private Probe probe(Named t, Selection selection, LiveProbes.Settings settings) {
        InetAddress address;
        try {
            address = InetAddress.getByName(t.host());
        } catch (UnknownHostException e) {
            return new Probe(t, null, "cannot resolve " + t.host());
        }
        Instant started = Instant.now();
        NetworkHost host = new NetworkHost(t.host(), address, new LiveProbes(t.host(), address, settings));
        String name = t.host().equals(address.getHostAddress()) ? t.name() : t.name() + " (" + address.getHostAddress() + ")";
        Report r = Runner.run(host, TargetKind.NETWORK, new ReportTarget(TargetKind.NETWORK, name, OsInfo.UNKNOWN),
                selection.profile().name(), selection.apply(Catalogue.probeChecks()), started);
        boolean answered = r.results().stream().anyMatch(x -> x.status() != Status.SKIP);
        if (!answered) {
            Optional<String> down = Reachability.unreachable(address, settings.timeout());
            if (down.isPresent()) {
                return new Probe(t, null, address.getHostAddress() + " did not answer: " + down.get());
            }
        }
        return new Probe(t, r, null);
    }

    private List<Named> targets() {
        Set<Named> out = new LinkedHashSet<>();
        for (String h : hosts) {
            String s = h.strip();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.isEmpty() || s.startsWith("-")) {
                throw new UsageError("'" + h + "' is not a host name or address");
            }
            out.add(new Named(h.strip(), s));
        }
        if (inventory != null) {
            for (SshAddress a : SshOptions.inventory(inventory)) {
                out.add(new Named(a.name(), a.host()));
            }
        }
        if (out.isEmpty()) {
            throw new UsageError("no hosts to probe: give HOST… or --inventory FILE");
        }
        return List.copyOf(out);
    }
}
