package org.vmguard.checks.firewall;

import org.vmguard.testing.Tree;

/** Small firewall trees shared by the firewall check tests. */
final class FirewallFixtures {

    private FirewallFixtures() {
    }

    static final String ALLOW_SSH_USER_RULES = """
            *filter
            :ufw-user-input - [0:0]
            :ufw-user-output - [0:0]
            ### RULES ###
            ### tuple ### allow tcp 22 0.0.0.0/0 any 0.0.0.0/0 in
            -A ufw-user-input -p tcp --dport 22 -j ACCEPT
            COMMIT
            """;

    static final String NO_RULES_USER_RULES = """
            *filter
            :ufw-user-input - [0:0]
            :ufw-user-output - [0:0]
            ### RULES ###
            COMMIT
            """;

    /** ufw from Debian's package, with ENABLED, the input policy and the user rules given. */
    static Tree ufw(Tree t, String enabled, String policy, String userRules) {
        return t.resources("packages/ufw")
                .file("/etc/ufw/ufw.conf", "# /etc/ufw/ufw.conf\nENABLED=" + enabled + "\nLOGLEVEL=low\n")
                .file("/etc/default/ufw", "IPV6=yes\nDEFAULT_INPUT_POLICY=\"" + policy + "\"\nDEFAULT_OUTPUT_POLICY=\"ACCEPT\"\n")
                .file("/etc/ufw/user.rules", userRules)
                .file("/usr/sbin/ufw", "#!/bin/sh\n");
    }

    /** nftables with its unit enabled and this ruleset. */
    static Tree nftables(Tree t, String conf) {
        return t.file("/etc/nftables.conf", conf)
                .file("/usr/lib/systemd/system/nftables.service", "[Unit]\n")
                .symlink("/etc/systemd/system/sysinit.target.wants/nftables.service",
                        "../../../../usr/lib/systemd/system/nftables.service");
    }
}
