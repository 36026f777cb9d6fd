package org.vmguard.facts.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Mutations;

/** Seeded random and mutated configurations never make the DNS readers throw anything but ParseError. */
class DnsPropertyTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 20).mapToObj(i -> 7000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedNamedConfGivesAVerdictOrOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        List<String> bases = List.of(DnsOracleTest.TRICKY_BIND.get(0), DnsOracleTest.resource("bind-debian12/named.conf.options"),
                "acl a { b; }; acl b { a; }; options { allow-recursion { a; }; };");
        for (int i = 0; i < 150; i++) {
            String text = Mutations.mutate(r, bases.get(r.nextInt(bases.size())));
            try {
                Bind.parse("/etc/bind/named.conf", NamedConf.parse("/etc/bind/named.conf", text, p -> java.util.Optional.of(text)))
                        .openRecursion();
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith("/").contains(": ");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedUnboundConfGivesAVerdictOrOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        String base = "server:\n  interface: 0.0.0.0\n  access-control: 0.0.0.0/0 allow\n  access-control: \"::/0\" refuse\n"
                + "include: \"/etc/unbound/unbound.conf\"\n";
        for (int i = 0; i < 150; i++) {
            String text = Mutations.mutate(r, base);
            try {
                UnboundConf c = UnboundConf.parse("/etc/unbound/unbound.conf", text);
                c.exposedInterfaces();
                c.decidingRule(Cidr.addressOf("1.2.3.4")).ifPresent(c::allowsRecursion);
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith("/etc/unbound/");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void cidrParsingNeverThrows(long seed) {
        Random r = new Random(seed);
        String alphabet = "0123456789abcdef:./[]% x";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(30);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            Cidr.parse(b.toString()).ifPresent(c -> assertThat(c.prefix()).isBetween(0, c.address().length * 8));
        }
    }
}
