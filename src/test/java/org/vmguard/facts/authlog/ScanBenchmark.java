package org.vmguard.facts.authlog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vmguard.logs.AuthLogGenerator;

/**
 * The hot loops of `vmguard logs` on one thread: the scanner over 4 MiB chunks of a generated
 * auth.log, and the in-order analysis of what it found. `bench/scan-jmh.sh` runs it with C1 only
 * (as the launcher runs logs) and with C2; the figures are in bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmn256m"})
public class ScanBenchmark {

    @Param({"200000"})
    int lines;

    private final List<byte[]> chunks = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();
    private SyslogClock clock;
    private final ConnectionKeys keys = new ConnectionKeys();
    private List<EventBatch> scanned;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        Path log = Files.createTempFile("scan-bench-", ".log");
        try {
            AuthLogGenerator.write(log, lines, 1);
            byte[] all = Files.readAllBytes(log);
            int from = 0;
            while (from < all.length) {
                int to = Math.min(all.length, from + AuthLogReader.CHUNK);
                while (to < all.length && all[to - 1] != '\n') {
                    to--;
                }
                byte[] b = new byte[AuthLogReader.CHUNK];
                System.arraycopy(all, from, b, 0, to - from);
                chunks.add(b);
                ends.add(to - from);
                from = to;
            }
        } finally {
            Files.deleteIfExists(log);
        }
        clock = new SyslogClock(1_763_900_000L, ZoneOffset.UTC);
        scanned = scanAll();
    }

    private List<EventBatch> scanAll() {
        List<EventBatch> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            EventBatch batch = new EventBatch(chunks.get(i));
            new AuthLineScanner(batch, clock, keys).scan(0, ends.get(i));
            out.add(batch);
        }
        return out;
    }

    /** Scanning: bytes to events (what the reader's threads do, one chunk after another). */
    @Benchmark
    public List<EventBatch> scan() {
        return scanAll();
    }

    /**
     * Analysis: each chunk's addresses and names resolved to the analysis's states (the reading
     * threads' part, {@code prepare}), then the events of every chunk, in order, into counts and
     * findings (the main thread's part).
     */
    @Benchmark
    public AuthLogAnalysis analyse() {
        AuthLogAnalyzer analyzer = new AuthLogAnalyzer(Thresholds.FAIL2BAN_DEFAULTS);
        analyzer.begin("bench.log", 1_763_900_000L);
        for (EventBatch b : scanned) {
            analyzer.prepare(b); // states of this analyzer, not of the previous iteration's
            analyzer.accept(b);
        }
        analyzer.end(null);
        return analyzer.result();
    }
}
