package org.vmguard.facts.fleet;

import java.util.List;

/**
 * What the fleet checks judge: for every host reached, the host key it proved it holds in the SSH
 * handshake, and the unprotected private keys found on it (or why they could not be looked for).
 */
public record FleetFacts(List<Member> members) {

    public FleetFacts {
        members = List.copyOf(members);
    }

    /**
     * @param hostKeyFingerprint "SHA256:…" of the key from the handshake
     * @param keys null when the key search failed; then {@code keysError} says why
     */
    public record Member(String host, String hostKeyType, String hostKeyFingerprint, UnprotectedKeys keys, String keysError) {
    }
}
