package org.vmguard.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.vmguard.catalogue.Catalogue;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.OsInfo;
import org.vmguard.core.Report;
import org.vmguard.core.ReportTarget;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.facts.fleet.FleetFacts;
import org.vmguard.facts.fleet.UnprotectedKeys;
import org.vmguard.run.HostAudit;
import org.vmguard.run.Runner;
import org.vmguard.target.ssh.SshAddress;
import org.vmguard.target.ssh.SshFailure;
import org.vmguard.target.ssh.SshTarget;

/**
 * Audits many hosts over SSH at once, each on its own virtual thread, at most {@code parallel} at
 * a time. A host that cannot be reached, or drops the connection mid-audit, becomes an
 * "unreachable" entry with the reason; the others carry on.
 */
public final class FleetAudit {

    private FleetAudit() {
    }

    /** Opens a connection to a host: SshConnector::connect in real runs. */
    @FunctionalInterface
    public interface Connect {
        SshTarget open(SshAddress address) throws SshFailure;
    }

    /** Told as each host finishes, from any thread. */
    @FunctionalInterface
    public interface Progress {
        void finished(HostResult result, int done, int total);

        Progress NONE = (r, d, t) -> {
        };
    }

    /**
     * One host's outcome: a report and the facts the fleet checks need, or why it was unreachable.
     */
    public record HostResult(SshAddress address, Report report, FleetFacts.Member member, String unreachable) {

        public boolean reached() {
            return unreachable == null;
        }

        public String name() {
            return address.name();
        }
    }

    public static HostResult auditOne(SshAddress address, Connect connect, Selection selection) {
        SshTarget target;
        try {
            target = connect.open(address);
        } catch (SshFailure e) {
            return new HostResult(address, null, null, e.getMessage());
        } catch (RuntimeException e) {
            return new HostResult(address, null, null, "could not connect: " + e);
        }
        try (target) {
            Report report = HostAudit.run(target, selection);
            FleetFacts.Member member = member(address.name(), target);
            if (target.lost().isPresent()) {
                return new HostResult(address, null, null, target.lost().get());
            }
            return new HostResult(address, report, member, null);
        } catch (RuntimeException e) {
            return new HostResult(address, null, null, target.lost().orElse("audit failed: " + e));
        }
    }

    static FleetFacts.Member member(String name, SshTarget target) {
        String type = KeyUtils.getKeyType(target.hostKey());
        String fp = target.hostKeyFingerprint();
        try {
            UnprotectedKeys keys = new Host(target).fact(UnprotectedKeys.KEY);
            return new FleetFacts.Member(name, type, fp, keys, null);
        } catch (FactException e) {
            return new FleetFacts.Member(name, type, fp, null, e.getMessage());
        }
    }

    /** Audits every host, {@code parallel} at a time; the results keep the order of {@code hosts}. */
    public static List<HostResult> auditAll(List<SshAddress> hosts, Connect connect, Selection selection, int parallel,
            Progress progress) {
        Semaphore slots = new Semaphore(Math.max(1, parallel));
        AtomicInteger done = new AtomicInteger();
        List<Future<HostResult>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SshAddress a : hosts) {
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        HostResult r = auditOne(a, connect, selection);
                        progress.finished(r, done.incrementAndGet(), hosts.size());
                        return r;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<HostResult> out = new ArrayList<>();
            for (Future<HostResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while auditing the fleet");
        } catch (ExecutionException e) {
            throw new IllegalStateException("fleet audit failed: " + e.getCause(), e.getCause());
        }
    }

    /** The fleet checks over the hosts that were reached. */
    public static Report judge(List<FleetFacts.Member> members, Selection selection, Instant startedAt) {
        FleetFacts facts = new FleetFacts(members);
        ReportTarget rt = new ReportTarget(TargetKind.SSH, "fleet", OsInfo.UNKNOWN);
        return Runner.run(facts, TargetKind.SSH, rt, selection.profile().name(),
                selection.apply(Catalogue.fleetChecks()), startedAt);
    }

    public static Report judge(List<HostResult> results, Selection selection) {
        return judge(results.stream().filter(HostResult::reached).map(HostResult::member).toList(), selection, Instant.now());
    }
}
