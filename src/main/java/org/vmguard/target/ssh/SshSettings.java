package org.vmguard.target.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach hosts, as ssh's options name it.
 *
 * @param sshConfig ssh -F; null for ~/.ssh/config when it exists
 * @param identities ssh -i, tried before the config's IdentityFile and the default key files
 * @param knownHosts UserKnownHostsFile; null for the config's or ~/.ssh/known_hosts
 * @param acceptNew StrictHostKeyChecking=accept-new: record a first-seen key, never a changed one
 * @param sudo read root-only files through sudo -n
 * @param timeout for the TCP connection, the handshake, authentication, and each command
 * @param agentSocket SSH_AUTH_SOCK, or null
 * @param home the user's home, for ~ and the default files
 * @param prompt asks for a key's passphrase; null when there is no terminal
 */
public record SshSettings(Path sshConfig, List<Path> identities, Path knownHosts, boolean acceptNew, boolean sudo,
        Duration timeout, Path agentSocket, Path home, String localUser, PassphrasePrompt prompt) {

    public SshSettings {
        identities = List.copyOf(identities);
    }

    /** Asks for a key file's passphrase without echoing it; null to give up on that key. */
    @FunctionalInterface
    public interface PassphrasePrompt {
        char[] ask(String keyFile);
    }
}
