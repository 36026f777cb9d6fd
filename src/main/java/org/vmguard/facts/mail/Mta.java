package org.vmguard.facts.mail;

import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;

/**
 * One mail transfer agent found on a host, whatever its kind.
 *
 * @param binary the evidence that it is installed (its program)
 * @param enabled whether it starts at boot, when that can be told (systemd wants links, SysV rc links)
 * @param openRelay why it relays mail for anyone, with evidence, when it does
 */
public record Mta(String name, Evidence binary, List<Listener> listeners, Optional<Boolean> enabled,
        List<Evidence> enabledEvidence, Optional<Relay> openRelay, String unreadable) {

    public record Relay(String reason, List<Evidence> evidence) {
    }

    public List<Listener> exposed() {
        return listeners.stream().filter(l -> !l.loopback()).toList();
    }
}
