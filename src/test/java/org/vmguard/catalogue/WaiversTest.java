package org.vmguard.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmguard.core.CheckInfo;
import org.vmguard.core.Report;
import org.vmguard.core.Severity;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Reports;

class WaiversTest {

    final List<CheckInfo> catalogue = Reports.sample().results().stream().map(r -> r.check()).toList();
    final LocalDate today = LocalDate.parse("2026-11-23");

    @Test
    void aWaivedFailureStaysVisibleButNoLongerFailsTheRun() {
        Waivers w = Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  reason: bastion only, behind the VPN
                  expires: 2027-01-31
                """, catalogue);
        Report r = w.apply(Reports.sample(), today);
        assertThat(r.waivers()).singleElement().satisfies(x -> {
            assertThat(x.expired()).isFalse();
            assertThat(x.source()).isEqualTo("w.yaml:1");
        });
        assertThat(r.results().getFirst().status().label()).isEqualTo("fail");
        assertThat(r.failedAtLeast(Severity.HIGH)).isFalse();
        assertThat(Reports.sample().failedAtLeast(Severity.HIGH)).isTrue();
    }

    @Test
    void anExpiredWaiverIsShownAndIgnored() {
        Waivers w = Waivers.parse("w.yaml", """
                - {id: ssh.password-auth, reason: temporary, expires: 2026-01-01}
                """, catalogue);
        Report r = w.apply(Reports.sample(), today);
        assertThat(r.waivers()).singleElement().satisfies(x -> assertThat(x.expired()).isTrue());
        assertThat(r.failedAtLeast(Severity.HIGH)).isTrue();
    }

    @Test
    void aHostPatternLimitsTheWaiver() {
        Waivers w = Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  reason: r
                  expires: 2027-01-31
                  hosts: "db*"
                """, catalogue);
        assertThat(w.apply(Reports.sample(), today).waivers()).isEmpty();
    }

    @Test
    void mistakesNameTheFileAndLine() {
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  reason: ok
                  expires: 2027-01-31
                - id: ssh.no-such-check
                  reason: typo
                  expires: 2027-01-31
                """, catalogue)).isInstanceOf(ParseError.class).hasMessageStartingWith("w.yaml:4: unknown check id");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  expires: 2027-01-31
                """, catalogue)).hasMessageStartingWith("w.yaml:1: ssh.password-auth: a reason is required");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  reason: r
                  expires: next year
                """, catalogue)).hasMessageContaining("expires must be a date");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "- id: [unclosed\n", catalogue))
                .isInstanceOf(ParseError.class).hasMessageStartingWith("w.yaml:");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "id: x\n", catalogue))
                .hasMessageContaining("expected a list of waivers");
    }

    @Test
    void whatWouldBeSilentlyDroppedIsAMistakeNamingTheLine() {
        // a second YAML document: its waivers would otherwise never apply
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - {id: ssh.password-auth, reason: r, expires: 2027-01-31}
                ---
                - {id: ssh.root-login, reason: r, expires: 2027-01-31}
                """, catalogue)).isInstanceOf(ParseError.class)
                .hasMessage("w.yaml:3: only one YAML document (one list of waivers) is read");
        // a list of host patterns would have matched no host at all
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  reason: r
                  expires: 2027-01-31
                  hosts: [web1, web2]
                """, catalogue)).isInstanceOf(ParseError.class)
                .hasMessage("w.yaml:1: ssh.password-auth: hosts must be one pattern (glob: * and ?), such as \"web*\"");
        // the same key twice: one of the two values would be ignored
        assertThatThrownBy(() -> Waivers.parse("w.yaml", """
                - id: ssh.password-auth
                  id: ssh.root-login
                  reason: r
                  expires: 2027-01-31
                """, catalogue)).isInstanceOf(ParseError.class).hasMessageStartingWith("w.yaml:2: not valid YAML: Duplicate field 'id'");
        assertThatThrownBy(() -> Waivers.parse("w.yaml", "- {reason: r, expires: 2027-01-31}\n", catalogue))
                .isInstanceOf(ParseError.class).hasMessage("w.yaml:1: a waiver needs an id (vmguard checks lists them)");
    }
}
