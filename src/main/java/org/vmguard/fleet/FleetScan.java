package org.vmguard.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vmguard.catalogue.Selection;
import org.vmguard.core.Report;
import org.vmguard.fleet.store.ResultStore;
import org.vmguard.fleet.store.StoreError;
import org.vmguard.target.ssh.SshAddress;

/**
 * {@code fleet scan}: the hosts of an inventory audited into the results store. The scan joins
 * the open run of its inventory (or starts one), then its workers claim pending hosts one at a
 * time until none is left, so several scans — on several machines sharing a PostgreSQL store —
 * split the inventory. Each host is saved as soon as it is done: a scan killed midway loses only
 * the hosts it was auditing, and {@code --resume} puts those back in the queue.
 */
public final class FleetScan {

    private FleetScan() {
    }

    /**
     * @param mine the hosts this scan audited
     * @param fleet the fleet checks over every host of the run reached so far
     * @param finished whether this scan closed the run (every host done)
     * @param elsewhere hosts still claimed by other scans
     */
    public record Outcome(long run, List<FleetAudit.HostResult> mine, Report fleet, boolean finished, int elsewhere,
            int requeued) {
    }

    public static Outcome run(ResultStore store, List<SshAddress> hosts, FleetAudit.Connect connect, Selection selection,
            int parallel, boolean resume, String scanner, FleetAudit.Progress progress) throws StoreError {
        Map<String, SshAddress> byName = new HashMap<>();
        hosts.forEach(h -> byName.put(h.name(), h));
        long run = store.openRun(hosts, selection.profile().name());
        int requeued = resume ? store.requeueClaimed(run) : 0;
        int total = store.pending(run);
        List<FleetAudit.HostResult> mine = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < Math.max(1, parallel); i++) {
                workers.add(pool.submit(() -> {
                    Optional<String> next;
                    while ((next = store.claim(run, scanner)).isPresent()) {
                        SshAddress a = byName.get(next.get());
                        FleetAudit.HostResult r = a == null
                                ? new FleetAudit.HostResult(SshAddress.parse(next.get()), null, null,
                                        "not in this scan's inventory")
                                : FleetAudit.auditOne(a, connect, selection);
                        store.save(run, r);
                        mine.add(r);
                        progress.finished(r, done.incrementAndGet(), total);
                    }
                    return null;
                }));
            }
            for (Future<Void> w : workers) {
                w.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreError("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreError s) {
                throw s;
            }
            throw new IllegalStateException("fleet scan failed: " + e.getCause(), e.getCause());
        }
        Report fleet = FleetAudit.judge(store.members(run), selection, Instant.now());
        boolean finished = store.unfinished(run) == 0 && store.finish(run, fleet);
        List<FleetAudit.HostResult> ordered = new ArrayList<>(mine);
        ordered.sort((x, y) -> x.name().compareTo(y.name()));
        return new Outcome(run, ordered, fleet, finished, store.unfinished(run), requeued);
    }
}
