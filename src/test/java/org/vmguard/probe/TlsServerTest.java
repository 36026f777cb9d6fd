package org.vmguard.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Name matching by RFC 6125's rules, and expiry. */
class TlsServerTest {

    static TlsServer named(String... names) {
        return new TlsServer(List.of("TLSv1.3"), "CN=x", List.of(names), Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"), false);
    }

    @Test
    void exactNamesMatchWithoutCaseOrTrailingDot() {
        TlsServer s = named("www.Example.com");
        assertThat(s.nameMatches("WWW.example.COM")).isTrue();
        assertThat(s.nameMatches("www.example.com.")).isTrue();
        assertThat(s.nameMatches("example.com")).isFalse();
        assertThat(s.nameMatches("wwwexample.com")).isFalse();
    }

    @Test
    void aWildcardStandsForExactlyOneLeftMostLabel() {
        TlsServer s = named("*.example.com");
        assertThat(s.nameMatches("www.example.com")).isTrue();
        assertThat(s.nameMatches("example.com")).isFalse();
        assertThat(s.nameMatches("a.b.example.com")).isFalse();
        assertThat(s.nameMatches(".example.com")).isFalse();
    }

    @Test
    void wildcardsElsewhereOrOverAPublicSuffixLikeLabelMatchNothing() {
        assertThat(named("*.com").nameMatches("example.com")).isFalse();
        assertThat(named("w*.example.com").nameMatches("www.example.com")).isFalse();
        assertThat(named("www.*.com").nameMatches("www.example.com")).isFalse();
        assertThat(named("*").nameMatches("localhost")).isFalse();
    }

    @Test
    void addressesMatchOnlyAddressEntriesAndNeverWildcards() {
        TlsServer s = named("127.0.0.1", "::1", "*.0.0.1");
        assertThat(s.nameMatches("127.0.0.1")).isTrue();
        assertThat(s.nameMatches("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(s.nameMatches("[::1]")).isTrue();
        assertThat(s.nameMatches("10.0.0.1")).isFalse();
        assertThat(named("localhost").nameMatches("127.0.0.1")).isFalse();
    }

    @Test
    void ipLiteralsAreRecognisedWithoutAskingDns() {
        assertThat(TlsServer.ipLiteral("192.0.2.7")).isPresent();
        assertThat(TlsServer.ipLiteral("2001:db8::1")).isPresent();
        assertThat(TlsServer.ipLiteral("256.1.1.1")).isEmpty();
        assertThat(TlsServer.ipLiteral("1:2")).isEmpty();
        assertThat(TlsServer.ipLiteral("localhost")).isEmpty();
        assertThat(TlsServer.ipLiteral("deadbeef.example")).isEmpty();
    }

    @Test
    void expiredMeansPastNotAfter() {
        TlsServer s = named("x");
        assertThat(s.expired(Instant.parse("2025-06-01T00:00:00Z"))).isFalse();
        assertThat(s.expired(Instant.parse("2026-01-01T00:00:01Z"))).isTrue();
    }
}
