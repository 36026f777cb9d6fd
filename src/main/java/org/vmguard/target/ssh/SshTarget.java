package org.vmguard.target.ssh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.vmguard.core.TargetKind;
import org.vmguard.target.ExecResult;
import org.vmguard.target.FileStat;
import org.vmguard.target.LocalTarget;
import org.vmguard.target.Target;

/**
 * A remote host over one SSH connection, with nothing installed on it. Files are read, listed and
 * stat'ed through the SFTP subsystem of that connection when the server offers it (one channel,
 * no process per call on the host: measured about ten times cheaper than a command per file),
 * and otherwise — or when {@code --sudo} must read a root-only file — by running coreutils
 * ({@code head}, {@code find}, {@code stat}, {@code readlink}) over exec channels. Every command
 * argument is single-quoted for the remote shell ({@link RemoteCommand}), so no path or inventory
 * value is ever interpreted by it. Commands need a POSIX login shell on the host, as Ansible's do.
 */
public final class SshTarget implements Target {

    /** Reads a file unless it is a directory or not a regular file; $1 is the path. */
    static final String READ_SCRIPT = "if [ -d \"$1\" ]; then exit 101; fi; "
            + "if [ -e \"$1\" ] && [ ! -f \"$1\" ]; then exit 102; fi; "
            + "exec head -c " + MAX_READ + " -- \"$1\"";

    private final String name;
    private final ClientSession session;
    private final boolean sudo;
    private final Duration commandTimeout;
    private volatile String lost;
    private SftpClient sftp;
    private boolean sftpTried;

    SshTarget(String name, ClientSession session, boolean sudo, Duration commandTimeout) {
        this.name = name;
        this.session = session;
        this.sudo = sudo;
        this.commandTimeout = commandTimeout;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.SSH;
    }

    @Override
    public String name() {
        return name;
    }

    /** The key the server proved it holds during the handshake. */
    public PublicKey hostKey() {
        return session.getServerKey();
    }

    /** "SHA256:…" of the host key, as ssh-keygen -l prints it. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey());
    }

    /** Why the connection was lost during the audit, when it was. */
    public Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        String p = absolute(path);
        SftpClient f = sftp();
        if (f != null) {
            try {
                SftpClient.Attributes a = f.stat(p);
                if (a.isDirectory()) {
                    throw new FileSystemException(p, null, "is a directory");
                }
                if (!a.isRegularFile()) {
                    throw new FileSystemException(p, null, "not a regular file");
                }
                try (InputStream in = f.read(p)) {
                    return Optional.of(in.readNBytes(MAX_READ));
                }
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return Optional.empty();
                }
                if (e.getStatus() != SftpConstants.SSH_FX_PERMISSION_DENIED) {
                    return readViaExec(p); // an answer SFTP v3 cannot give precisely (ENOTDIR, …)
                }
                if (!sudo) {
                    throw new AccessDeniedException(p, null, "permission denied (--sudo reads it through sudo -n)");
                }
            } catch (IOException e) {
                checkSession(e);
                throw e;
            }
        }
        return readViaExec(p);
    }

    private Optional<byte[]> readViaExec(String p) throws IOException {
        Run r = asUserThenSudo(p, List.of("sh", "-c", READ_SCRIPT, "vmguard", p), MAX_READ);
        return switch (r.exitCode()) {
            case 0 -> Optional.of(r.out());
            case 101 -> throw new FileSystemException(p, null, "is a directory");
            case 102 -> throw new FileSystemException(p, null, "not a regular file");
            default -> missingOrFail(p, r).map(x -> r.out());
        };
    }

    @Override
    public List<String> list(String dir) throws IOException {
        String p = absolute(dir);
        SftpClient f = sftp();
        if (f != null) {
            try {
                if (!f.stat(p).isDirectory()) {
                    return List.of();
                }
                List<String> names = new ArrayList<>();
                for (SftpClient.DirEntry e : f.readDir(p)) {
                    if (!e.getFilename().equals(".") && !e.getFilename().equals("..")) {
                        names.add(e.getFilename());
                    }
                }
                Collections.sort(names);
                return names;
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return List.of();
                }
                if (e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED && !sudo) {
                    throw new AccessDeniedException(p, null, "permission denied (--sudo reads it through sudo -n)");
                }
            } catch (IOException e) {
                checkSession(e);
                throw e;
            }
        }
        return listViaExec(p);
    }

    private List<String> listViaExec(String p) throws IOException {
        Run r = asUserThenSudo(p, List.of("find", "-H", p, "-mindepth", "1", "-maxdepth", "1", "-printf", "%f\\0"),
                LocalTarget.MAX_OUTPUT);
        if (r.exitCode() != 0) {
            missingOrFail(p, r);
            return List.of();
        }
        List<String> names = new ArrayList<>();
        String all = new String(r.out(), StandardCharsets.UTF_8);
        for (String s : all.split("\0")) {
            if (!s.isEmpty()) {
                names.add(s);
            }
        }
        Collections.sort(names);
        return names;
    }

    @Override
    public Optional<FileStat> stat(String path) throws IOException {
        String p = absolute(path);
        SftpClient f = sftp();
        if (f != null) {
            try {
                SftpClient.Attributes a = f.lstat(p);
                return Optional.of(new FileStat(normal(p), a.getPermissions(), a.getUserId(), a.getGroupId(), a.getSize(),
                        a.getModifyTime().toMillis() / 1000));
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return Optional.empty();
                }
                if (e.getStatus() == SftpConstants.SSH_FX_PERMISSION_DENIED && !sudo) {
                    throw new AccessDeniedException(p, null, "permission denied (--sudo reads it through sudo -n)");
                }
            } catch (IOException e) {
                checkSession(e);
                throw e;
            }
        }
        return statViaExec(p);
    }

    private Optional<FileStat> statViaExec(String p) throws IOException {
        Run r = asUserThenSudo(p, List.of("stat", "-c", "%f %u %g %s %Y", "--", p), 4096);
        if (r.exitCode() != 0) {
            missingOrFail(p, r);
            return Optional.empty();
        }
        return Optional.of(parseStat(normal(p), new String(r.out(), StandardCharsets.US_ASCII)));
    }

    /** Parses {@code stat -c '%f %u %g %s %Y'}: raw mode in hex, uid, gid, size, mtime. */
    static FileStat parseStat(String path, String line) throws IOException {
        String[] f = line.strip().split(" ");
        if (f.length != 5) {
            throw new IOException("stat " + path + ": unexpected output '" + line.strip() + "'");
        }
        try {
            return new FileStat(path, Integer.parseInt(f[0], 16), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]));
        } catch (NumberFormatException e) {
            throw new IOException("stat " + path + ": unexpected output '" + line.strip() + "'");
        }
    }

    @Override
    public Optional<String> readLink(String path) throws IOException {
        String p = absolute(path);
        SftpClient f = sftp();
        if (f != null) {
            try {
                if (!f.lstat(p).isSymbolicLink()) {
                    return Optional.empty();
                }
                return Optional.of(f.readLink(p));
            } catch (SftpException e) {
                if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                checkSession(e);
                throw e;
            }
        }
        return readLinkViaExec(p);
    }

    private Optional<String> readLinkViaExec(String p) throws IOException {
        Run r = asUserThenSudo(p, List.of("readlink", "--", p), 64 * 1024);
        if (r.exitCode() != 0) {
            return Optional.empty();
        }
        String s = new String(r.out(), StandardCharsets.UTF_8);
        return Optional.of(s.endsWith("\n") ? s.substring(0, s.length() - 1) : s);
    }

    @Override
    public boolean canExec() {
        return true;
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        Run r = run(argv, timeout, LocalTarget.MAX_OUTPUT);
        return new ExecResult(r.exitCode(), new String(r.out(), StandardCharsets.UTF_8), r.err(), r.truncated());
    }

    /**
     * The SFTP subsystem of this connection, opened on first use: one channel serves every file
     * operation without a process per call on the host. Null when the server offers no SFTP; then
     * (and for sudo reads) files are read through commands.
     */
    private SftpClient sftp() throws IOException {
        if (lost != null) {
            throw new SshFailure(lost);
        }
        if (!sftpTried) {
            sftpTried = true;
            try {
                sftp = SftpClientFactory.instance().createSftpClient(session);
            } catch (IOException e) {
                checkSession(e);
                sftp = null;
            }
        }
        return sftp;
    }

    /** An SFTP failure on a closed session or channel means the host is gone, not the file. */
    private void checkSession(Exception e) throws SshFailure {
        if (!session.isOpen() || (sftp != null && !sftp.isOpen())) {
            throw connectionLost(e);
        }
    }

    /** Runs as the login user; on "Permission denied" and with --sudo, again through sudo -n. */
    private Run asUserThenSudo(String path, List<String> argv, int cap) throws IOException {
        Run r = run(argv, commandTimeout, cap);
        if (r.exitCode() == 0 || !lastLine(r.err()).contains("Permission denied")) {
            return r;
        }
        if (!sudo) {
            throw new AccessDeniedException(path, null, "permission denied (--sudo reads it through sudo -n)");
        }
        List<String> withSudo = new ArrayList<>(List.of("sudo", "-n", "--"));
        withSudo.addAll(argv);
        Run s = run(withSudo, commandTimeout, cap);
        String last = lastLine(s.err());
        if (s.exitCode() != 0 && (last.startsWith("sudo:") || last.contains("sudo: not found")
                || last.contains("sudo: command not found"))) {
            throw new AccessDeniedException(path, null, "permission denied, and sudo -n refused: "
                    + last.substring(last.indexOf("sudo:") + "sudo:".length()).strip());
        }
        return s;
    }

    /**
     * The command's own complaint: the last line of its standard error. Lines before it may come
     * from sshd or the login shell ("Could not chdir to home directory …: No such file or
     * directory") and must not be mistaken for the command's.
     */
    static String lastLine(String err) {
        List<String> lines = err.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    /** A failed read/list/stat: empty when the path does not exist, else the reason. */
    private static Optional<Void> missingOrFail(String path, Run r) throws IOException {
        String err = lastLine(r.err());
        if (err.contains("No such file or directory") || err.contains("Not a directory")) {
            return Optional.empty();
        }
        if (err.contains("Permission denied")) {
            throw new AccessDeniedException(path, null, "permission denied");
        }
        String why = err.isBlank() ? "exit status " + r.exitCode() : err;
        throw new FileSystemException(path, null, why);
    }

    /** "/etc" for "/etc/" or "//etc", as the other targets name a path. */
    static String normal(String path) {
        StringBuilder b = new StringBuilder();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                b.append('/').append(s);
            }
        }
        return b.isEmpty() ? "/" : b.toString();
    }

    private static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    record Run(int exitCode, byte[] out, String err, boolean truncated) {
    }

    private Run run(List<String> argv, Duration timeout, int cap) throws IOException {
        if (lost != null) {
            throw new SshFailure(lost);
        }
        String command = RemoteCommand.of(argv);
        CappedOutput out = new CappedOutput(cap);
        CappedOutput err = new CappedOutput(64 * 1024);
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setIn(new ByteArrayInputStream(new byte[0]));
            ch.setOut(out);
            ch.setErr(err);
            ch.open().verify(timeout);
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (!ev.contains(ClientChannelEvent.CLOSED)) {
                ch.close(true);
                throw new IOException(argv.getFirst() + " did not finish within " + timeout.toSeconds() + " s on " + name);
            }
            Integer status = ch.getExitStatus();
            if (status == null) {
                if (!session.isOpen()) {
                    throw connectionLost(null);
                }
                String signal = ch.getExitSignal();
                return new Run(signal == null ? 255 : 128, out.bytes(), err.text(), out.truncated());
            }
            return new Run(status, out.bytes(), err.text(), out.truncated() || err.truncated());
        } catch (SshFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (!session.isOpen()) {
                throw connectionLost(e);
            }
            throw e instanceof IOException io ? io : new IOException(e.toString());
        }
    }

    private SshFailure connectionLost(Exception cause) {
        String why = "connection to " + name + " lost during the audit";
        if (cause != null && cause.getMessage() != null) {
            why += " (" + cause.getMessage() + ")";
        }
        lost = why;
        return new SshFailure(why);
    }

    @Override
    public void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException e) {
            // the session closes next anyway
        }
        try {
            session.close(false).await(Duration.ofSeconds(2));
        } catch (IOException e) {
            session.close(true);
        }
    }

    @Override
    public String toString() {
        return kind().label() + ":" + name;
    }

    /** Keeps at most {@code cap} bytes and notes whether more came. */
    private static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final int cap;
        private boolean truncated;

        CappedOutput(int cap) {
            this.cap = cap;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = cap - buf.size();
            if (room > 0) {
                buf.write(b, off, Math.min(len, room));
            }
            if (len > room) {
                truncated = true;
            }
        }

        synchronized byte[] bytes() {
            return buf.toByteArray();
        }

        synchronized String text() {
            return buf.toString(StandardCharsets.UTF_8);
        }

        synchronized boolean truncated() {
            return truncated;
        }
    }
}
