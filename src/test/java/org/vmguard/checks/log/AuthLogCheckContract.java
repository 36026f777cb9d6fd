package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Check;
import org.vmguard.core.Outcome;
import org.vmguard.facts.FactException;
import org.vmguard.facts.Host;
import org.vmguard.testing.Tree;

/**
 * What every auth-log check must do, whatever it looks for: pass on a quiet log, fail on its
 * attack quoting the line, read rotated and compressed logs, skip without logs, and fail with
 * our error naming an unreadable file. Each check's test class says which attack it catches.
 */
abstract class AuthLogCheckContract {

    /** The check under test. */
    abstract Check<Host> check();

    /** Log lines that make it fail. */
    abstract String attack();

    /** Text the first piece of evidence must contain. */
    abstract String evidenceText();


    @TempDir
    Path dir;

    @Test
    void passesOnALogWithOnlyKeyLoginsAndAFewFailures() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .mtime("/var/log/auth.log", LogFixtures.MTIME).host();
        Outcome o = check().evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("7 line(s) of /var/log/auth.log");
    }

    @Test
    void failsAndQuotesTheLineThatShowsIt() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET + attack())
                .mtime("/var/log/auth.log", LogFixtures.MTIME).host();
        Outcome o = check().evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).isNotEmpty();
        assertThat(o.evidence().getFirst().path()).isEqualTo("/var/log/auth.log");
        assertThat(o.evidence().getFirst().line()).isGreaterThan(7);
        assertThat(o.evidence().getFirst().text()).contains(evidenceText());
    }

    @Test
    void readsRotatedAndCompressedLogsToo() throws Exception {
        var tree = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .mtime("/var/log/auth.log", LogFixtures.MTIME)
                .bytes("/var/log/auth.log.2.gz", LogTestFiles.gzip(attack()))
                .mtime("/var/log/auth.log.2.gz", LogFixtures.MTIME);
        Outcome o = check().evaluate(tree.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().path()).isEqualTo("/var/log/auth.log.2.gz");
    }

    @Test
    void skipsWhenTheHostKeepsNoAuthLog() {
        var host = new Tree(dir).file("/etc/hostname", "web01\n").host();
        assertThat(check().evaluate(host)).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenALogCannotBeRead() {
        var host = new Tree(dir).file("/var/log/auth.log", LogFixtures.QUIET)
                .bytes("/var/log/auth.log.1.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'})
                .host();
        // the runner turns a FactException into an error result naming the file
        assertThatThrownBy(() -> check().evaluate(host)).isInstanceOf(FactException.class)
                .hasMessageContaining("/var/log/auth.log.1.gz");
    }
}
