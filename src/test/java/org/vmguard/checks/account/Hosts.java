package org.vmguard.checks.account;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vmguard.core.TargetKind;
import org.vmguard.facts.Host;
import org.vmguard.target.RootfsTarget;
import org.vmguard.testing.Tree;

/** Hosts for the account tests: a tree seen as a running host, or with some paths unreadable. */
final class Hosts {

    private Hosts() {
    }

    /** The tree as a live host (local): for checks that judge only running hosts. */
    static Host live(Tree tree) {
        return new Host(new RootfsTarget(tree.root()) {
            @Override
            public TargetKind kind() {
                return TargetKind.LOCAL;
            }
        }, () -> Tree.NOW);
    }

    /**
     * The tree with these paths unreadable the way the kernel refuses a non-root reader: the target
     * throws AccessDeniedException, as RootfsTarget does for a real mode-0640 /etc/shadow.
     */
    static Host denying(Tree tree, String... paths) {
        Set<String> denied = Set.of(paths);
        return new Host(new RootfsTarget(tree.root()) {
            @Override
            public Optional<byte[]> read(String path) throws IOException {
                if (denied.contains(path)) {
                    throw new AccessDeniedException(path, null, "permission denied");
                }
                return super.read(path);
            }

            @Override
            public List<String> list(String dir) throws IOException {
                if (denied.contains(dir)) {
                    throw new AccessDeniedException(dir, null, "permission denied");
                }
                return super.list(dir);
            }
        }, () -> Tree.NOW);
    }

}
