package org.vmguard.facts.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;

/** The rsyslog reader's finer points (each also checked against rsyslogd -N1 in RsyslogOracleTest). */
class RsyslogTest {

    static List<String> forwards(String text) {
        return Rsyslog.parse("/etc/rsyslog.conf", text, Rsyslog.files(p -> Optional.empty(), p -> List.of()))
                .forwards().stream().map(f -> f.target() + " " + f.protocol()).toList();
    }

    @Test
    void anAmpersandLineAndAnIfThenLineForwardToo() {
        assertThat(forwards("auth.* @@a.example:514\n& @@b.example:10514\n&\t@c.example\n"
                + "if $programname == 'sshd' then @@d.example\n"))
                .containsExactly("a.example:514 tcp", "b.example:10514 tcp", "c.example:514 udp", "d.example:514 tcp");
    }

    @Test
    void aLegacyTargetEndsAtABlank() {
        assertThat(forwards("*.* @@x.example:10514 # the collector\n")).containsExactly("x.example:10514 tcp");
    }

    @Test
    void refusesSingleQuotedParametersAndAMissingIncludeConfigFile() {
        assertThatThrownBy(() -> forwards("action(type='omfwd' target='x.example')\n")).isInstanceOf(ParseError.class)
                .hasMessageContaining("/etc/rsyslog.conf:1").hasMessageContaining("single quotes");
        assertThatThrownBy(() -> forwards("*.* /var/log/x\n$IncludeConfig /etc/rsyslog.d/x.conf\n"))
                .isInstanceOf(ParseError.class).hasMessageContaining("/etc/rsyslog.conf:2");
        assertThat(forwards("$IncludeConfig /etc/rsyslog.d/*.conf\n")).isEmpty();
    }
}
