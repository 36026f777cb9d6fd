package org.vmguard.checks.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.Host;
import org.vmguard.target.ExecResult;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tree;

/**
 * A test tree seen as a running host: files come from the tree, and a command runs the program of
 * that name from the tree's /usr/bin (a real process, usually a shell script standing in for
 * apt-get or dnf), so live-only checks can be driven through their whole path.
 */
final class LiveRoot extends RootfsTarget {

    private final Path root;

    LiveRoot(Path root) {
        super(root);
        this.root = root;
    }

    static Host host(Tree tree) {
        return new Host(new LiveRoot(tree.root()), () -> Tree.NOW);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCAL;
    }

    @Override
    public boolean canExec() {
        return true;
    }

    @Override
    public ExecResult exec(List<String> argv, Duration timeout) throws IOException {
        Path program = root.resolve("usr/bin").resolve(argv.getFirst());
        if (!Files.isExecutable(program)) {
            throw new IOException(argv.getFirst() + ": not found");
        }
        List<String> cmd = new ArrayList<>(argv);
        cmd.set(0, program.toString());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(argv.getFirst() + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new ExecResult(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8), false);
    }
}
