package org.vmguard.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTest {

    @Test
    void aHugeLineFromTheTargetIsCutAndSaysHowMuchWasLeftOut() {
        Evidence e = Evidence.at("/etc/login.defs", 1, "UID_MIN " + "a".repeat(10_000));
        assertThat(e.text()).hasSize(Evidence.MAX_TEXT + "… (5912 more characters)".length())
                .startsWith("UID_MIN aaa").endsWith("a… (5912 more characters)");
        assertThat(Evidence.at("/etc/passwd", 2, "toor:x:0:0::/root:/bin/sh").text()).isEqualTo("toor:x:0:0::/root:/bin/sh");
    }
}
