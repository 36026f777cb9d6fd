package org.vmguard.probe;

import java.util.List;

/**
 * What an SSH server says about itself before any key is exchanged: its identification line
 * (such as "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3") and the algorithm lists of its
 * SSH_MSG_KEXINIT, each in the server's order of preference.
 *
 * @param kex key exchange methods as sent, including the pseudo-algorithms that only announce
 *        extensions ("ext-info-s", "kex-strict-s-v00@openssh.com"): no real key exchange is named so
 * @param hostKeys host key (signature) algorithms; OpenSSH offers only those it has a key for
 * @param ciphers encryption algorithms (server to client and client to server; they are the same
 *        list for OpenSSH, else both lists joined in order without repeats)
 * @param macs MAC algorithms, joined the same way
 */
public record SshServer(String banner, List<String> kex, List<String> hostKeys, List<String> ciphers, List<String> macs) {

    public SshServer {
        kex = List.copyOf(kex);
        hostKeys = List.copyOf(hostKeys);
        ciphers = List.copyOf(ciphers);
        macs = List.copyOf(macs);
    }
}
