package org.vmguard.facts.apt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code apt-config dump}, pointed at a root's etc/apt through APT_CONFIG, and the part
 * of its answer that a test configuration can have set (apt adds its own defaults).
 */
final class AptConfigOracle {

    static final List<String> ROOTS = List.of("unattended-upgrade", "foo", "apt::periodic");

    record Answer(int exit, String dump, String firstError) {
    }

    private AptConfigOracle() {
    }

    static Answer run(Path root) throws IOException, InterruptedException {
        Path boot = root.resolve("apt-config-boot.conf");
        Files.writeString(boot, "Dir::Etc \"" + root.resolve("etc/apt") + "/\";\n");
        ProcessBuilder pb = new ProcessBuilder("apt-config", "dump");
        pb.environment().put("APT_CONFIG", boot.toString());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("apt-config hung");
        }
        String stderr = new String(err, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("E: Syntax error (\\S+?):(\\d+):").matcher(stderr);
        String first = null;
        if (m.find()) {
            first = m.group(1).substring(root.toString().length()) + ":" + m.group(2);
        } else if (p.exitValue() != 0) {
            first = stderr.strip();
        }
        return new Answer(p.exitValue(), ours(new String(out, StandardCharsets.UTF_8)), first);
    }

    /**
     * Only the lines under the roots a test may set, grouped by root: apt's own defaults create
     * "APT" before any file is read, so the roots' relative order says nothing about the files.
     */
    static String ours(String dump) {
        StringBuilder b = new StringBuilder();
        for (String r : ROOTS) {
            for (String line : dump.split("\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith(r + " ") || lower.startsWith(r + "::")) {
                    b.append(line).append('\n');
                }
            }
        }
        return b.toString();
    }
}
