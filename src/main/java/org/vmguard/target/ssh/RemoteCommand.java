package org.vmguard.target.ssh;

import java.io.IOException;
import java.util.List;

/**
 * A command line for the remote login shell, built from an argv. An SSH server hands the command
 * to the user's shell as one string, so every argument is single-quoted: inside single quotes a
 * POSIX shell interprets nothing ({@code $}, backticks, {@code ;}, newlines stay literal), and a
 * quote inside an argument is closed, escaped and reopened ({@code '\''}).
 */
final class RemoteCommand {

    /** C locale so messages and formats are the ones we parse. */
    static final String PRELUDE = "LC_ALL=C; export LC_ALL; exec ";

    private RemoteCommand() {
    }

    static String quote(String arg) throws IOException {
        if (arg.indexOf('\0') >= 0) {
            throw new IOException("an argument contains a NUL byte, which no remote command can receive");
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** {@code LC_ALL=C; export LC_ALL; exec 'argv0' 'argv1' …} */
    static String of(List<String> argv) throws IOException {
        if (argv.isEmpty()) {
            throw new IOException("empty command");
        }
        StringBuilder b = new StringBuilder(PRELUDE);
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(quote(argv.get(i)));
        }
        return b.toString();
    }
}
