package org.vmguard.checks.log;

import java.util.List;
import org.vmguard.core.Check;
import org.vmguard.facts.Host;

/** The log area's checks, for the catalogue. */
public final class LogChecks {

    private LogChecks() {
    }

    public static List<Check<Host>> all() {
        return List.of(new LogBruteforce(), new LogCollector(), new LogFilePerms(), new LogPasswordLogin(),
                new LogRemoteTls(), new LogRetention(), new LogRootLogin(), new LogSuccessAfterFailures());
    }
}
