package org.vmguard.facts.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;

/** What named-checkconf refuses beyond syntax, refused when we evaluate (DnsOracleTest checks the same files). */
class BindTest {

    static Bind bind(String text) {
        return Bind.parse("/etc/bind/named.conf", NamedConf.parse("/etc/bind/named.conf", text, p -> Optional.empty()));
    }

    @Test
    void refusesAnOptionGivenTwiceAnAclDefinedTwiceAndTwoOptionsBlocks() {
        assertThatThrownBy(() -> bind("options {\n allow-recursion { any; };\n allow-recursion { none; };\n};\n").openRecursion())
                .isInstanceOf(ParseError.class).hasMessageContaining("named.conf:3").hasMessageContaining("'allow-recursion' redefined");
        assertThatThrownBy(() -> bind("acl a { 10/8; };\nacl a { 11/8; };\n").openRecursion())
                .isInstanceOf(ParseError.class).hasMessageContaining("named.conf:2").hasMessageContaining("redefine acl 'a'");
        assertThatThrownBy(() -> bind("options { };\noptions { recursion no; };\n").openRecursion())
                .isInstanceOf(ParseError.class).hasMessageContaining("named.conf:2");
        assertThatThrownBy(() -> bind("view a {\n match-clients { any; };\n match-clients { none; };\n};\n").openRecursion())
                .isInstanceOf(ParseError.class).hasMessageContaining("named.conf:3");
    }

    @Test
    void listenOnMayBeGivenMoreThanOnce() {
        assertThat(bind("options { listen-on { 127.0.0.1; }; listen-on port 5353 { any; }; allow-recursion { any; }; };\n")
                .openRecursion()).isPresent();
    }
}
