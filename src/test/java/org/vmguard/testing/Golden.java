package org.vmguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a committed file; {@code -Dregenerate=true} rewrites the file
 * instead (then review the diff and commit it).
 */
public final class Golden {

    private Golden() {
    }

    public static boolean regenerating() {
        return Boolean.getBoolean("regenerate");
    }

    public static void assertMatches(Path committed, String actual) {
        try {
            if (regenerating()) {
                Files.createDirectories(committed.toAbsolutePath().getParent());
                Files.writeString(committed, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(committed).as("%s is missing: run with -Dregenerate=true", committed).exists();
            String expected = Files.readString(committed, StandardCharsets.UTF_8);
            assertThat(actual).as("%s is stale: run the test with -Dregenerate=true and commit the result", committed)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
