package org.vmguard.checks.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

class DnsOpenRecursionTest {

    @TempDir
    Path dir;

    final DnsOpenRecursion check = new DnsOpenRecursion();

    Outcome bind(String conf) {
        return check.evaluate(new Tree(dir).file("/usr/sbin/named", "").file("/etc/bind/named.conf", conf).host());
    }

    @Test
    void passesForBindsDefaultsWhichRecurseOnlyForLocalnetsAndLocalhost() {
        assertThat(bind("options { directory \"/var/cache/bind\"; dnssec-validation auto; listen-on-v6 { any; }; };\n"))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsWhenAllowRecursionIsAny() {
        Outcome o = bind("""
                options {
                    directory "/var/cache/bind";
                    allow-recursion { any; };
                };
                """);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/etc/bind/named.conf");
            assertThat(e.line()).isEqualTo(3);
        });
    }

    @Test
    void failsWhenAllowQueryAnyIsInheritedByRecursionThroughTheDefaults() {
        // allow-recursion falls back to allow-query-cache, then to allow-query
        assertThat(bind("options { allow-query { any; }; };\n")).isInstanceOf(Outcome.Fail.class);
    }

    @Test
    void passesWhenRecursionIsOff() {
        assertThat(bind("options { recursion no; allow-query { any; }; };\n")).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void followsAclsNegationAndTheFirstMatchingView() {
        String conf = """
                acl trusted { 10.0.0.0/8; };
                options { allow-query { any; }; };
                view "internal" { match-clients { trusted; }; recursion yes; };
                view "external" { match-clients { any; }; allow-recursion { !any; }; };
                """;
        assertThat(bind(conf)).isInstanceOf(Outcome.Pass.class);
        String open = conf.replace("allow-recursion { !any; }", "allow-recursion { !trusted; any; }");
        Outcome o = bind(open);
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.reason()).contains("view \"external\"".replace("\"", "")).contains("1.2.3.4");
    }

    @Test
    void passesWhenListeningOnLoopbackOnly() {
        assertThat(bind("options { allow-recursion { any; }; listen-on { 127.0.0.1; }; listen-on-v6 { ::1; }; };\n"))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void followsIncludes() {
        Outcome o = check.evaluate(new Tree(dir).file("/usr/sbin/named", "")
                .file("/etc/bind/named.conf", "include \"/etc/bind/named.conf.options\";\n")
                .file("/etc/bind/named.conf.options", "options {\n  allow-recursion { 0.0.0.0/0; };\n};\n").host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.path()).isEqualTo("/etc/bind/named.conf.options"));
    }

    @Test
    void isAnErrorForAnUndefinedAclOrABrokenFile() {
        assertThat(bind("options { allow-recursion { friends; }; };\n")).isInstanceOf(Outcome.Error.class)
                .satisfies(o -> assertThat(o.reason()).contains("undefined ACL 'friends'"));
        assertThat(bind("options { recursion yes\n")).isInstanceOf(Outcome.Error.class)
                .satisfies(o -> assertThat(o.reason()).contains("/etc/bind/named.conf:"));
    }

    @Test
    void failsForAnUnboundThatListensEverywhereAndAllowsTheWorld() {
        Outcome o = check.evaluate(new Tree(dir).file("/usr/sbin/unbound", "").file("/etc/unbound/unbound.conf", """
                server:
                  interface: 0.0.0.0
                  access-control: 10.0.0.0/8 allow
                  access-control: 0.0.0.0/0 allow
                """).host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void passesForUnboundWhenTheMostSpecificRuleRefuses() {
        assertThat(check.evaluate(new Tree(dir).file("/usr/sbin/unbound", "").file("/etc/unbound/unbound.conf", """
                server:
                  interface: 0.0.0.0
                  access-control: 0.0.0.0/0 refuse
                  access-control: 10.0.0.0/8 allow
                """).host())).isInstanceOf(Outcome.Pass.class);
        // with no interface line unbound listens on localhost only
        assertThat(check.evaluate(new Tree(dir).file("/etc/unbound/unbound.conf",
                "server:\n  access-control: 0.0.0.0/0 allow\n").host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForDnsmasqWithoutLocalService() {
        assertThat(check.evaluate(new Tree(dir).file("/usr/sbin/dnsmasq", "")
                .file("/etc/dnsmasq.conf", "interface=eth0\n").host())).isInstanceOf(Outcome.Fail.class);
        assertThat(check.evaluate(new Tree(dir).file("/etc/dnsmasq.conf", "interface=eth0\nlocal-service\n").host()))
                .isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void skipsWithoutADnsServer() {
        assertThat(check.evaluate(new Tree(dir).dir("/etc").host())).isInstanceOf(Outcome.Skip.class);
    }
}
