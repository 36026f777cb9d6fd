package org.vmguard.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether a host answers at all. A probe whose every check was skipped has either met a host
 * that offers nothing (it still refuses connections: it is up) or one that is down or filtered
 * whole; only the second is "unreachable", and a report of skips would hide it.
 */
public final class Reachability {

    static final List<Integer> PORTS = List.of(22, 80, 443, 25, 53);

    private Reachability() {
    }

    /** Empty when the host accepted or refused a connection on a common port; else why not. */
    public static Optional<String> unreachable(InetAddress address, Duration timeout) {
        List<String> why = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> knocks = new ArrayList<>();
            for (int port : PORTS) {
                knocks.add(pool.submit(() -> knock(address, port, timeout)));
            }
            for (Future<String> k : knocks) {
                String r = k.get();
                if (r == null) {
                    return Optional.empty();
                }
                if (!why.contains(r)) {
                    why.add(r);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException e) {
            return Optional.of(String.valueOf(e.getCause()));
        }
        return Optional.of(String.join("; ", why) + " (tcp/" + String.join(", ",
                PORTS.stream().map(String::valueOf).toList()) + ")");
    }

    /** null when the host answered (accepted or refused); else what happened. */
    private static String knock(InetAddress address, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return null;
        } catch (ConnectException e) {
            String m = String.valueOf(e.getMessage());
            return m.contains("refused") ? null : m.toLowerCase(java.util.Locale.ROOT);
        } catch (SocketTimeoutException e) {
            return "no answer within " + timeout.toSeconds() + " s";
        } catch (IOException e) {
            return String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        }
    }
}
