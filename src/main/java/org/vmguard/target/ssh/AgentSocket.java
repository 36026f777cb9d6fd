package org.vmguard.target.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The user's ssh-agent, reached through SSH_AUTH_SOCK. MINA speaks the agent protocol, but its
 * own UNIX-socket transport needs the tomcat-native (APR) library, which is not here; the JDK has
 * had UNIX-domain socket channels since 16, so this class carries MINA's requests over one.
 */
final class AgentSocket extends AbstractAgentProxy {

    private final SocketChannel channel;
    private final Predicate<PublicKey> allowed;

    /** @param allowed which agent keys may be offered (all, or those of IdentityFile with IdentitiesOnly) */
    AgentSocket(Path socket, Predicate<PublicKey> allowed) throws IOException {
        super(null);
        this.channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            throw new IOException("ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
        this.allowed = allowed;
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        List<Map.Entry<PublicKey, String>> out = new ArrayList<>();
        for (Map.Entry<PublicKey, String> e : super.getIdentities()) {
            if (allowed.test(e.getKey())) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = ByteBuffer.allocate(4);
        fill(len);
        int n = len.flip().getInt();
        if (n < 0 || n > 256 * 1024) {
            throw new IOException("ssh-agent sent a reply of " + n + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(n);
        fill(body);
        return new ByteArrayBuffer(body.array());
    }

    private void fill(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new EOFException("ssh-agent closed the connection");
            }
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            channel.close();
        }
    }
}
