package org.vmguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real postfix (Debian's master and smtpd) with a config, queue and data directory of its own,
 * run in the foreground inside a test namespace. Nothing it accepts is ever delivered; it logs to
 * a file of its own. Its directory's parents must let the postfix user through (mode 755).
 *
 * @param dir the instance's directory
 * @param conf its config directory (main.cf, master.cf)
 */
public record PostfixInstance(Path dir, Path conf) {

    /** The internal services postfix needs to start and to answer a client; none listens on the network. */
    static final String UNIX_SERVICES = """
            pickup    unix  n       -       n       60      1       pickup
            cleanup   unix  n       -       n       -       0       cleanup
            qmgr      unix  n       -       n       300     1       qmgr
            rewrite   unix  -       -       n       -       -       trivial-rewrite
            bounce    unix  -       -       n       -       0       bounce
            defer     unix  -       -       n       -       0       bounce
            trace     unix  -       -       n       -       0       bounce
            verify    unix  -       -       n       -       1       verify
            flush     unix  n       -       n       1000?   0       flush
            proxymap  unix  -       -       n       -       -       proxymap
            showq     unix  n       -       n       -       -       showq
            error     unix  -       -       n       -       -       error
            retry     unix  -       -       n       -       -       error
            discard   unix  -       -       n       -       -       discard
            anvil     unix  -       -       n       -       1       anvil
            scache    unix  -       -       n       -       1       scache
            postlog   unix-dgram n  -       n       -       1       postlogd
            """;

    /**
     * Writes main.cf (with {@code settings}, e.g. an inet_interfaces line, from its third line on;
     * inet_protocols is all unless they set it) and master.cf ({@code inetServices}, then the
     * internal services).
     */
    public static PostfixInstance configure(Path dir, String settings, String inetServices) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("queue"));
        Path data = Files.createDirectories(dir.resolve("data"));
        assertThat(Netns.run(List.of("chown", "postfix", data.toString())).code()).isZero();
        Files.writeString(conf.resolve("main.cf"), """
                compatibility_level = 3.6
                myhostname = %1$s.test.invalid
                %2$s
                queue_directory = %3$s/queue
                data_directory = %3$s/data
                maillog_file = %3$s/maillog
                maillog_file_prefixes = %3$s
                mynetworks = 127.0.0.0/8
                default_transport = discard:test
                relay_transport = discard:test
                local_transport = discard:test
                disable_dns_lookups = yes
                alias_maps =
                alias_database =
                """.formatted(dir.getFileName(), settings.contains("inet_protocols") ? settings
                        : settings + "\ninet_protocols = all", dir));
        Files.writeString(conf.resolve("master.cf"), inetServices + "\n" + UNIX_SERVICES);
        return new PostfixInstance(dir, conf);
    }

    /** `postfix -c CONF start-fg` in the namespace; the namespace ends it. */
    public Process start(Netns ns) throws IOException {
        Tools.require("/usr/sbin/postfix");
        return ns.start(dir.resolve("out.log"), "/usr/sbin/postfix", "-c", conf.toString(), "start-fg");
    }

    /** The pid master wrote, once it runs. */
    public int masterPid() throws IOException {
        return Integer.parseInt(Files.readString(dir.resolve("queue/pid/master.pid")).strip());
    }

    /** What it logged so far, for failure messages. */
    public String log() throws IOException {
        Path log = dir.resolve("maillog");
        return Files.exists(log) ? Files.readString(log) : "(no maillog yet)";
    }
}
