package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners this test opens on 127.0.0.1 against ports it opened and closed again. */
class PortScanTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void findsExactlyTheListeningPortsInAscendingOrder() throws Exception {
        List<ServerSocket> listening = new ArrayList<>();
        List<Integer> closed = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                listening.add(new ServerSocket(0, 50, LOOPBACK));
                try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
                    closed.add(s.getLocalPort());
                }
            }
            List<Integer> asked = new ArrayList<>(closed);
            listening.forEach(s -> asked.add(0, s.getLocalPort()));
            asked.add(listening.get(1).getLocalPort()); // asked twice, reported once
            List<Integer> open = PortScan.open(LOOPBACK, asked, Duration.ofSeconds(2), 2);
            assertThat(open).containsExactlyElementsOf(listening.stream().map(ServerSocket::getLocalPort).sorted().toList());
        } finally {
            for (ServerSocket s : listening) {
                s.close();
            }
        }
    }

    @Test
    void aListenerThatWasClosedIsNoLongerFound() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            port = s.getLocalPort();
            assertThat(PortScan.open(LOOPBACK, List.of(port), Duration.ofSeconds(2), 1)).containsExactly(port);
        }
        assertThat(PortScan.open(LOOPBACK, List.of(port), Duration.ofSeconds(2), 1)).isEmpty();
    }

    @Test
    void manyPortsWithFewAtOnceStillCoverEveryPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
            List<Integer> ports = new ArrayList<>();
            for (int p = Math.max(1, s.getLocalPort() - 200); p <= Math.min(65535, s.getLocalPort() + 200); p++) {
                ports.add(p);
            }
            assertThat(PortScan.open(LOOPBACK, ports, Duration.ofSeconds(2), 3)).contains(s.getLocalPort());
        }
    }

    @Test
    void refusesPortsOutsideTcpsRangeAndNoParallelism() {
        assertThatThrownBy(() -> PortScan.open(LOOPBACK, List.of(0), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a TCP port: 0");
        assertThatThrownBy(() -> PortScan.open(LOOPBACK, List.of(65536), Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortScan.open(LOOPBACK, List.of(22), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
