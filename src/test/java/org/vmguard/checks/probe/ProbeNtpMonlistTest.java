package org.vmguard.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vmguard.checks.probe.Network.said;

import org.junit.jupiter.api.Test;
import org.vmguard.core.Outcome;
import org.vmguard.probe.NtpAnswer;
import org.vmguard.probe.Probed;

class ProbeNtpMonlistTest {

    final ProbeNtpMonlist check = new ProbeNtpMonlist();

    @Test
    void failsWhenMonlistIsAnswered() {
        var a = new NtpAnswer("7 MON_GETLIST_1", 440, 6, "6 monitor entries");
        Outcome o = check.evaluate(new Network().ntp(Probed.seen(a, said("ntp 192.0.2.7:123 mode 7", "6 entries")),
                Probed.absent("no answer")).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("mode 7 MON_GETLIST");
    }

    @Test
    void failsWhenReadvarIsAnsweredToAStranger() {
        var a = new NtpAnswer("6 READVAR", 400, 0, "version=\"ntpd ntpsec-1.2.2\"");
        Outcome o = check.evaluate(new Network().ntp(Probed.absent("no answer"),
                Probed.seen(a, said("ntp 192.0.2.7:123 mode 6", "version=\"ntpd ntpsec-1.2.2\""))).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("mode 6 READVAR");
    }

    @Test
    void skipsWhenNeitherIsAnsweredAndIsAnErrorWhenOneCannotBeTold() {
        assertThat(check.evaluate(new Network().ntp(Probed.absent("no answer within 3 s"), Probed.absent("no answer within 3 s")).host()))
                .isInstanceOf(Outcome.Skip.class);
        assertThat(check.evaluate(new Network().ntp(Probed.absent("no answer"), Probed.failed("truncated mode 6 answer")).host()))
                .isEqualTo(Outcome.error("truncated mode 6 answer"));
    }
}
