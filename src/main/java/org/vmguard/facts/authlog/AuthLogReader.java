package org.vmguard.facts.authlog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * Reads logs in large chunks cut at line ends; the chunks are parsed in parallel (virtual threads
 * on as many carriers as there are cores) and handed to the analyzer in file order. Gzip files
 * are recognised by their magic bytes. A read error ends that input, keeping what was read.
 */
public final class AuthLogReader implements AutoCloseable {

    static final int CHUNK = 4 << 20;

    private final AuthLogAnalyzer analyzer;
    private final ConnectionKeys connections = new ConnectionKeys();
    private final ZoneId zone;
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    private final int inFlight = Math.max(2, Runtime.getRuntime().availableProcessors() + 1);
    // chunks and their event columns, used again once analysed
    private final BlockingQueue<EventBatch> free = new ArrayBlockingQueue<>(inFlight + 2);

    public AuthLogReader(AuthLogAnalyzer analyzer, ZoneId zone) {
        this.analyzer = analyzer;
        this.zone = zone;
    }

    /**
     * Reads one log (plain or gzip) to its end and closes the stream.
     *
     * @param mtimeEpochSeconds the file's modification time: the year of traditional stamps
     */
    public void read(String path, InputStream raw, long mtimeEpochSeconds) {
        analyzer.begin(path, mtimeEpochSeconds);
        String error = null;
        SyslogClock clock = new SyslogClock(mtimeEpochSeconds, zone);
        ArrayDeque<Future<EventBatch>> pending = new ArrayDeque<>();
        try (InputStream in = decompressed(raw)) {
            chunks(in, clock, pending);
        } catch (IOException e) {
            error = path + ": " + describe(e);
        }
        try {
            while (!pending.isEmpty()) {
                take(pending);
            }
        } catch (IOException e) {
            error = path + ": " + e.getMessage();
        }
        analyzer.end(error);
    }

    /** What a user can act on, instead of java.util.zip's wording. */
    private static String describe(IOException e) {
        if (e instanceof java.io.EOFException) {
            return "truncated gzip file: it ends inside compressed data (the lines before the cut were read)";
        }
        if (e instanceof java.util.zip.ZipException) {
            return "not a valid gzip file (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    private void chunks(InputStream in, SyslogClock clock, ArrayDeque<Future<EventBatch>> pending) throws IOException {
        byte[] carry = new byte[CHUNK];
        int carryLen = 0;
        boolean skipping = false; // inside a line longer than a chunk
        while (true) {
            EventBatch batch = batch();
            byte[] buf = batch.bytes;
            System.arraycopy(carry, 0, buf, 0, carryLen);
            int n = carryLen;
            IOException failure = null;
            try {
                // read until the chunk is full or the stream ends; a failure keeps what came before it
                while (n < CHUNK) {
                    int r = in.read(buf, n, CHUNK - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                failure = e;
            }
            boolean eof = n < CHUNK;
            int start = 0;
            if (skipping) {
                int nl = indexOf(buf, (byte) '\n', 0, n);
                if (nl < 0) {
                    carryLen = 0;
                    free.offer(batch);
                    if (failure != null) {
                        throw failure;
                    }
                    if (eof) {
                        return;
                    }
                    continue;
                }
                start = nl + 1;
                skipping = false;
            }
            int last = lastIndexOf(buf, (byte) '\n', start, n);
            if (!eof && last < 0) {
                analyzer.giganticLine();
                skipping = true;
                carryLen = 0;
                free.offer(batch);
                continue;
            }
            int end = eof ? n : last + 1;
            carryLen = n - end;
            System.arraycopy(buf, end, carry, 0, carryLen);
            if (end > start) {
                final int s = start;
                final int e = end;
                pending.add(pool.submit(() -> {
                    batch.reset();
                    new AuthLineScanner(batch, clock.fork(), connections).scan(s, e);
                    analyzer.prepare(batch);
                    return batch;
                }));
            } else {
                free.offer(batch);
            }
            while (pending.size() >= inFlight) {
                take(pending);
            }
            if (failure != null) {
                throw failure;
            }
            if (eof) {
                return;
            }
        }
    }

    private EventBatch batch() {
        EventBatch b = free.poll();
        return b != null ? b : new EventBatch(new byte[CHUNK]);
    }

    private void take(ArrayDeque<Future<EventBatch>> pending) throws IOException {
        Future<EventBatch> f = pending.poll();
        EventBatch batch;
        try {
            batch = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            // a parser bug must not end the run: the chunk's lines count as unparsed
            throw new IOException("internal error while reading: " + e.getCause(), e.getCause());
        }
        analyzer.accept(batch);
        free.offer(batch);
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] b, byte c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
