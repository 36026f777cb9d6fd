package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class NtpMonlistTest {

    @TempDir
    Path dir;

    final NtpMonlist check = new NtpMonlist();

    static String resource(String name) throws IOException {
        try (var in = NtpMonlistTest.class.getResourceAsStream("/org/vmguard/facts/ntp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    Outcome ntpsec(String conf) {
        return check.evaluate(new Tree(dir).file("/usr/sbin/ntpd", "").file("/etc/ntpsec/ntp.conf", conf).host());
    }

    @Test
    void passesForDebiansNtpsecDefaults() throws IOException {
        assertThat(ntpsec(resource("ntpsec.ntp.conf"))).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void passesForNtpsecWithoutRestrictLinesBecauseItsBuiltInDefaultHasNoquery() {
        assertThat(ntpsec("pool 0.debian.pool.ntp.org iburst\n")).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenNtpsecUnrestrictsNoquery() {
        Outcome o = ntpsec("restrict default kod nomodify nopeer noquery limited\nunrestrict default noquery limited\n");
        assertThat(o).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void failsForClassicNtpdWithoutNoqueryForIpv6() {
        Outcome o = check.evaluate(new Tree(dir).file("/usr/sbin/ntpd", "").file("/etc/ntp.conf", """
                restrict -4 default kod notrap nomodify nopeer noquery limited
                restrict -6 default kod notrap nomodify nopeer limited
                """).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("2600::1");
        assertThat(o.evidence().getFirst().line()).isEqualTo(2);
    }

    @Test
    void failsForClassicNtpdWithNoRestrictLine() {
        assertThat(check.evaluate(new Tree(dir).file("/usr/sbin/ntpd", "").file("/etc/ntp.conf", "server 1.pool.ntp.org\n")
                .host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void theMostSpecificRestrictionDecides() {
        assertThat(ntpsec("restrict default noquery\nrestrict 1.2.3.0 mask 255.255.255.0 nomodify\n"))
                .isInstanceOf(Outcome.Fail.class);
        // the same address and mask accumulate flags: noquery stays
        assertThat(ntpsec("restrict default noquery\nrestrict 0.0.0.0 mask 0.0.0.0 nomodify\nrestrict ::/0 nomodify\n"))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void chronyIsClosedByDefaultAndOpenWithCmdallowAllOnAPublicBinding() throws IOException {
        assertThat(check.evaluate(new Tree(dir).file("/usr/sbin/chronyd", "").file("/etc/chrony/chrony.conf",
                resource("chrony.conf")).host())).isInstanceOf(Outcome.Pass.class);
        assertThat(check.evaluate(new Tree(dir).file("/etc/chrony/chrony.conf",
                "bindcmdaddress 0.0.0.0\ncmdallow all\n").host())).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void skipsWithoutAnNtpServer() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
