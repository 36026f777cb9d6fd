package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class AccountSudoNopasswdTest {

    @TempDir
    Path dir;

    final AccountSudoNopasswd check = new AccountSudoNopasswd();

    static String debianSudoers() throws IOException {
        return Files.readString(Path.of("src/test/resources/accounts/sudo/sudoers"));
    }

    @Test
    void passesOnDebiansDefaultSudoers() throws IOException {
        var host = new Tree(dir).file("/etc/sudoers", debianSudoers()).file("/etc/sudoers.d/README", "# nothing\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("/etc/sudoers, /etc/sudoers.d/README");
    }

    @Test
    void failsOnACloudInitDropInAndNamesFileLineAndWho() throws IOException {
        var host = new Tree(dir).file("/etc/sudoers", debianSudoers())
                .file("/etc/sudoers.d/90-cloud-init-users", "# Created by cloud-init\n\n# User rules for debian\ndebian ALL=(ALL) NOPASSWD:ALL\n")
                .host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).isEqualTo(
                "/etc/sudoers.d/90-cloud-init-users:4: debian may run ALL as ALL without a password");
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/etc/sudoers.d/90-cloud-init-users");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.text()).isEqualTo("debian ALL=(ALL) NOPASSWD:ALL");
        });
    }

    @Test
    void expandsUserAndCmndAliasesAndFollowsIncludes() {
        var host = new Tree(dir).file("/etc/sudoers", "@include sudoers.local\n")
                .file("/etc/sudoers.local", """
                        User_Alias OPS = alice, %ops
                        Cmnd_Alias EVERYTHING = ALL
                        OPS ALL = (root) NOPASSWD: /usr/bin/systemctl restart nginx, \\
                                  EVERYTHING
                        """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("/etc/sudoers.local:3: alice, members of group ops (User_Alias OPS) may run ALL as root");
    }

    @Test
    void failsWhenDefaultsTurnAuthenticationOffForTheRulesUser() {
        var host = new Tree(dir).file("/etc/sudoers", "Defaults:bob !authenticate\nbob ALL = ALL\ncarol ALL = PASSWD: ALL\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("bob may run ALL", "/etc/sudoers:1: Defaults:bob !authenticate").doesNotContain("carol");
        assertThat(o.evidence()).extracting(e -> e.line()).containsExactly(2, 1);
    }

    @Test
    void passesWhenNopasswdCoversOnlySomeCommands() {
        var host = new Tree(dir).file("/etc/sudoers", "alice ALL = NOPASSWD: /usr/bin/apt-get update, PASSWD: ALL\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWhenSudoIsNotInstalled() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenALineCannotBeReadAndNothingFails() {
        var host = new Tree(dir).file("/etc/sudoers", "root ALL=(ALL:ALL) ALL\nalice ALL = NOPASSWD ALL\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/sudoers:2:");
    }

    @Test
    void anIncludeLoopAcrossManyDropInsIsAnErrorWithAReadableReasonNotEveryRepetition() {
        // each drop-in includes the whole directory again: thousands of repeated complaints
        Tree t = new Tree(dir).file("/etc/sudoers", "#includedir /etc/sudoers.d\n");
        for (int i = 1; i <= 5; i++) {
            t.file("/etc/sudoers.d/s" + i, "#includedir /etc/sudoers.d\n");
        }
        Outcome o = check.evaluate(t.host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).startsWith("sudoers could not be read completely, so a NOPASSWD rule may be missed: "
                + "/etc/sudoers.d/s1:1: /etc/sudoers.d/s1: too many levels of includes; ").contains(" more)");
        assertThat(o.reason().length()).isLessThan(1_000);
    }
}
