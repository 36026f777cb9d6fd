package org.vmguard.cli;

import java.io.Console;

/** Is standard output a terminal? Only the cli package asks. */
final class Terminal {

    private Terminal() {
    }

    static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the truth there
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a Console exists only on a terminal
        }
    }
}
