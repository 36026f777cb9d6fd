package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;

/** The semantics of servconf.c, one rule per test. */
class SshdConfigTest {

    static final String MAIN = "/etc/ssh/sshd_config";
    static final Connection NONE = new Connection(null, null, null, null, null, null, null);

    private static SshdConfig parse(String text) {
        return new MemorySource().put(MAIN, text).parse(MAIN);
    }

    @Test
    void keywordsAreCaseInsensitiveAndTheFirstValueWins() {
        SshdConfig c = parse("passwordauthentication NO\nPasswordAuthentication yes\n");
        Setting s = c.global("passwordauthentication");
        assertThat(s.value()).isEqualTo("no");
        assertThat(s.describe()).isEqualTo("PasswordAuthentication no from /etc/ssh/sshd_config:1 wins over "
                + "/etc/ssh/sshd_config:2");
    }

    @Test
    void anAbsentKeywordIsOpensshsDefault() {
        Setting s = parse("\n").global("permitrootlogin");
        assertThat(s.isDefault()).isTrue();
        assertThat(s.value()).isEqualTo("prohibit-password");
        assertThat(s.describe()).isEqualTo("PermitRootLogin prohibit-password by OpenSSH 9.2's default (no line sets it)");
    }

    @Test
    void includeGlobsAreReadInByteOrderInPlaceAndSkipDotFiles() {
        SshdConfig c = new MemorySource().put(MAIN, "Include sshd_config.d/*.conf\nPort 22\n")
                .put("/etc/ssh/sshd_config.d/b.conf", "Port 2\n").put("/etc/ssh/sshd_config.d/a.conf", "Port 1\n")
                .put("/etc/ssh/sshd_config.d/B.conf", "Port 3\n").put("/etc/ssh/sshd_config.d/.x.conf", "Port 4\n")
                .parse(MAIN);
        assertThat(c.global("port").values()).containsExactly("3", "1", "2", "22");
    }

    @Test
    void aMatchInsideAnIncludedFileEndsWithThatFile() {
        SshdConfig c = new MemorySource().put(MAIN, "Include /etc/ssh/x.conf\nX11Forwarding yes\n")
                .put("/etc/ssh/x.conf", "Match User alice\nX11Forwarding no\n").parse(MAIN);
        assertThat(c.global("x11forwarding").value()).isEqualTo("yes");
        assertThat(c.effective("x11forwarding", Connection.user("alice", List.of())).value()).isEqualTo("no");
        assertThat(c.effective("x11forwarding", Connection.user("bob", List.of())).value()).isEqualTo("yes");
    }

    @Test
    void anIncludeInsideAMatchBlockIsConditionalAndItsMatchesNest() {
        SshdConfig c = new MemorySource()
                .put(MAIN, "Match User alice\nInclude /etc/ssh/in.conf\n")
                .put("/etc/ssh/in.conf", "MaxAuthTries 2\nMatch Address 10.0.0.0/8\nMaxSessions 1\n").parse(MAIN);
        Connection alice = new Connection("alice", List.of(), null, "10.1.1.1", null, null, null);
        Connection bob = new Connection("bob", List.of(), null, "10.1.1.1", null, null, null);
        assertThat(c.effective("maxauthtries", alice).value()).isEqualTo("2");
        assertThat(c.effective("maxsessions", alice).value()).isEqualTo("1");
        assertThat(c.effective("maxsessions", bob).value()).isEqualTo("10");
        assertThat(c.effective("maxsessions", alice).via().text()).isEqualTo("Match Address 10.0.0.0/8");
    }

    @Test
    void aGlobalKeywordInAMatchBlockIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> parse("Match Group staff\n  Ciphers aes128-ctr\n"))
                .isInstanceOf(ParseError.class)
                .hasMessage("/etc/ssh/sshd_config:2: Directive 'Ciphers' is not allowed within a Match block");
    }

    @Test
    void aGlobalKeywordInsideMatchAllIsAllowedAsInSshd() {
        assertThat(parse("Match all\nPort 2222\n").global("port").values()).containsExactly("2222");
    }

    @Test
    void matchBlocksOverrideTheGlobalValueAndTheFirstMatchingBlockWins() {
        SshdConfig c = parse("""
                PasswordAuthentication no
                Match Address 192.168.0.0/16,!192.168.9.0/24
                  PasswordAuthentication yes
                Match User *
                  PasswordAuthentication no
                """);
        Connection lan = new Connection("u", List.of(), null, "192.168.1.2", null, null, null);
        Connection excluded = new Connection("u", List.of(), null, "192.168.9.2", null, null, null);
        assertThat(c.effective("passwordauthentication", lan).value()).isEqualTo("yes");
        assertThat(c.effective("passwordauthentication", lan).shadowed()).extracting(Directive::line).contains(5, 1);
        assertThat(c.effective("passwordauthentication", excluded).value()).isEqualTo("no");
        assertThat(c.effective("passwordauthentication", NONE).value()).isEqualTo("no");
    }

    @Test
    void everyCriterionMatchesAsSshdDoes() {
        SshdConfig c = parse("""
                Match Group wheel Host *.example.com LocalAddress fe80::/10 LocalPort 2222 RDomain rd*
                  Banner /etc/match
                """);
        Connection yes = new Connection("a", List.of("users", "wheel"), "H.Example.COM", "10.0.0.1", "fe80::1", 2222,
                "rd7");
        assertThat(c.effective("banner", yes).value()).isEqualTo("/etc/match");
        assertThat(c.effective("banner", new Connection("a", List.of("users"), "h.example.com", "1.2.3.4",
                "fe80::1", 2222, "rd7")).value()).isEqualTo("none");
        assertThat(c.effective("banner", new Connection("a", List.of("wheel"), "h.example.com", "1.2.3.4",
                "fe80::1", 22, "rd7")).value()).isEqualTo("none");
    }

    @Test
    void possibleValuesNameTheBlocksAndSkipThoseAnEarlierMatchAllBeats() {
        SshdConfig c = parse("""
                PasswordAuthentication no
                Match User alice
                  PasswordAuthentication yes
                Match Address 10.0.0.0/8
                  PasswordAuthentication yes
                """);
        assertThat(c.possible("passwordauthentication", Connection.ANY)).extracting(Setting::value)
                .containsExactly("no", "yes", "yes");
        assertThat(c.possible("passwordauthentication", Connection.user("root", List.of("root"))))
                .extracting(s -> s.via() == null ? "-" : s.via().text()).containsExactly("-", "Match Address 10.0.0.0/8");
        SshdConfig all = parse("Match all\n PasswordAuthentication no\nMatch User alice\n PasswordAuthentication yes\n");
        assertThat(all.possible("passwordauthentication", Connection.ANY)).extracting(Setting::value).containsExactly("no");
    }

    @Test
    void accumulatingOptionsCollectEveryLineAndAMatchReplacesTheGlobalList() {
        SshdConfig c = parse("AllowUsers alice\nAllowUsers bob\nMatch User carol\n AllowUsers carol\n");
        assertThat(c.global("allowusers").values()).containsExactly("alice", "bob");
        assertThat(c.effective("allowusers", Connection.user("carol", List.of())).values()).containsExactly("carol");
    }

    @Test
    void algorithmListsAreAssembledWithTheirPrefixes() {
        assertThat(SshdConfig.names(parse("Ciphers -*-gcm@openssh.com,chacha*\n").global("ciphers")))
                .containsExactly("aes128-ctr", "aes192-ctr", "aes256-ctr");
        assertThat(SshdConfig.names(parse("Ciphers ^aes256-ctr\n").global("ciphers")).getFirst()).isEqualTo("aes256-ctr");
        assertThat(SshdConfig.names(parse("MACs +hmac-md5\n").global("macs"))).endsWith("hmac-md5");
    }

    @Test
    void quotesEqualsSignsAndCommentsAreReadAsSshdReadsThem() {
        SshdConfig c = parse("Banner=\"/etc/issue net\" # comment\n  MaxSessions = 4\n\"LogLevel\" VERBOSE\n");
        assertThat(c.global("banner").value()).isEqualTo("/etc/issue net");
        assertThat(c.global("maxsessions").value()).isEqualTo("4");
        assertThat(c.global("loglevel").value()).isEqualTo("VERBOSE");
    }

    @Test
    void aNulByteEndsItsLineAndJoinsItToTheNextAsSshdsGetlineDoes() {
        // "Port 2222X11Forwarding yes" is one line to sshd: "Badly formatted port number"
        assertThatThrownBy(() -> parse("Port 2222\0junk\nX11Forwarding yes\n"))
                .hasMessage("/etc/ssh/sshd_config:1: Badly formatted port number \"2222X11Forwarding\"");
    }

    @Test
    void ancientChallengeResponseIsItsOwnOptionBefore87() {
        SshdConfig c = SshdConfig.parse(new MemorySource().put(MAIN, "ChallengeResponseAuthentication no\n"), MAIN,
                "ChallengeResponseAuthentication no\n", OpensshVersion.parse("1:8.4p1-5", "test"));
        assertThat(c.global("challengeresponseauthentication").value()).isEqualTo("no");
        assertThat(c.global("kbdinteractiveauthentication").value()).isEqualTo("no");
        assertThat(c.global("kbdinteractiveauthentication").isDefault()).isTrue();
    }

    @Test
    void newerMatchCriteriaFollowTheRelease() {
        String text = "Match invalid-user\n  MaxAuthTries 1\n";
        assertThatThrownBy(() -> parse(text)).hasMessage("/etc/ssh/sshd_config:1: Missing Match criteria for invalid-user");
        SshdConfig newer = SshdConfig.parse(new MemorySource().put(MAIN, text), MAIN, text,
                OpensshVersion.parse("1:9.9p1-1", "test"));
        assertThat(newer.effective("maxauthtries", Connection.user("x", List.of())).value()).isEqualTo("6");
        assertThat(newer.possible("maxauthtries", Connection.ANY)).extracting(Setting::value).containsExactly("6", "1");
        String v = "Match Version OpenSSH_10.*\n  MaxAuthTries 2\n";
        SshdConfig ten = SshdConfig.parse(new MemorySource().put(MAIN, v), MAIN, v, OpensshVersion.parse("1:10.0p1-2",
                "test"));
        assertThat(ten.effective("maxauthtries", Connection.user("x", List.of())).value()).isEqualTo("2");
    }

    @Test
    void readsARhel9StyleLayoutWithItsCryptoPolicyInclude() {
        SshdConfig c = SshdConfig.parse(new MemorySource()
                .put(MAIN, "Include /etc/ssh/sshd_config.d/*.conf\nAuthorizedKeysFile .ssh/authorized_keys\n"
                        + "Subsystem sftp /usr/libexec/openssh/sftp-server\n")
                .put("/etc/ssh/sshd_config.d/50-redhat.conf", """
                        Include /etc/crypto-policies/back-ends/opensshserver.config
                        SyslogFacility AUTHPRIV
                        ChallengeResponseAuthentication no
                        GSSAPIAuthentication yes
                        GSSAPICleanupCredentials no
                        UsePAM yes
                        X11Forwarding yes
                        PrintMotd no
                        """)
                .put("/etc/crypto-policies/back-ends/opensshserver.config", """
                        Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr,aes128-gcm@openssh.com,aes128-ctr
                        MACs hmac-sha2-256-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha1,umac-128@openssh.com,hmac-sha2-512
                        GSSAPIKexAlgorithms gss-curve25519-sha256-,gss-nistp256-sha256-,gss-group14-sha256-,gss-group16-sha512-
                        KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512
                        HostKeyAlgorithms ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,sk-ssh-ed25519@openssh.com,sk-ssh-ed25519-cert-v01@openssh.com,rsa-sha2-256,rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-512-cert-v01@openssh.com
                        PubkeyAcceptedKeyTypes ecdsa-sha2-nistp256,ecdsa-sha2-nistp256-cert-v01@openssh.com,ssh-ed25519,ssh-ed25519-cert-v01@openssh.com,rsa-sha2-256,rsa-sha2-512
                        CASignatureAlgorithms ecdsa-sha2-nistp256,sk-ecdsa-sha2-nistp256@openssh.com,ssh-ed25519,sk-ssh-ed25519@openssh.com,rsa-sha2-256,rsa-sha2-512
                        RequiredRSASize 2048
                        """), MAIN, "Include /etc/ssh/sshd_config.d/*.conf\nAuthorizedKeysFile .ssh/authorized_keys\n"
                        + "Subsystem sftp /usr/libexec/openssh/sftp-server\n", OpensshVersion.parse("8.7p1-38.el9", "rpm"));
        assertThat(c.global("kbdinteractiveauthentication").describe())
                .isEqualTo("KbdInteractiveAuthentication no from /etc/ssh/sshd_config.d/50-redhat.conf:3");
        assertThat(SshdConfig.names(c.global("ciphers"))).containsExactly("aes256-gcm@openssh.com",
                "chacha20-poly1305@openssh.com", "aes256-ctr", "aes128-gcm@openssh.com", "aes128-ctr");
        assertThat(c.global("ciphers").from().getFirst().path()).isEqualTo("/etc/crypto-policies/back-ends/opensshserver.config");
        assertThat(c.global("passwordauthentication").isDefault()).isTrue();
    }

    @Test
    void aMatchLineThatAnEarlierIdenticalBlockAlwaysBeatsIsNotAPossibility() {
        SshdConfig c = parse("""
                PasswordAuthentication no
                Match User alice
                  PasswordAuthentication no
                Match User alice
                  PasswordAuthentication yes
                Match User alice Address 10.0.0.0/8
                  PasswordAuthentication yes
                Match User bob
                  PasswordAuthentication yes
                """);
        assertThat(c.possible("passwordauthentication", Connection.ANY)).extracting(s -> s.value() + "@"
                + (s.via() == null ? 0 : s.via().line())).containsExactly("no@0", "no@2", "yes@8");
    }
}
