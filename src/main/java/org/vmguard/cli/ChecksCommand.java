package org.vmguard.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.TargetKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "checks", description = "List the catalogue, or show one check's rationale, remediation and references.")
final class ChecksCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ID", description = "the check to show, or an area (ssh, account, …) to list")
    String id;

    @Override
    public Integer call() {
        if (id == null) {
            list(Catalogue.all());
            return ExitCode.OK;
        }
        var c = Catalogue.find(id);
        if (c.isPresent()) {
            System.out.print(describe(c.get()));
            return ExitCode.OK;
        }
        // an area, as --only and --skip take one: its checks
        List<CheckInfo> area = Catalogue.all().stream().filter(x -> x.area().equals(id)).toList();
        if (area.isEmpty()) {
            throw new UsageError("no check or area '" + id + "' in the catalogue (vmguard checks lists them)");
        }
        list(area);
        return ExitCode.OK;
    }

    private static void list(List<CheckInfo> checks) {
        StringBuilder b = new StringBuilder();
        for (CheckInfo c : checks) {
            b.append(String.format("%-30s %-9s %s%n", c.id(), c.severity().label(), c.title()));
        }
        System.out.print(b);
    }

    static String describe(CheckInfo c) {
        StringBuilder b = new StringBuilder();
        b.append(c.id()).append(" — ").append(c.title()).append('\n');
        b.append("severity: ").append(c.severity().label()).append("   area: ").append(c.area())
                .append("   targets: ").append(String.join(", ", targets(c))).append("\n\n");
        b.append("Why\n  ").append(c.rationale()).append("\n\n");
        b.append("Fix\n  ").append(c.remediation()).append("\n\n");
        b.append("References\n");
        c.references().forEach(r -> b.append("  - ").append(r).append('\n'));
        return b.toString();
    }

    private static List<String> targets(CheckInfo c) {
        return c.targets().stream().sorted().map(TargetKind::label).toList();
    }
}
