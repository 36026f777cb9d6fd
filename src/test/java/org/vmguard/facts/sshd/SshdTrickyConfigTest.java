package org.vmguard.facts.sshd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vmguard.facts.Host;
import org.vmguard.facts.ParseError;
import org.vmguard.facts.Passwd;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tools;

/**
 * Deliberately tricky sshd_config files, each an edge case of sshd's reading (first value wins,
 * Include order and Match scope, negated patterns, algorithm list prefixes, quoting, aliases),
 * against the real {@code sshd -T -C …} for three connections: the effective values of every
 * option {@link SshdDifferentialTest#COMPARED} must agree, and what sshd refuses we refuse.
 */
class SshdTrickyConfigTest {

    @TempDir
    static Path tmp;

    static Path hostKey;
    static List<Connection> connections;
    static Host host;

    @BeforeAll
    static void realSshd() throws Exception {
        Tools.require("/usr/sbin/sshd");
        if (Tools.isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd -T insists on its privilege separation directory
        }
        hostKey = tmp.resolve("hostkey");
        org.vmguard.testing.Sshd.keygen(hostKey);
        host = new Host(new RootfsTarget(Path.of("/")));
        Passwd passwd = host.fact(Passwd.KEY);
        EtcGroup groups = host.fact(EtcGroup.KEY);
        connections = SshdDifferentialTest.CONNECTIONS.stream().map(c -> new Connection(c.user(),
                groups.groupsOf(c.user(), passwd).orElse(null), c.host(), c.addr(), c.laddr(), c.lport(), c.rdomain()))
                .toList();
    }

    /** name, sshd_config, other files (relative to the case directory; "DIR" stands for it), valid? */
    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of("the first value wins, keywords in any case, '=' separators", """
                        passwordauthentication no
                        PasswordAuthentication yes
                        PERMITROOTLOGIN=no
                        PermitRootLogin yes
                        MaxAuthTries = 3
                        maxauthtries\t6
                        X11Forwarding=yes
                        """, Map.of(), true),
                Arguments.of("a drop-in included first wins over the main file; dot files and other names left out", """
                        Include DIR/d/*.conf
                        PasswordAuthentication yes
                        X11Forwarding yes
                        """, Map.of("d/10-a.conf", "PasswordAuthentication no\n", "d/20-b.conf",
                        "PasswordAuthentication yes\nX11Forwarding no\nMaxSessions 4\n", "d/.hidden.conf", "MaxSessions 1\n",
                        "d/readme.txt", "MaxSessions 2\n"), true),
                Arguments.of("a Match overrides the global value, and the first matching Match wins", """
                        PermitRootLogin yes
                        MaxSessions 7
                        Match User root
                          PermitRootLogin no
                        Match User root,alice
                          PermitRootLogin forced-commands-only
                          MaxSessions 2
                        """, Map.of(), true),
                Arguments.of("negated and wildcard patterns, several criteria on one Match", """
                        Match User *,!root Address 10.0.0.0/8,192.168.*
                          PasswordAuthentication no
                        Match Address !2001:db8::/32,*
                          AllowTcpForwarding no
                        Match User !daemon
                          AllowAgentForwarding no
                        """, Map.of(), true),
                Arguments.of("Match all: what follows it applies to everyone but still overrides", """
                        X11Forwarding no
                        Match User alice
                          X11Forwarding yes
                        Match all
                        X11Forwarding no
                        PermitRootLogin no
                        """, Map.of(), true),
                Arguments.of("an Include inside a Match block is conditional; the block goes on after it", """
                        Match User root
                          Include DIR/m.conf
                          MaxAuthTries 2
                          PermitRootLogin yes
                        """, Map.of("m.conf", "PermitRootLogin no\nBanner none\n"), true),
                Arguments.of("a Match in an included file ends with that file", """
                        Include DIR/m2.conf
                        PasswordAuthentication no
                        ClientAliveInterval 30
                        """, Map.of("m2.conf", "Match User alice\n  PasswordAuthentication yes\n"), true),
                Arguments.of("options that accumulate: AllowUsers and DenyGroups lines, Port lines", """
                        AllowUsers alice@10.0.0.0/8 root
                        AllowUsers daemon
                        DenyGroups nogroup
                        DenyGroups games
                        Port 22
                        Port 2222
                        """, Map.of(), true),
                Arguments.of("algorithm lists with +, - and ^ prefixes", """
                        Ciphers -aes128*,3des-cbc
                        MACs ^hmac-sha2-512
                        KexAlgorithms +diffie-hellman-group14-sha1
                        HostKeyAlgorithms -ssh-rsa
                        PubkeyAcceptedAlgorithms +ssh-rsa
                        """, Map.of(), true),
                Arguments.of("quoted values with spaces, trailing comments", """
                        Banner "DIR/my banner"
                        AuthorizedKeysFile ".ssh/authorized keys" .ssh/authorized_keys2 # second file
                        PasswordAuthentication no # trailing comment
                        AllowGroups "root" adm
                        """, Map.of(), true),
                Arguments.of("aliases: ChallengeResponseAuthentication, without-password, PubkeyAcceptedKeyTypes", """
                        ChallengeResponseAuthentication no
                        KbdInteractiveAuthentication yes
                        PermitRootLogin without-password
                        PubkeyAcceptedKeyTypes ssh-ed25519
                        PubkeyAcceptedAlgorithms ssh-rsa
                        """, Map.of(), true),
                Arguments.of("Host, LocalPort, LocalAddress and RDomain criteria; host names match in any case", """
                        Match Host *.EXAMPLE.COM
                          MaxAuthTries 2
                        Match LocalPort 2222
                          ClientAliveInterval 30
                        Match LocalAddress fe80::/64
                          ClientAliveCountMax 1
                        Match RDomain foo
                          LogLevel DEBUG
                        """, Map.of(), true),
                Arguments.of("Group criteria resolved through this machine's /etc/group", """
                        Match Group root,adm
                          PermitTTY no
                        Match Group !root,*
                          GatewayPorts yes
                        """, Map.of(), true),
                Arguments.of("booleans in capitals, times with units", """
                        PasswordAuthentication YES
                        LoginGraceTime 1m30s
                        ClientAliveInterval 2h
                        X11DisplayOffset 20
                        """, Map.of(), true),
                Arguments.of("refused: Port inside a Match block", """
                        Match User alice
                          Port 2200
                        """, Map.of(), false),
                Arguments.of("refused: an unknown keyword", """
                        PasswordAuthentication no
                        PasswordAuthentification yes
                        """, Map.of(), false),
                Arguments.of("refused: a Match without criteria", """
                        Match
                          X11Forwarding yes
                        """, Map.of(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void agreesWithSshdT(String name, String main, Map<String, String> files, boolean valid) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("c" + Math.abs(name.hashCode())));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue().replace("DIR", dir.toString()));
        }
        Path config = dir.resolve("sshd_config");
        String text = main.replace("DIR", dir.toString());
        Files.writeString(config, text);

        SshdConfig ours;
        try {
            ours = SshdConfig.parse(Sshd.source(host, null, null), config.toString(), text,
                    OpensshVersion.parse("OpenSSH_9.2", "test"));
        } catch (ParseError e) {
            ours = null;
            assertThat(valid).as("we refused (%s) a file sshd accepts", e.getMessage()).isFalse();
        }
        List<String> differ = new ArrayList<>();
        for (Connection c : connections) {
            SshdDifferentialTest.Run run = sshdT(config, c.testSpec());
            assertThat(run.exit() == 0).as("sshd -T accepts it: %s", run.err()).isEqualTo(valid);
            if (!valid) {
                assertThat(ours).as("sshd refused it (%s) but we did not", run.err()).isNull();
                return;
            }
            for (String o : SshdDifferentialTest.COMPARED) {
                List<String> theirs = run.values().getOrDefault(o, List.of());
                List<String> mine = ours.effective(o, c).values();
                if (!mine.equals(theirs)) {
                    differ.add("-C " + c.testSpec() + ": " + o + " ours " + mine + " sshd " + theirs);
                }
            }
        }
        assertThat(differ).as("disagreements with sshd -T on\n%s", text).isEmpty();
    }

    static SshdDifferentialTest.Run sshdT(Path config, String spec) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/usr/sbin/sshd", "-T", "-f", config.toString(), "-h",
                hostKey.toString(), "-C", spec));
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new SshdDifferentialTest.Run(exit, SshdDifferentialTest.parseT(stdout), Files.readString(err));
    }
}
