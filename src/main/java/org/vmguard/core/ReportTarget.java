package org.vmguard.core;

/** What a report is about. */
public record ReportTarget(TargetKind kind, String name, OsInfo os) {
}
