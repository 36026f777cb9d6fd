package org.vmguard.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Which TCP ports of an address accept a connection, and the plain-TCP plumbing the other
 * probes share: connecting with a timeout and reading what a (possibly hostile) peer sends
 * within a per-read timeout, an overall deadline and a length limit.
 */
public final class PortScan {

    private PortScan() {
    }

    /** TCP connect to each port (concurrently, virtual threads, at most {@code parallel} at once): the ports that accepted, in order. */
    public static List<Integer> open(InetAddress address, List<Integer> ports, Duration timeout, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        TreeSet<Integer> wanted = new TreeSet<>();
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + p);
            }
            wanted.add(p);
        }
        Semaphore slots = new Semaphore(parallel);
        List<Future<Boolean>> answers = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int port : wanted) {
                answers.add(threads.submit(() -> {
                    slots.acquire();
                    try (Socket s = connect(new InetSocketAddress(address, port), timeout)) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Integer> open = new ArrayList<>();
            int i = 0;
            for (int port : wanted) {
                if (answers.get(i++).get()) {
                    open.add(port);
                }
            }
            return List.copyOf(open);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("port scan of " + address.getHostAddress() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("port scan of " + address.getHostAddress() + ": " + e.getCause(), e.getCause());
        }
    }

    /** A connected socket, or the IOException of the refusal / silence (ConnectException, SocketTimeoutException). */
    static Socket connect(InetSocketAddress at, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(at, millis(timeout));
            s.setSoTimeout(millis(timeout));
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    static int millis(Duration d) {
        long ms = d.toMillis();
        if (ms < 1) {
            throw new IllegalArgumentException("timeout must be positive: " + d);
        }
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    /** "127.0.0.1:25" or "[::1]:25", without a name lookup. */
    static String endpoint(InetSocketAddress at) {
        String host = at.getAddress() != null ? at.getAddress().getHostAddress() : at.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort();
    }

    /**
     * The socket's input, where every read waits at most {@code perRead} and all reads together
     * end at {@code total}: a peer that trickles one byte a second cannot hold a probe for long.
     */
    static InputStream timed(Socket s, Duration perRead, Duration total) throws IOException {
        long end = System.nanoTime() + total.toNanos();
        int each = millis(perRead);
        return new FilterInputStream(s.getInputStream()) {
            private void arm() throws IOException {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no complete answer within " + total.toMillis() + " ms");
                }
                s.setSoTimeout((int) Math.min(each, left));
            }

            @Override
            public int read() throws IOException {
                arm();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                arm();
                return super.read(b, off, len);
            }
        };
    }

    /** Thrown when a line is longer than a probe allows. */
    static final class TooLong extends IOException {
        TooLong(String what) {
            super(what);
        }
    }

    /**
     * One line up to LF (a CR before it dropped), at most {@code max} bytes, decoded as UTF-8 with
     * malformed bytes replaced; null at the end of the stream before any byte.
     */
    static String line(InputStream in, int max) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a line");
            }
            if (c == '\n') {
                break;
            }
            if (b.size() >= max) {
                throw new TooLong("a line longer than " + max + " bytes");
            }
            b.write(c);
        }
        byte[] bytes = b.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    /** Text from a peer made printable for a report: controls as '?', cut at {@code max} characters. */
    static String printable(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.toString();
    }
}
