package org.vmguard.target.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Sshd;
import org.vmguard.testing.Tools;

/** known_hosts semantics, with files written by OpenSSH's own ssh-keygen where it can write them. */
class KnownHostsTest {

    @TempDir
    static Path dir;

    static PublicKey ed1;
    static PublicKey ed2;
    static String ed1Line;
    static String ed2Line;

    @BeforeAll
    static void keys() throws Exception {
        Tools.require("/usr/bin/ssh-keygen");
        ed1Line = Files.readString(Path.of(Sshd.keygen(dir.resolve("k1")) + ".pub")).strip();
        ed2Line = Files.readString(Path.of(Sshd.keygen(dir.resolve("k2")) + ".pub")).strip();
        ed1 = key(ed1Line);
        ed2 = key(ed2Line);
    }

    static PublicKey key(String line) throws Exception {
        return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
    }

    static String typeAndKey(String pubLine) {
        String[] f = pubLine.split("\\s+");
        return f[0] + " " + f[1];
    }

    static KnownHosts file(String text) throws Exception {
        Path f = Files.createTempFile(dir, "kh", "");
        Files.writeString(f, text);
        return KnownHosts.load(List.of(f), List.of());
    }

    @Test
    void aMatchingPlainEntryIsKnownAndAnotherPortIsNot() throws Exception {
        KnownHosts kh = file("web01,10.0.0.1 " + typeAndKey(ed1Line) + "\n[web01]:2222 " + typeAndKey(ed2Line) + "\n");
        assertThat(kh.check("web01", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.0.0.1", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("web01", 2222, ed2)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("web01", 2222, ed1)).isInstanceOf(KnownHosts.Verdict.Changed.class);
        assertThat(kh.check("web02", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
    }

    @Test
    void aDifferentKeyOfTheSameTypeIsChangedNeverKnown() throws Exception {
        KnownHosts kh = file("web01 " + typeAndKey(ed1Line) + "\n");
        assertThat(kh.check("web01", 22, ed2)).isInstanceOf(KnownHosts.Verdict.Changed.class);
    }

    @Test
    void wildcardsAndNegationFollowOpenSsh() throws Exception {
        KnownHosts kh = file("*.example.org,!evil.example.org " + typeAndKey(ed1Line) + "\n");
        assertThat(kh.check("web.example.org", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("evil.example.org", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        assertThat(kh.check("example.org", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
    }

    @Test
    void entriesHashedByOpenSshMatch() throws Exception {
        Path f = dir.resolve("hashed");
        Files.writeString(f, "web01 " + typeAndKey(ed1Line) + "\n[10.1.2.3]:2200 " + typeAndKey(ed2Line) + "\n");
        Sshd.class.getName();
        Process p = new ProcessBuilder("ssh-keygen", "-H", "-f", f.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        String text = Files.readString(f);
        assertThat(text).startsWith("|1|").doesNotContain("web01").doesNotContain("10.1.2.3");
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertThat(kh.check("web01", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.1.2.3", 2200, ed2)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("10.1.2.3", 22, ed2)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
    }

    @Test
    void ourHashedLinesAreFoundByOpenSsh() throws Exception {
        Path f = dir.resolve("ours");
        Files.writeString(f, KnownHosts.hashedLine("[127.0.0.1]:2222", ed1) + "\n");
        Process p = new ProcessBuilder("ssh-keygen", "-F", "[127.0.0.1]:2222", "-f", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("found: line 1");
    }

    @Test
    void aRevokedKeyIsRefusedEvenWhenAnotherLineVouchesForIt() throws Exception {
        KnownHosts kh = file("web01 " + typeAndKey(ed1Line) + "\n@revoked * " + typeAndKey(ed1Line) + "\n");
        assertThat(kh.check("web01", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Revoked.class);
    }

    @Test
    void malformedLinesVouchForNothingAndBreakNothing() throws Exception {
        KnownHosts kh = file("garbage\n@weird web01 " + typeAndKey(ed1Line) + "\nweb01 ssh-ed25519 !!!notbase64\n"
                + "# comment\n\nweb01 " + typeAndKey(ed2Line) + "\n");
        assertThat(kh.check("web01", 22, ed2)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(kh.check("web01", 22, ed1)).isInstanceOf(KnownHosts.Verdict.Changed.class);
    }

    @Test
    void recordingAFirstSeenKeyWritesAHashedLineThatIsThenKnown() throws Exception {
        Path f = dir.resolve("sub/known_hosts");
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertThat(kh.check("new", 2222, ed1)).isInstanceOf(KnownHosts.Verdict.Unknown.class);
        kh.record("new", 2222, ed1);
        assertThat(Files.readString(f)).startsWith("|1|").doesNotContain("new");
        assertThat(kh.check("new", 2222, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
        assertThat(KnownHosts.load(List.of(f), List.of()).check("new", 2222, ed1)).isInstanceOf(KnownHosts.Verdict.Known.class);
    }
}
