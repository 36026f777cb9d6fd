package org.vmguard.checks.ssh;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The ssh area's checks, for the catalogue. */
public final class SshChecks {

    private SshChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new SshAllowList(), new SshDefaultPort(), new SshEmptyPasswords(), new SshHostKeyPerms(),
                new SshKbdInteractive(), new SshMaxAuthTries(), new SshPasswordAuth(), new SshRootLogin(),
                new SshStrictModes(), new SshWeakCrypto(), new SshX11Forwarding());
    }
}
