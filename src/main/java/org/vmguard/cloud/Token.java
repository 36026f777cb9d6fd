package org.vmguard.cloud;

import java.time.Instant;

/** A Keystone token and what came with it. The value is a {@link Secret}: toString hides it. */
public record Token(Secret value, Instant expiresAt, String projectId, String projectName, String userId,
        Catalog catalog) {
}
