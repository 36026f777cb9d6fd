package org.vmguard.checks.service;

import org.vmguard.testing.Tree;

/** A /proc with listening sockets, for live-host tests. */
final class Procs {

    private Procs() {
    }

    static final String HEADER =
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    /** @param sockets lines "HEXADDR:HEXPORT inode" */
    static Tree tcp(Tree t, String... sockets) {
        StringBuilder b = new StringBuilder(HEADER);
        int n = 0;
        for (String s : sockets) {
            String[] w = s.split(" ");
            b.append(String.format("   %d: %s 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 %s 1 0 100 0 0 10 0%n",
                    n++, w[0], w[1]));
        }
        return t.file("/proc/net/tcp", b.toString()).file("/proc/net/tcp6", HEADER).file("/proc/net/udp", HEADER)
                .file("/proc/net/udp6", HEADER);
    }

    static Tree process(Tree t, int pid, String comm, long inode) {
        return t.file("/proc/" + pid + "/comm", comm + "\n").file("/proc/" + pid + "/cmdline", comm + "\0")
                .symlink("/proc/" + pid + "/fd/3", "socket:[" + inode + "]");
    }
}
