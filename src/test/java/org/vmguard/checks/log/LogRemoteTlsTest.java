package org.vmguard.checks.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class LogRemoteTlsTest {

    @TempDir
    Path dir;

    final LogRemoteTls check = new LogRemoteTls();

    Tree rsyslog() {
        return new Tree(dir).resources("packages/rsyslog").file("/usr/sbin/rsyslogd", "");
    }

    @Test
    void passesWithDebiansDefaultWhichForwardsNothing() {
        Outcome o = Evaluate.on(check, rsyslog().host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.reason()).contains("not forwarded");
    }

    @Test
    void failsForALegacyTcpForwardInAnIncludedFile() {
        Outcome o = Evaluate.on(check, rsyslog().file("/etc/rsyslog.d/50-remote.conf", "# central\n*.* @@logs.example.org:514\n").host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("logs.example.org:514");
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/rsyslog.d/50-remote.conf:2"));
    }

    @Test
    void passesForAnOmfwdActionWithTheGtlsDriverInMode1() {
        Outcome o = Evaluate.on(check, rsyslog().file("/etc/rsyslog.d/60-tls.conf", """
                global(DefaultNetstreamDriverCAFile="/etc/ssl/certs/ca.pem")
                action(type="omfwd" target="logs.example.org" port="6514" protocol="tcp"
                       StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name")
                """).host());
        assertThat(o).isInstanceOf(Outcome.Pass.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void failsWhenTheGtlsDriverIsLeftInMode0() {
        Outcome o = Evaluate.on(check, rsyslog().file("/etc/rsyslog.d/60-tls.conf", """
                $DefaultNetstreamDriver gtls
                *.* @@logs.example.org:6514
                """).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence().get(0).text()).contains("StreamDriverMode 0");
    }

    @Test
    void failsForASyslogNgNetworkDestinationWithoutTls() {
        var t = new Tree(dir).resources("packages/syslog-ng").file("/usr/sbin/syslog-ng", "")
                .file("/etc/syslog-ng/conf.d/remote.conf", """
                        destination d_remote { network("10.0.0.5" transport("tcp") port(514)); };
                        log { source(s_src); destination(d_remote); };
                        """);
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).singleElement().satisfies(e -> assertThat(e.where()).isEqualTo("/etc/syslog-ng/conf.d/remote.conf:1"));
    }

    @Test
    void skipsWithoutASyslogDaemon() {
        assertThat(Evaluate.on(check, new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }

    @Test
    void isAnErrorNamingTheLineOfAnUnclosedAction() {
        Outcome o = Evaluate.on(check, rsyslog().file("/etc/rsyslog.d/bad.conf", "\naction(type=\"omfwd\" target=\"x\"\n").host());
        assertThat(o).isInstanceOf(Outcome.Error.class);
        assertThat(o.reason()).contains("/etc/rsyslog.d/bad.conf:2");
    }
}
