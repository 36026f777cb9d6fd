package org.vmguard.core;

/** The tool's name and version as reports carry them. */
public final class Version {

    public static final String NAME = "vmguard";
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
