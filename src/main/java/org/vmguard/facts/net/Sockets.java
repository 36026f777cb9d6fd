package org.vmguard.facts.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.Evidence;
import org.vmguard.facts.FactException;
import org.vmguard.facts.FactKey;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;

/**
 * The listening sockets of a live host, read from /proc/net/{tcp,tcp6,udp,udp6} (no `ss`
 * needed) and joined to their processes through the socket inodes of /proc/PID/fd. A TCP socket
 * listens in state 0A; a UDP socket "listens" while unconnected (state 07), as `ss -ul` shows.
 * /proc/PID/net is the network namespace of that process, so {@link #read(Host, String)} with
 * "/proc/PID/net" reads another namespace's sockets. /proc/net cannot tell an IPv6 wildcard
 * socket that also accepts IPv4 (ss prints it as "*") from an IPv6-only one: both are "[::]",
 * and both are exposed.
 *
 * @param live false on an offline image, where no socket can be seen
 */
public record Sockets(boolean live, List<Socket> all) {

    public static final FactKey<Sockets> KEY = FactKey.of("sockets", Sockets::load);

    /** The four files and their protocol names, as ss names them ("tcp" for tcp6 too). */
    static final List<String> FILES = List.of("tcp", "tcp6", "udp", "udp6");

    /**
     * One listening socket.
     *
     * @param file the /proc file and line it was read from
     * @param processes every process holding it (a forking server shares it); empty when its
     *     owner is not visible (another PID namespace, or not root)
     */
    public record Socket(String protocol, boolean ipv6, String address, int port, long inode, long uid,
            String file, int line, List<Processes.Proc> processes) {

        /** Bound to a non-loopback address: reachable from elsewhere. */
        public boolean exposed() {
            return !loopback(address);
        }

        public String endpoint() {
            return (ipv6 ? "[" + address + "]" : address) + ":" + port;
        }

        /** "tcp 0.0.0.0:22 (sshd pid 812)". */
        public String describe() {
            StringBuilder b = new StringBuilder(protocol).append(' ').append(endpoint());
            if (!processes.isEmpty()) {
                b.append(" (");
                b.append(String.join(", ", processes.stream().map(p -> p.comm() + " pid " + p.pid()).toList()));
                b.append(')');
            }
            return b.toString();
        }

        public Evidence evidence() {
            return Evidence.at(file, line, describe());
        }

        public Set<String> programs() {
            Set<String> out = new LinkedHashSet<>();
            processes.forEach(p -> out.add(p.comm()));
            return out;
        }
    }

    static Sockets load(Host host) {
        if (!host.kind().live()) {
            return new Sockets(false, List.of());
        }
        return read(host, "/proc/net");
    }

    /** Reads the four tables under {@code netDir} ("/proc/net" or "/proc/PID/net") and joins owners. */
    public static Sockets read(Host host, String netDir) {
        List<Socket> raw = new ArrayList<>();
        for (String f : FILES) {
            String path = netDir + "/" + f;
            Optional<String> text = host.text(path);
            text.ifPresent(t -> raw.addAll(parse(path, t)));
        }
        if (raw.isEmpty()) {
            return new Sockets(true, List.of());
        }
        Map<Long, List<Processes.Proc>> owners = owners(host, raw.stream().map(Socket::inode).collect(
                java.util.stream.Collectors.toSet()));
        List<Socket> joined = raw.stream().map(s -> new Socket(s.protocol(), s.ipv6(), s.address(), s.port(),
                s.inode(), s.uid(), s.file(), s.line(), List.copyOf(owners.getOrDefault(s.inode(), List.of()))))
                .toList();
        return new Sockets(true, joined);
    }

    /**
     * Which processes hold these inodes: one readlink per open file descriptor. Processes that
     * exit meanwhile, or whose fd directory we may not read, are passed over.
     */
    static Map<Long, List<Processes.Proc>> owners(Host host, Set<Long> inodes) {
        Map<Long, List<Processes.Proc>> out = new HashMap<>();
        for (int pid : Processes.pids(host)) {
            String fdDir = "/proc/" + pid + "/fd";
            List<String> fds;
            try {
                fds = host.list(fdDir);
            } catch (FactException e) {
                continue;
            }
            Processes.Proc proc = null;
            for (String fd : fds) {
                Optional<String> link;
                try {
                    link = host.readLink(fdDir + "/" + fd);
                } catch (FactException e) {
                    continue;
                }
                if (link.isEmpty() || !link.get().startsWith("socket:[")) {
                    continue;
                }
                long inode;
                try {
                    inode = Long.parseLong(link.get().substring(8, link.get().length() - 1));
                } catch (NumberFormatException | IndexOutOfBoundsException e) {
                    continue;
                }
                if (!inodes.contains(inode)) {
                    continue;
                }
                if (proc == null) {
                    Optional<Processes.Proc> p = Processes.read(host, pid);
                    if (p.isEmpty()) {
                        break;
                    }
                    proc = p.get();
                }
                List<Processes.Proc> list = out.computeIfAbsent(inode, k -> new ArrayList<>());
                if (!list.contains(proc)) {
                    list.add(proc);
                }
            }
        }
        return out;
    }

    /**
     * The listening sockets of one /proc/net table; {@code path}'s last component names the
     * protocol. A line we cannot read is a ParseError naming it.
     */
    public static List<Socket> parse(String path, String text) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!FILES.contains(name)) {
            throw new ParseError(path, 0, "not one of /proc/net/{tcp,tcp6,udp,udp6}");
        }
        boolean tcp = name.startsWith("tcp");
        boolean v6 = name.endsWith("6");
        String listenState = tcp ? "0A" : "07";
        List<Socket> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                throw new ParseError(path, i + 1, "expected `sl local_address rem_address st … uid timeout inode`");
            }
            if (!f[3].equalsIgnoreCase(listenState)) {
                continue;
            }
            int colon = f[1].indexOf(':');
            if (colon < 0) {
                throw new ParseError(path, i + 1, "local address without a port: " + f[1]);
            }
            String hex = f[1].substring(0, colon);
            try {
                String addr = v6 ? ipv6(hex) : ipv4(hex);
                int port = Integer.parseInt(f[1].substring(colon + 1), 16);
                if (port > 65535) {
                    throw new NumberFormatException("port " + port);
                }
                long uid = Long.parseLong(f[7]);
                long inode = Long.parseLong(f[9]);
                out.add(new Socket(tcp ? "tcp" : "udp", v6, addr, port, inode, uid, path, i + 1, List.of()));
            } catch (NumberFormatException e) {
                throw new ParseError(path, i + 1, "unreadable number in " + line);
            }
        }
        return out;
    }

    /** The kernel prints the address as host-order 32-bit words: on x86 the bytes come reversed. */
    static String ipv4(String hex) {
        if (hex.length() != 8) {
            throw new NumberFormatException("IPv4 address " + hex);
        }
        long v = Long.parseLong(hex, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff);
    }

    static String ipv6(String hex) {
        if (hex.length() != 32) {
            throw new NumberFormatException("IPv6 address " + hex);
        }
        int[] groups = new int[8];
        for (int w = 0; w < 4; w++) {
            long v = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            int b0 = (int) (v & 0xff);
            int b1 = (int) ((v >> 8) & 0xff);
            int b2 = (int) ((v >> 16) & 0xff);
            int b3 = (int) ((v >> 24) & 0xff);
            groups[w * 2] = (b0 << 8) | b1;
            groups[w * 2 + 1] = (b2 << 8) | b3;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "."
                    + (groups[7] & 0xff);
        }
        return compress(groups);
    }

    /** RFC 5952 text: lowercase, the longest run (of two or more) of zero groups as "::". */
    static String compress(int[] g) {
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** 127.0.0.0/8, ::1 and IPv4-mapped loopback are not reachable from elsewhere. */
    public static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    public List<Socket> exposed() {
        return all.stream().filter(Socket::exposed).toList();
    }

    /** Sockets held by a process with one of these names (comm or program). */
    public List<Socket> ownedBy(String... names) {
        List<String> wanted = List.of(names);
        return all.stream().filter(s -> s.processes().stream()
                .anyMatch(p -> wanted.contains(p.comm()) || wanted.contains(p.program()))).toList();
    }
}
