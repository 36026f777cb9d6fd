package org.vmguard.probe;

import java.util.List;

import org.vmguard.core.Evidence;

/**
 * What one network probe found out about a service: what it saw (with the exchange as
 * evidence), that the service is not offered (a closed port, no answer), or that it could not
 * tell. A check turns them into pass/fail, skip and error: "could not tell" is never a pass.
 */
public sealed interface Probed<T> {

    /** The service answered; {@code evidence} is what it said, with the exchange as the command. */
    record Seen<T>(T value, List<Evidence> evidence) implements Probed<T> {
        public Seen {
            evidence = List.copyOf(evidence);
        }
    }

    /** The service is not offered here (port closed, nothing answered): the check is skipped. */
    record Absent<T>(String reason) implements Probed<T> {
    }

    /** The probe could not tell (a protocol error, a reset mid-way): the check is an error. */
    record Failed<T>(String reason) implements Probed<T> {
    }

    static <T> Probed<T> seen(T value, Evidence... evidence) {
        return new Seen<>(value, List.of(evidence));
    }

    static <T> Probed<T> absent(String reason) {
        return new Absent<>(reason);
    }

    static <T> Probed<T> failed(String reason) {
        return new Failed<>(reason);
    }
}
