package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class MailOpenRelayTest {

    @TempDir
    Path dir;

    final MailOpenRelay check = new MailOpenRelay();

    Outcome postfix(String main) {
        return postfix(main, MailChecksFixtures.MASTER);
    }

    Outcome postfix(String main, String master) {
        return check.evaluate(MailChecksFixtures.postfix(new Tree(dir), main, master).host());
    }

    @Test
    void passesForTheDefaultsOfCompatibilityLevelThreePointSix() {
        assertThat(postfix("compatibility_level = 3.6\nmynetworks = 127.0.0.0/8 [::1]/128\n")).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenMynetworksIsTheWholeWorld() {
        Outcome o = postfix("compatibility_level = 3.6\nmynetworks = 127.0.0.0/8, 0.0.0.0/0\n");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("0.0.0.0/0");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("mynetworks = 127.0.0.0/8, 0.0.0.0/0"));
    }

    @Test
    void failsWhenMynetworksComesFromACidrTableHoldingTheWorld() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "compatibility_level = 3.6\nmynetworks = cidr:/etc/postfix/nets\n",
                MailChecksFixtures.MASTER).file("/etc/postfix/nets", "# trusted\n::/0 OK\n").host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/postfix/nets");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void failsWhenAPermitComesBeforeTheGuard() {
        assertThat(postfix("compatibility_level = 3.6\nsmtpd_relay_restrictions = permit, reject_unauth_destination\n"))
                .isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void judgesEachServiceWithItsMasterCfOverrides() {
        assertThat(postfix("compatibility_level = 3.6\n", """
                smtp      inet  n       -       y       -       -       smtpd
                2525      inet  n       -       y       -       -       smtpd
                  -o smtpd_relay_restrictions=permit_mynetworks,permit
                  -o smtpd_recipient_restrictions=permit_auth_destination,reject_unauth_destination
                """)).isInstanceOf(Outcome.Pass.class);
        Outcome open = postfix("compatibility_level = 3.6\n", """
                smtp      inet  n       -       y       -       -       smtpd
                2525      inet  n       -       y       -       -       smtpd
                  -o smtpd_relay_restrictions=permit,reject_unauth_destination
                """);
        assertThat(open).isInstanceOf(Outcome.Fail.class);
        assertThat(open.reason()).contains("service 2525");
        assertThat(open.evidence().getFirst().line()).isEqualTo(2);
        // with no guard at all in its lists, that smtpd refuses to start: not an open relay
        assertThat(postfix("compatibility_level = 3.6\nsmtpd_recipient_restrictions = reject_unauth_destination\n", """
                2525      inet  n       -       y       -       -       smtpd
                  -o smtpd_relay_restrictions=permit
                  -o smtpd_recipient_restrictions=permit
                """)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void passesWhenNoListHasAGuardBecauseSmtpdThenRefusesToRun() {
        // Postfix: "specify at least one working instance of: reject_unauth_destination, …"
        assertThat(postfix("compatibility_level = 0\n")).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForAnOpenSmtpdRelayFromAnyToAny() {
        var host = new Tree(dir).file("/usr/sbin/smtpd", "").file("/etc/smtpd.conf", """
                listen on lo
                action "out" relay
                match from any for any action "out"
                """).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void skipsWithoutAMailServer() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenAParameterRefersToItself() {
        Outcome o = postfix("mynetworks = $mynetworks 10.0.0.0/8\nsmtpd_relay_restrictions = permit_mynetworks, reject\n");
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("refers to itself");
    }
}
