package org.vmguard.facts.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.ParseError;

/** Seeded random and mutated input never makes the readers throw anything but our ParseError. */
class PostfixPropertyTest {

    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 1000L + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedFilesGiveValuesOrOurParseError(long seed) throws Exception {
        Random r = new Random(seed);
        String main = PostfixOracleTest.resource("main.cf.debian12");
        String master = PostfixOracleTest.resource("master.cf.debian12");
        for (int i = 0; i < 200; i++) {
            String m1 = mutate(r, main);
            String m2 = mutate(r, master);
            try {
                PostfixMain pm = PostfixMain.parse("/etc/postfix/main.cf", m1);
                for (String p : PostfixOracleTest.PARAMS) {
                    pm.expand(p);
                }
                PostfixMaster pms = PostfixMaster.parse("/etc/postfix/master.cf", m2);
                Postfix pf = new Postfix(pm, pms, java.util.List.of(), java.util.List.of());
                pf.listeners();
                pms.smtpdInet().forEach(pf::openRelay);
            } catch (ParseError e) {
                assertThat(e.getMessage()).startsWith("/etc/postfix/");
            }
        }
    }

    static String mutate(Random r, String s) {
        return org.vmguard.testing.Mutations.mutate(r, s);
    }
}
