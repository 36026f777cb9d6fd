package org.vmguard.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmguard.facts.ParseError;
import org.vmguard.fleet.Inventory;
import org.vmguard.target.ssh.SshAddress;
import org.vmguard.target.ssh.SshConnector;
import org.vmguard.target.ssh.SshFailure;
import org.vmguard.target.ssh.SshSettings;
import picocli.CommandLine.Option;

/** The options for SSH targets, as OpenSSH names them (interface contract). */
public final class SshOptions {

    @Option(names = "--host", paramLabel = "[USER@]HOST[:PORT]", description = "audit this host over SSH (repeatable)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "audit the hosts of an Ansible inventory (INI or YAML) or a plain list, one [USER@]HOST[:PORT] a line")
    Path inventory;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "ssh_config to read, as ssh -F (default ~/.ssh/config)")
    Path sshConfig;

    @Option(names = "--identity", paramLabel = "FILE", description = "a private key to offer, as ssh -i (repeatable)")
    List<Path> identities = new ArrayList<>();

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file, as UserKnownHostsFile (default ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--accept-new", description = "trust and record a host key seen for the first time (never a changed one)")
    boolean acceptNew;

    @Option(names = "--sudo", description = "read root-only files through sudo -n")
    boolean sudo;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "32", description = "hosts audited at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "limit for connecting, authenticating and each command (default: ${DEFAULT-VALUE})")
    int timeout;

    boolean remote() {
        return !hosts.isEmpty() || inventory != null;
    }

    /** The hosts of --host and --inventory, each once, in order. */
    List<SshAddress> addresses() {
        Map<String, SshAddress> out = new LinkedHashMap<>();
        for (String h : hosts) {
            try {
                SshAddress a = SshAddress.parse(h);
                out.putIfAbsent(a.name(), a);
            } catch (IllegalArgumentException e) {
                throw new UsageError("--host " + h + ": " + e.getMessage());
            }
        }
        if (inventory != null) {
            for (SshAddress a : inventory(inventory)) {
                out.putIfAbsent(a.name(), a);
            }
        }
        if (out.isEmpty()) {
            throw new UsageError("no hosts to audit" + (inventory != null ? " in " + inventory : ""));
        }
        return List.copyOf(out.values());
    }

    /** The hosts of an inventory file (audit, fleet and probe --inventory); a file that cannot be used is a usage error saying why. */
    static List<SshAddress> inventory(Path inventory) {
        String text;
        try {
            text = Files.readString(inventory, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageError("--inventory " + inventory + ": " + (e instanceof java.nio.file.NoSuchFileException
                    ? "no such file" : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.charset.CharacterCodingException ? "not UTF-8 text"
                    : "cannot read it: " + e.getMessage()));
        }
        try {
            return Inventory.parse(inventory.toString(), text);
        } catch (ParseError e) {
            throw new UsageError(e.getMessage());
        }
    }

    SshConnector connector() {
        if (parallel < 1) {
            throw new UsageError("--parallel must be at least 1");
        }
        if (timeout < 1) {
            throw new UsageError("--timeout must be at least 1 second");
        }
        String sock = System.getenv("SSH_AUTH_SOCK");
        Path agent = sock != null && !sock.isBlank() && Files.exists(Path.of(sock)) ? Path.of(sock) : null;
        SshSettings s = new SshSettings(sshConfig, identities, knownHosts, acceptNew, sudo, Duration.ofSeconds(timeout),
                agent, Path.of(System.getProperty("user.home")), System.getProperty("user.name"), prompt());
        try {
            return new SshConnector(s);
        } catch (SshFailure e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** Asks on the terminal without echoing; never logged, never kept beyond decrypting the key. */
    private static SshSettings.PassphrasePrompt prompt() {
        Console c = System.console();
        if (c == null || !Terminal.isTerminal()) {
            return null;
        }
        return file -> {
            synchronized (SshOptions.class) {
                return c.readPassword("Enter passphrase for key '%s': ", file);
            }
        };
    }
}
