package org.vmguard.facts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where master binds, as our reader says; PostfixListenersLiveTest checks the same against the real master. */
class PostfixListenersTest {

    static List<String> listeners(String mainCf, String masterCf) {
        Postfix p = new Postfix(PostfixMain.parse("/etc/postfix/main.cf", mainCf),
                PostfixMaster.parse("/etc/postfix/master.cf", masterCf), List.of(), List.of());
        return p.listeners().stream().map(l -> l.address() + " " + l.port() + " " + l.evidence().where()).toList();
    }

    @Test
    void loopbackOnlyIsBothLoopbacksWhenInetProtocolsIsAll() {
        assertThat(listeners("inet_interfaces = loopback-only\n", "smtp inet n - y - - smtpd\n"))
                .containsExactly("127.0.0.1 25 /etc/postfix/main.cf:1", "::1 25 /etc/postfix/main.cf:1");
    }

    @Test
    void loopbackOnlyIsOnly127001WithIpv4Only() {
        assertThat(listeners("inet_protocols = ipv4\ninet_interfaces = loopback-only\n", "smtp inet n - y - - smtpd\n"))
                .containsExactly("127.0.0.1 25 /etc/postfix/main.cf:2");
    }

    @Test
    void aServicesInetInterfacesOverrideDoesNotChangeWhereMasterBinds() {
        assertThat(listeners("inet_interfaces = all\n", "smtp inet n - y - - smtpd -o inet_interfaces=127.0.0.1\n"))
                .containsExactly("* 25 /etc/postfix/main.cf:1");
    }

    @Test
    void aHostPartInMasterCfWinsAndIsItsOwnEvidence() {
        assertThat(listeners("inet_interfaces = loopback-only\n", "192.0.2.7:submission inet n - y - - smtpd\n"))
                .containsExactly("192.0.2.7 587 /etc/postfix/master.cf:1");
    }

    @Test
    void theDefaultIsEveryAddressAndSaysSo() {
        Postfix p = new Postfix(PostfixMain.parse("/etc/postfix/main.cf", "myhostname = vm\n"),
                PostfixMaster.parse("/etc/postfix/master.cf", "smtp inet n - y - - smtpd\n"), List.of(), List.of());
        assertThat(p.listeners()).singleElement().satisfies(l -> {
            assertThat(l.address()).isEqualTo("*");
            assertThat(l.evidence().text()).contains("inet_interfaces = all (Postfix default")
                    .contains("applies to /etc/postfix/master.cf:1 smtp inet n - y - - smtpd");
        });
    }
}
