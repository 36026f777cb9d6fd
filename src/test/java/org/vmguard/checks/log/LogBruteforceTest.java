package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.facts.FactException;
import org.vmguard.testing.Tree;

class LogBruteforceTest {

    @TempDir
    Path dir;

    final LogBruteforce check = new LogBruteforce();

    @Test
    void passesOnALogWithOnlyKeyLoginsAndAFewFailures() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .mtime("/var/log/auth.log", LogFixtures.MTIME).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("7 line(s) of /var/log/auth.log");
    }

    @Test
    void failsAndQuotesTheLineThatShowsIt() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET + LogFixtures.BRUTE_FORCE)
                .mtime("/var/log/auth.log", LogFixtures.MTIME).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).isNotEmpty();
        assertThat(o.evidence().getFirst().path()).isEqualTo("/var/log/auth.log");
        assertThat(o.evidence().getFirst().line()).isGreaterThan(7);
        assertThat(o.evidence().getFirst().text()).contains("203.0.113.9");
    }

    @Test
    void readsRotatedAndCompressedLogsToo() throws Exception {
        var tree = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .mtime("/var/log/auth.log", LogFixtures.MTIME)
                .bytes("/var/log/auth.log.2.gz", LogTestFiles.gzip(LogFixtures.BRUTE_FORCE))
                .mtime("/var/log/auth.log.2.gz", LogFixtures.MTIME);
        Outcome o = check.evaluate(tree.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().path()).isEqualTo("/var/log/auth.log.2.gz");
    }

    @Test
    void skipsWhenTheHostKeepsNoAuthLog() {
        var host = new Tree(dir).file("/etc/hostname", "web01\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenALogCannotBeRead() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .bytes("/var/log/auth.log.1.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'})
                .host();
        // the runner turns a FactException into an error result naming the file
        assertThatThrownBy(() -> check.evaluate(host)).isInstanceOf(FactException.class)
                .hasMessageContaining("/var/log/auth.log.1.gz");
    }
}
