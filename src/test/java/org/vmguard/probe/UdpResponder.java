package org.vmguard.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A UDP server on 127.0.0.1 (an ephemeral port) that answers each datagram with what
 * {@code answer} makes of it: no datagram, one, or several. For the server behaviour no real
 * daemon shows on demand (garbage, a wrong id, silence, NTP mode 7 which no Debian 12 daemon
 * answers).
 */
final class UdpResponder implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    private final AtomicInteger received = new AtomicInteger();

    UdpResponder(Function<byte[], List<byte[]>> answer) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[65535];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(p);
                    received.incrementAndGet();
                    for (byte[] reply : answer.apply(Arrays.copyOf(buffer, p.getLength()))) {
                        socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** How many datagrams arrived (the probe's attempts). */
    int received() {
        return received.get();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
