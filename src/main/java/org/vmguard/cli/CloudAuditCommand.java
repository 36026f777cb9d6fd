package org.vmguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.cloud.CloudConfig;
import org.vmguard.cloud.CloudProject;
import org.vmguard.cloud.Listeners;
import org.vmguard.cloud.OpenStackClient;
import org.vmguard.cloud.ProjectListing;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.ParseError;
import org.vmguard.report.Format;
import org.vmguard.report.JsonReport;
import org.vmguard.report.Renderers;
import org.vmguard.report.TextReport;
import org.vmguard.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audit", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Audit an OpenStack project: security groups, ports, floating IPs and servers of every region "
                + "(or --os-region), listed in bulk and judged by the cloud.* checks."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:nothing failed at or above --fail-on",
            "1:something did",
            "2:the command line, clouds.yaml/OS_* credentials or --listeners file is wrong",
            "3:the cloud's API could not be reached or failed",
            "4:nothing failed, but a check at or above --fail-on could not be evaluated"})
final class CloudAuditCommand implements Callable<Integer> {

    private final CloudConfig config;

    @Spec
    CommandSpec spec;

    @Mixin
    CloudCommandOptions cloud;

    @Mixin
    ReportOptions report;

    @Option(names = "--listeners", paramLabel = "FILE",
            description = "what the servers listen on, for cloud.server-exposure: "
                    + "{\"hosts\": {\"NAME|ID|ADDRESS\": {\"tcp\": [22], \"udp\": []}}}")
    Path listeners;

    @Option(names = "--emit-inventory", paramLabel = "FILE",
            description = "write the servers' public addresses as an Ansible YAML inventory (for --inventory and probe)")
    Path inventory;

    CloudAuditCommand() {
        this(CloudConfig.ofProcess());
    }

    CloudAuditCommand(CloudConfig config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        Selection selection = report.selection(Catalogue.all());
        var threshold = report.threshold();
        Format format = report.format();
        var waivers = report.waivers(Catalogue.all());
        Listeners hosts = listeners();
        Path inventoryDir = inventory == null ? null : inventory.toAbsolutePath().getParent();
        if (inventoryDir != null && !Files.isDirectory(inventoryDir)) {
            // said before the audit's API calls, not after them
            throw new UsageError("--emit-inventory " + inventory + ": no such directory " + inventoryDir);
        }
        return CloudCommand.translated(() -> {
            OpenStackClient client = cloud.client(config);
            Instant started = Instant.now();
            CloudProject project = ProjectListing.load(client).withListeners(hosts);
            String name = project.projectName() + " (" + project.projectId() + ") in " + String.join(", ", project.regions());
            Report r = waivers.apply(Runner.run(project, TargetKind.OPENSTACK,
                    new ReportTarget(TargetKind.OPENSTACK, name, OsInfo.UNKNOWN), selection.profile().name(),
                    selection.apply(Catalogue.cloudChecks()), started), LocalDate.now());
            String text = switch (format) {
                case JSON -> json(r, project);
                case TEXT -> Renderers.render(format, r, report.style()) + addresses(project);
                default -> Renderers.render(format, r, report.style());
            };
            if (report.output == null) {
                PrintWriter out = spec.commandLine().getOut();
                out.print(text);
                out.flush();
            } else {
                report.emit(System.out, text);
            }
            if (inventory != null) {
                writeInventory(project);
            }
            return ExitCode.of(List.of(r), threshold);
        });
    }

    private Listeners listeners() {
        if (listeners == null) {
            return Listeners.NONE;
        }
        try {
            return Listeners.parse(listeners.toString(), Files.readString(listeners));
        } catch (IOException e) {
            throw new UsageError("--listeners " + listeners + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : "cannot read: " + e.getMessage()));
        } catch (ParseError e) {
            throw new UsageError("--listeners: " + e.getMessage());
        }
    }

    /** The report of the contract, plus each server's public addresses (an extension of the schema). */
    static String json(Report r, CloudProject p) {
        ObjectNode root = JsonReport.tree(r);
        ArrayNode list = root.putArray("publicAddresses");
        for (CloudProject.PublicAddresses pa : p.publicAddresses()) {
            if (pa.addresses().isEmpty()) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("server", pa.server().id()).put("name", pa.server().name()).put("region", pa.server().region());
            ArrayNode a = o.putArray("addresses");
            pa.addresses().forEach(a::add);
        }
        try {
            return JsonReport.MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String addresses(CloudProject p) {
        StringBuilder b = new StringBuilder("\npublic addresses ").append("─".repeat(TextReport.WIDTH - 17)).append('\n');
        int n = 0;
        for (CloudProject.PublicAddresses pa : p.publicAddresses()) {
            if (!pa.addresses().isEmpty()) {
                n++;
                b.append(String.format("  %-24s %-38s %s%n", pa.server().name(), pa.server().id(), String.join(", ", pa.addresses())));
            }
        }
        if (n == 0) {
            b.append("  no server has a public or floating address\n");
        }
        return b.toString();
    }

    private void writeInventory(CloudProject p) {
        StringBuilder b = new StringBuilder("# vmguard cloud audit: servers with a public address (Ansible YAML inventory)\n");
        b.append("all:\n  children:\n    openstack:\n      hosts:\n");
        Map<String, Integer> seen = new HashMap<>();
        int n = 0;
        for (CloudProject.PublicAddresses pa : p.publicAddresses()) {
            if (pa.addresses().isEmpty()) {
                continue;
            }
            n++;
            String name = pa.server().name().isBlank() ? pa.server().id() : pa.server().name();
            if (seen.merge(name, 1, Integer::sum) > 1) {
                name = name + "-" + pa.server().id().substring(0, Math.min(8, pa.server().id().length()));
            }
            b.append("        ").append(quote(name)).append(":\n");
            b.append("          ansible_host: ").append(quote(pa.addresses().get(0))).append('\n');
            b.append("          openstack_id: ").append(quote(pa.server().id())).append('\n');
            b.append("          openstack_region: ").append(quote(pa.server().region())).append('\n');
            b.append("          public_addresses: [")
                    .append(String.join(", ", pa.addresses().stream().map(CloudAuditCommand::quote).toList())).append("]\n");
        }
        if (n == 0) {
            b.setLength(0);
            b.append("# vmguard cloud audit: no server has a public address\nall:\n  hosts: {}\n");
        }
        try {
            Files.writeString(inventory, b.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("--emit-inventory " + inventory + ": cannot write: " + e.getMessage());
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
