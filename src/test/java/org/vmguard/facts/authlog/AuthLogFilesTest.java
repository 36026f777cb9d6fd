package org.vmguard.facts.authlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthLogFilesTest {

    @Test
    void aShellGlobOfNumberedRotationsIsPutOldestFirst() {
        assertThat(AuthLogFiles.oldestFirst(List.of("/l/auth.log", "/l/auth.log.1", "/l/auth.log.10.gz", "/l/auth.log.2.gz")))
                .containsExactly("/l/auth.log.10.gz", "/l/auth.log.2.gz", "/l/auth.log.1", "/l/auth.log");
    }

    @Test
    void datedRotationsComeBeforeTheLiveFileOldestDateFirst() {
        assertThat(AuthLogFiles.oldestFirst(List.of("/l/secure", "/l/secure-20261122", "/l/secure-20261115")))
                .containsExactly("/l/secure-20261115", "/l/secure-20261122", "/l/secure");
    }

    @Test
    void rotationsOfOneLogGatherWhereItsFirstFileStoodAndOtherFilesKeepTheirPlace() {
        assertThat(AuthLogFiles.oldestFirst(List.of("/b/web02.log", "/a/auth.log", "/c/other", "/a/auth.log.1", "/b/auth.log.1")))
                .containsExactly("/b/web02.log", "/a/auth.log.1", "/a/auth.log", "/c/other", "/b/auth.log.1");
    }
}
