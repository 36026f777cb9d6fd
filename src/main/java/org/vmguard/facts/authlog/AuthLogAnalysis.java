package org.vmguard.facts.authlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.vmguard.core.Evidence;
import org.vmguard.core.Severity;

/**
 * What SSH authentication logs say: who tried, how often, who got in. Times are instants; a log
 * that carries no time at all ({@code sshd -E}) is dated at its file's modification time.
 *
 * @param window the first and last time seen; null when no sshd line was read
 */
public record AuthLogAnalysis(
        List<Input> inputs,
        Window window,
        Thresholds thresholds,
        List<Source> sources,
        List<Network> networks,
        List<UserName> users,
        List<Hour> timeline,
        List<Finding> findings) {

    public AuthLogAnalysis {
        inputs = List.copyOf(inputs);
        sources = List.copyOf(sources);
        networks = List.copyOf(networks);
        users = List.copyOf(users);
        timeline = List.copyOf(timeline);
        findings = List.copyOf(findings);
    }

    /**
     * One log read: its lines, the lines that were no log lines (binary, gigantic, malformed), and
     * why it could not be read, if it could not.
     */
    public record Input(String path, long lines, long unparsed, String error) {
    }

    public record Window(Instant from, Instant to) {
    }

    /**
     * @param failures the lines fail2ban's sshd filter counts as failures for this address
     * @param invalidUsers "Invalid user" lines
     * @param users the user names tried or logged in with, in order of first use (at most 100)
     * @param bruteForce whether it reached the thresholds' failures within their window
     */
    public record Source(String address, long failures, long invalidUsers, long successes, List<String> users,
            Instant firstSeen, Instant lastSeen, boolean bruteForce) {
        public Source {
            users = List.copyOf(users);
        }
    }

    /** A /24 (IPv4) or /48 (IPv6) network and the sources in it that failed. */
    public record Network(String network, long failures, int addresses, long successes) {
    }

    public record UserName(String user, long failures, long successes, boolean invalid) {
    }

    public record Hour(Instant start, long failures, long invalidUsers, long successes) {
    }

    /**
     * One finding about a source (and user), with the first line that shows it.
     *
     * @param count how many times it happened
     */
    public record Finding(String id, Severity severity, String address, String user, Instant time, String message,
            long count, List<Evidence> evidence) {
        public Finding {
            evidence = List.copyOf(evidence);
        }
    }

    public static final String BRUTE_FORCE = "log.bruteforce";
    public static final String SUCCESS_AFTER_FAILURES = "log.success-after-failures";
    public static final String PASSWORD_LOGIN = "log.password-login";
    public static final String ROOT_LOGIN = "log.root-login";
    public static final String NEW_NETWORK = "log.new-network";

    public List<Finding> findings(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).toList();
    }

    public Optional<Source> source(String address) {
        return sources.stream().filter(s -> s.address().equals(address)).findFirst();
    }

    public long unparsed() {
        return inputs.stream().mapToLong(Input::unparsed).sum();
    }

    public long lines() {
        return inputs.stream().mapToLong(Input::lines).sum();
    }
}
