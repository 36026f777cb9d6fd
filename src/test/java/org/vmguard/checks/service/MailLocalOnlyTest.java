package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class MailLocalOnlyTest {

    @TempDir
    Path dir;

    final MailLocalOnly check = new MailLocalOnly();

    @Test
    void passesForDebiansLoopbackOnlyPostfix() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = loopback-only\n", MailChecksFixtures.MASTER).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenInetInterfacesIsAbsentBecausePostfixDefaultsToAll() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "myhostname = vm\n", MailChecksFixtures.MASTER).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("postfix configured on every address port 25");
        assertThat(o.evidence().getFirst().text()).contains("inet_interfaces = all")
                .contains("applies to /etc/postfix/master.cf:1 smtp");
    }

    @Test
    void failsWhenAMasterCfServiceNamesAPublicAddressDespiteLoopbackOnly() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = loopback-only\n", """
                smtp      inet  n       -       y       -       -       smtpd
                203.0.113.5:submission inet n - y - - smtpd
                """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("configured on 203.0.113.5 port 587");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void aPerServiceInetInterfacesOverrideDoesNotMoveTheSocket() {
        // master binds main.cf's inet_interfaces; -o only reaches smtpd (PostfixListenersLiveTest)
        var host = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = 127.0.0.1\n", """
                smtp      inet  n       -       y       -       -       smtpd
                  -o inet_interfaces=all
                """).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenMainCfListensEverywhereThoughTheServiceSaysLoopback() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = all\n", """
                smtp      inet  n       -       y       -       -       smtpd -o inet_interfaces=127.0.0.1
                """).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().getFirst().where()).isEqualTo("/etc/postfix/main.cf:1");
    }

    @Test
    void passesWhenInetServicesAreDisabled() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "master_service_disable = inet\n", MailChecksFixtures.MASTER).host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForEximListeningEverywhere() {
        var host = new Tree(dir).file("/usr/sbin/exim4", "")
                .file("/etc/exim4/update-exim4.conf.conf", "dc_eximconfig_configtype='internet'\ndc_local_interfaces=''\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesForEximOnLoopback() {
        var host = new Tree(dir).file("/usr/sbin/exim4", "")
                .file("/etc/exim4/update-exim4.conf.conf", "dc_local_interfaces='127.0.0.1 ; ::1'\n").host();
        assertThat(check.evaluate(host)).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWithoutAMailServer() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorWhenMainCfCannotBeParsed() {
        var host = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces loopback-only\n", MailChecksFixtures.MASTER).host();
        Outcome o = check.evaluate(host);
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/postfix/main.cf:1");
    }

    @Test
    void theLiveSocketsDecideWhenPostfixRunsAndTheEvidenceShowsBoth() {
        // configured loopback-only, but master listens on 0.0.0.0:25
        var t = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = loopback-only\n", MailChecksFixtures.MASTER);
        Procs.tcp(t, "00000000:0019 8101");
        Procs.process(t, 1201, "master", 8101);
        Outcome o = check.evaluate(t.liveHost());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("postfix listens on 0.0.0.0:25 (live)");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("master pid 1201"))
                .anySatisfy(e -> {
                    assertThat(e.where()).isEqualTo("/etc/postfix/main.cf:1");
                    assertThat(e.text()).startsWith("configured: 127.0.0.1 port 25 — inet_interfaces = loopback-only");
                });
    }

    @Test
    void aRunningPostfixOnLoopbackPassesEvenIfItsConfigurationWouldListenEverywhere() {
        var t = MailChecksFixtures.postfix(new Tree(dir), "inet_interfaces = all\n", MailChecksFixtures.MASTER);
        Procs.tcp(t, "0100007F:0019 8101");
        Procs.process(t, 1201, "master", 8101);
        assertThat(check.evaluate(t.liveHost())).isInstanceOf(Outcome.Pass.class);
    }
}
