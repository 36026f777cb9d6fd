package org.vmguard.facts.bantools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.vmguard.facts.ParseError;
import org.vmguard.testing.Netns;
import org.vmguard.testing.Tools;

/** The DT_NEEDED reader against `readelf -d` on this machine's binaries. */
class ElfNeededTest {

    @ParameterizedTest
    @ValueSource(strings = {"/usr/sbin/sshd", "/bin/ls", "/usr/bin/ssh", "/usr/sbin/ip", "/bin/true"})
    void listsTheSameLibrariesAsReadelf(String bin) throws Exception {
        Tools.require("/usr/bin/readelf");
        Tools.require(bin);
        Netns.Result r = Netns.run(List.of("readelf", "-d", bin));
        List<String> theirs = new ArrayList<>();
        Matcher m = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[([^\\]]+)\\]").matcher(r.out());
        while (m.find()) {
            theirs.add(m.group(1));
        }
        assertThat(ElfNeeded.needed(bin, Files.readAllBytes(Path.of(bin)))).isEqualTo(theirs);
    }

    @Test
    void debiansSshdLinksLibwrap() throws Exception {
        Path sshd = Tools.require("/usr/sbin/sshd");
        assertThat(ElfNeeded.needed("/usr/sbin/sshd", Files.readAllBytes(sshd))).anyMatch(n -> n.startsWith("libwrap.so"));
    }

    @Test
    void aTruncatedFileIsAParseErrorNamingIt() throws Exception {
        byte[] ls = Files.readAllBytes(Path.of("/bin/ls"));
        byte[] cut = java.util.Arrays.copyOf(ls, 200);
        assertThatThrownBy(() -> ElfNeeded.needed("/usr/sbin/sshd", cut)).isInstanceOf(ParseError.class)
                .hasMessageContaining("/usr/sbin/sshd");
        assertThatThrownBy(() -> ElfNeeded.needed("/x", "#!/bin/sh\n".getBytes())).isInstanceOf(ParseError.class)
                .hasMessageContaining("not an ELF file");
    }
}
