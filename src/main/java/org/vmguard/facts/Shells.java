package org.vmguard.facts;

import java.util.Set;

/** Which shells let an account log in interactively. */
public final class Shells {

    private static final Set<String> NO_LOGIN = Set.of("nologin", "false", "sync", "shutdown", "halt", "true");

    private Shells() {
    }

    /** An empty shell field means /bin/sh to login(1), so it counts as a login shell. */
    public static boolean isLoginShell(String shell) {
        if (shell == null || shell.isBlank()) {
            return true;
        }
        String base = shell.substring(shell.lastIndexOf('/') + 1).strip();
        return !NO_LOGIN.contains(base);
    }
}
