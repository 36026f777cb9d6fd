package org.vmguard.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** /etc/shadow, /etc/group and /etc/login.defs, the last from Debian's login package. */
class AccountFilesTest {

    @Test
    void loginDefsFromDebiansLoginPackageGiveUidMinAndMaxWithTheirLines() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/accounts/login/login.defs"));
        LoginDefs d = LoginDefs.parse("/etc/login.defs", text);
        assertThat(d.uidMin().value()).isEqualTo(1000);
        assertThat(d.uidMax().value()).isEqualTo(60000);
        int line = 1 + (int) text.substring(0, text.indexOf("\nUID_MIN")).chars().filter(c -> c == '\n').count() + 1;
        assertThat(d.uidMin().evidence().line()).isEqualTo(line);
        assertThat(d.uidMin().evidence().text()).isEqualTo("UID_MIN 1000");
        assertThat(d.get("ENCRYPT_METHOD")).get().extracting(LoginDefs.Setting::value).isEqualTo("SHA512");
    }

    @Test
    void loginDefsNumbersAreReadLikeStrtolAndBadOnesFallBackToTheDefault() {
        LoginDefs d = LoginDefs.parse("/etc/login.defs", "UID_MIN 0x3e8\nUID_MAX 0165140\nSYS_UID_MAX lots\n");
        assertThat(d.uidMin().value()).isEqualTo(1000);
        assertThat(d.uidMax().value()).isEqualTo(60000);
        assertThat(d.number("SYS_UID_MAX", 999).value()).isEqualTo(999);
        assertThat(d.number("SYS_UID_MAX", 999).evidence().text()).contains("not a number");
        assertThat(LoginDefs.parse("/etc/login.defs", "").uidMin().evidence().text()).contains("default");
    }

    @Test
    void shadowStatesAndLinesWithoutEverKeepingAHashInEvidence() {
        Shadow s = Shadow.parse("/etc/shadow", """
                root:*:19000:0:99999:7:::
                alice:$y$j9T$abcdefghijklmnop$0123456789012345678901234567890123456789012:19500:0:99999:7:::
                bob::19500::::::
                carol:!$6$x$yyyyyyyyyyyyyyyyyyyy:19500::::::
                broken
                """);
        assertThat(s.entries()).extracting(e -> e.name() + "=" + e.state()).containsExactly(
                "root=LOCKED", "alice=USABLE", "bob=EMPTY", "carol=LOCKED");
        assertThat(s.get("alice").orElseThrow().lastChange()).isEqualTo(19500);
        assertThat(s.get("alice").orElseThrow().evidence("/etc/shadow").text()).isEqualTo("alice:<hash>:…");
        assertThat(s.malformed()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void groupMembershipCountsPrimaryAndSupplementaryGroups() {
        Group g = Group.parse("/etc/group", "sudo:x:27:alice, bob\nalice:x:1000:\nwheel:x:10:carol\nbad\n");
        Passwd p = Passwd.parse("/etc/passwd", "alice:x:1000:1000::/home/alice:/bin/bash\n");
        assertThat(g.groupsOf(p.entries().getFirst())).containsExactly("alice", "sudo");
        assertThat(g.get("sudo").orElseThrow().members()).containsExactly("alice", "bob");
        assertThat(g.malformed()).hasSize(1);
    }
}
