package org.vmguard.core;

/** The operating system of a target, as os-release names it; fields are "" when unknown. */
public record OsInfo(String id, String version, String prettyName) {

    public static final OsInfo UNKNOWN = new OsInfo("", "", "");

    public boolean known() {
        return !id.isEmpty();
    }
}
