package org.vmguard.checks.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Tree;

/** Small sshd trees for the ssh check tests: a Debian-style layout with the drop-in Include. */
final class SshFixture {

    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            alice:x:1000:1000:Alice:/home/alice:/bin/bash
            """;
    static final String GROUP = """
            root:x:0:
            wheel:x:10:root,alice
            alice:x:1000:
            """;

    private SshFixture() {
    }

    /** A tree whose sshd_config is {@code config}, with passwd and group files. */
    static Tree tree(Path dir, String config) {
        return new Tree(dir).file("/etc/ssh/sshd_config", config).file("/etc/passwd", PASSWD)
                .file("/etc/group", GROUP).file("/usr/sbin/sshd", "OpenSSH_9.2p1 stand-in binary\n");
    }

    static Outcome.Fail failed(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        return (Outcome.Fail) o;
    }
}
