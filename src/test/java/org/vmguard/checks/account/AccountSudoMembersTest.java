package org.vmguard.checks.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class AccountSudoMembersTest {

    @TempDir
    Path dir;

    final AccountSudoMembers check = new AccountSudoMembers();

    static final String PASSWD = """
            root:x:0:0::/root:/bin/bash
            alice:x:1000:1000::/home/alice:/bin/bash
            bob:x:1001:1001::/home/bob:/bin/bash
            carol:x:1002:1002::/home/carol:/bin/bash
            dave:x:1003:1003::/home/dave:/bin/bash
            erin:x:1004:10::/home/erin:/bin/bash
            www-data:x:33:33::/var/www:/usr/sbin/nologin
            """;

    Tree tree(String group, String sudoers) {
        return new Tree(dir).file("/etc/passwd", PASSWD).file("/etc/group", group).file("/etc/sudoers", sudoers);
    }

    @Test
    void passesWithThreeAdministrators() {
        var host = tree("sudo:x:27:alice,bob\nstaff:x:10:\n", "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\ncarol ALL=ALL\n")
                .host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("3 human account(s)", "alice, bob, carol");
    }

    @Test
    void failsWithFourCountingGroupsPrimaryGroupsAndRulesButNotLimitedRules() {
        var host = tree("sudo:x:27:alice,bob\nwheel:x:10:\n", """
                User_Alias ADMINS = carol
                ADMINS ALL = (ALL) ALL
                dave ALL = (root) /usr/bin/apt-get
                %sudo ALL=(ALL:ALL) ALL
                """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("4 human accounts", "alice, bob, carol, erin").doesNotContain("dave");
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/sudoers");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).startsWith("carol ← ");
        });
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).startsWith("erin ← wheel:x:10:"));
    }

    @Test
    void rulesThatRunOnlyAsAnotherUserOrOnAnotherHostDoNotCount() {
        var host = tree("sudo:x:27:alice\n", "carol ALL = (www-data) ALL\ndave db01 = ALL\nbob ALL, !ALL = ALL\n")
                .file("/etc/hostname", "web01\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("1 human account(s)", "alice");
    }

    @Test
    void isAnErrorWhenSudoersCannotBeReadAndTheGroupsAloneDoNotDecide() {
        var t = tree("sudo:x:27:alice\n", "root ALL=ALL\n");
        Outcome o = check.evaluate(Hosts.denying(t, "/etc/sudoers"));
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/sudoers: permission denied");
    }

    @Test
    void theGroupsAloneCanProveAFailureWhenSudoersIsUnreadable() {
        var t = tree("sudo:x:27:alice,bob,carol,dave\n", "root ALL=ALL\n");
        assertThat(check.evaluate(Hosts.denying(t, "/etc/sudoers"))).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void isAnErrorWhenThereIsNoPasswdFile() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Error.class);
    }
}
