package org.vmguard.facts.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;

/** unbound.conf read by words as unbound's lexer does (cases DnsOracleTest checks against unbound-checkconf). */
class UnboundConfTest {

    static final String PATH = "/etc/unbound/unbound.conf";

    static UnboundConf parse(String text, Map<String, String> files) {
        return UnboundConf.parse(PATH, text, new UnboundConf.Files() {
            @Override
            public List<String> glob(String pattern) {
                return files.keySet().stream().filter(f -> f.equals(pattern)).toList();
            }

            @Override
            public Optional<String> read(String p) {
                return Optional.ofNullable(files.get(p));
            }
        });
    }

    static List<String> values(UnboundConf c, String name) {
        return c.all(name).stream().map(e -> e.value() + " @" + e.line()).toList();
    }

    @Test
    void readsSeveralStatementsOnOneLineAndValuesOnLaterLines() {
        UnboundConf c = parse("""
                server: interface: 0.0.0.0 access-control: 10.0.0.0/8 allow
                forward-zone: name: "." forward-addr: 192.0.2.1 server: interface: ::0
                server:
                  access-control:
                     192.168.0.0/16
                     allow_snoop   # the action on a line of its own
                  access-control:172.16.0.0/12 refuse
                """, Map.of());
        assertThat(values(c, "interface")).containsExactly("0.0.0.0 @1", "::0 @2");
        assertThat(values(c, "access-control")).containsExactly("10.0.0.0/8 allow @1", "192.168.0.0/16 allow_snoop @4",
                "172.16.0.0/12 refuse @7");
        assertThat(c.exposedInterfaces()).hasSize(2);
    }

    @Test
    void ipAddressIsInterfaceByAnotherName() {
        UnboundConf c = parse("server:\n  ip-address: 0.0.0.0\n", Map.of());
        assertThat(values(c, "interface")).containsExactly("0.0.0.0 @2");
        assertThat(c.exposedInterfaces()).extracting(UnboundConf.Entry::text).containsExactly("ip-address: 0.0.0.0");
    }

    @Test
    void aHashInsideAWordIsPartOfIt() {
        UnboundConf c = parse("server:\n  local-zone: \"a#b.\" static # comment\n  interface: 10.0.0.1#53\n", Map.of());
        assertThat(values(c, "local-zone")).containsExactly("a#b. static @2");
        assertThat(values(c, "interface")).containsExactly("10.0.0.1#53 @3");
    }

    @Test
    void anIncludeWithoutAClauseHeaderContinuesTheOpenClause() {
        UnboundConf c = parse("server:\ninclude: /etc/unbound/acl.conf\n",
                Map.of("/etc/unbound/acl.conf", "access-control: 0.0.0.0/0 allow\n"));
        assertThat(c.all("access-control")).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("/etc/unbound/acl.conf"));
    }

    @Test
    void refusesWhatUnboundRefusesNamingTheLine() {
        for (var bad : Map.of(
                "server:\n  Access-Control: 10.0.0.0/8 allow\n", 2,
                "server:\n  access-control: 10.0.0.0/8 ALLOW\n", 2,
                "server:\n  interface: 10.0.0.1\nremote-control:\n  access-control: 10.0.0.0/8 allow\n", 4,
                "server:\n  access-control: 10.0.0.0/8\n", 3,
                "server:\n  interface: \"0.0.0.0\n", 2,
                "server :\n  interface: 127.0.0.1\n", 1,
                "interface: 127.0.0.1\n", 1,
                "server:\n  include: /etc/unbound/nothere.conf\n", 2).entrySet()) {
            assertThatThrownBy(() -> parse(bad.getKey(), Map.of())).as(bad.getKey()).isInstanceOf(ParseError.class)
                    .satisfies(e -> assertThat(((ParseError) e).line()).isEqualTo(bad.getValue()))
                    .hasMessageContaining(PATH);
        }
    }
}
