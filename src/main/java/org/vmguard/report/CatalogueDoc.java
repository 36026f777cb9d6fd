package org.vmguard.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.TargetKind;

/** docs/checks.md, generated from the checks' metadata so the two never disagree. */
public final class CatalogueDoc {

    private CatalogueDoc() {
    }

    public static String markdown(List<CheckInfo> checks) {
        StringBuilder b = new StringBuilder();
        b.append("# vmguard checks\n\n");
        b.append("Generated from the checks' metadata by `CatalogueDocTest` "
                + "(`./mvnw test -Dtest=CatalogueDocTest -Dregenerate=true` rewrites it); do not edit by hand.\n\n");
        Map<String, List<CheckInfo>> byArea = new LinkedHashMap<>();
        for (CheckInfo c : checks) {
            byArea.computeIfAbsent(c.area(), a -> new java.util.ArrayList<>()).add(c);
        }
        b.append("| id | severity | targets | title |\n|---|---|---|---|\n");
        for (CheckInfo c : checks) {
            b.append("| [").append(c.id()).append("](#").append(c.id().replace(".", "")).append(") | ")
                    .append(c.severity().label()).append(" | ").append(targets(c)).append(" | ")
                    .append(escape(c.title())).append(" |\n");
        }
        for (var area : byArea.entrySet()) {
            b.append("\n## ").append(area.getKey()).append("\n");
            for (CheckInfo c : area.getValue()) {
                b.append("\n### ").append(c.id()).append("\n\n");
                b.append("**").append(escape(c.title())).append("** — severity ").append(c.severity().label())
                        .append("; targets: ").append(targets(c)).append("\n\n");
                b.append(c.rationale()).append("\n\n");
                b.append("Fix: ").append(c.remediation()).append("\n\n");
                b.append("References:\n");
                c.references().forEach(r -> b.append("- ").append(r).append('\n'));
            }
        }
        return b.toString();
    }

    private static String targets(CheckInfo c) {
        return String.join(", ", c.targets().stream().sorted().map(TargetKind::label).toList());
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
