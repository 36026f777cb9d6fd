package org.vmguard.cloud;

import java.util.Locale;

/** The steps of the compromise response, in the only order the API allows (a lock refuses the rest). */
public enum QuarantineStep {
    RECORD("record the server, its ports, security groups, volumes and console log in the incident file"),
    METADATA("write metadata security_ticket and vmguard_quarantined_at, and the tag vmguard-quarantined"),
    ISOLATE("create a deny-all security group (its default egress rules removed), switch port security on and move every port to it"),
    STOP("stop the server (never delete it)"),
    SNAPSHOT("snapshot the server, and each attached volume when the server is image-backed"),
    LOCK("lock the server with a reason");

    private final String description;

    QuarantineStep(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
