package org.vmguard.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.testing.Tree;

class RootfsTargetTest {

    @TempDir
    Path dir;

    @Test
    void absoluteSymlinksResolveInsideTheRoot() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host secret");
        Tree t = new Tree(dir.resolve("root")).file("/secret", "image secret")
                .symlink("/etc/link", "/secret")
                .symlink("/etc/escape", "../../../../outside/secret")
                .symlink("/etc/abs-escape", outside.resolve("secret").toString());
        RootfsTarget target = new RootfsTarget(t.root());
        assertThat(text(target, "/etc/link")).isEqualTo("image secret");
        // ".." stops at the image root, so this names /outside/secret inside the image: absent
        assertThat(target.read("/etc/escape")).isEmpty();
        assertThat(target.read("/etc/abs-escape")).isEmpty();
    }

    @Test
    void aSymlinkLoopIsAnErrorNotAHang() {
        Tree t = new Tree(dir).symlink("/a", "/b").symlink("/b", "/a");
        RootfsTarget target = new RootfsTarget(t.root());
        assertThatThrownBy(() -> target.read("/a")).isInstanceOf(IOException.class).hasMessageContaining("symbolic links");
    }

    @Test
    void statDoesNotFollowTheLastLinkAndReportsModes() throws IOException {
        Tree t = new Tree(dir).file("/etc/shadow", "root:*:1::::::\n").mode("/etc/shadow", "rw-r-----")
                .symlink("/etc/s", "/etc/shadow");
        RootfsTarget target = new RootfsTarget(t.root());
        assertThat(target.stat("/etc/shadow")).get().satisfies(s -> {
            assertThat(s.octal()).isEqualTo("0640");
            assertThat(s.isRegularFile()).isTrue();
        });
        assertThat(target.stat("/etc/s")).get().satisfies(s -> assertThat(s.isSymlink()).isTrue());
        assertThat(target.readLink("/etc/s")).contains("/etc/shadow");
    }

    @Test
    void listingIsSortedAndMissingDirectoriesAreEmpty() throws IOException {
        Tree t = new Tree(dir).file("/d/b", "").file("/d/a", "");
        RootfsTarget target = new RootfsTarget(t.root());
        assertThat(target.list("/d")).containsExactly("a", "b");
        assertThat(target.list("/nope")).isEmpty();
    }

    @Test
    void neverRunsTheImagesPrograms() {
        RootfsTarget target = new RootfsTarget(dir);
        assertThat(target.canExec()).isFalse();
        assertThatThrownBy(() -> target.exec(java.util.List.of("/bin/true"), java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IOException.class);
    }

    private static String text(Target t, String path) throws IOException {
        return new String(t.read(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void aPathWithANulByteNamesNoFileInsteadOfThrowingAnInternalError() throws IOException {
        // a home directory field "/R\0OOT" in a hostile /etc/passwd: no file can have that name
        Tree t = new Tree(dir).file("/R", "r\n");
        for (Target target : java.util.List.of(new RootfsTarget(t.root()), new LocalTarget())) {
            assertThat(target.read("/R\0OOT")).isEmpty();
            assertThat(target.stat("/R\0OOT")).isEmpty();
            assertThat(target.list("/R\0OOT")).isEmpty();
            assertThat(target.readLink("/R\0OOT")).isEmpty();
            assertThat(target.open("/R\0OOT")).isEmpty();
        }
    }
}
