package org.vmguard.facts.authlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.vmguard.target.RootfsTarget;

/** Analyses log text written to a file in a test's directory, read through a rootfs target. */
final class AuthLogTexts {

    static final Instant MTIME = Instant.parse("2026-11-23T12:00:00Z");

    private AuthLogTexts() {
    }

    static AuthLogAnalysis analyse(Path dir, String text) {
        return analyse(dir, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), MTIME);
    }

    static AuthLogAnalysis analyse(Path dir, byte[] bytes, Instant mtime) {
        try {
            Path log = dir.resolve("auth.log");
            Files.write(log, bytes);
            Files.setLastModifiedTime(log, FileTime.from(mtime));
            return AuthLog.files(new RootfsTarget(dir), List.of("/auth.log"), Thresholds.FAIL2BAN_DEFAULTS, ZoneOffset.UTC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
