package org.vmguard.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real programs the tests use as oracles or peers. In CI (CI=true) a missing one fails the test,
 * since .ci/run installs them; on a developer's machine it skips with the reason.
 */
public final class Tools {

    private Tools() {
    }

    public static Path require(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String msg = "needs " + String.join(" or ", candidates) + " (scripts/install-test-deps installs it)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(msg);
        }
        assumeTrue(false, msg);
        return null;
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
