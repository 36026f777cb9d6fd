package org.vmguard.checks.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class ImageHistoryTest {

    @TempDir
    Path dir;

    final ImageHistory check = new ImageHistory();

    @Test
    void passesWhenHistoriesAreEmptyOrAbsent() {
        var t = new Tree(dir).file("/root/.bash_history", "").file("/root/.bashrc", "# rc\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Pass.class);
    }

    @Test
    void failsForShellAndDatabaseHistories() {
        var t = new Tree(dir).file("/root/.bash_history", "mysql -uroot -phunter2\n")
                .file("/home/debian/.psql_history", "\\password\n");
        Outcome o = Evaluate.on(check, t.host());
        assertThat(o).isInstanceOf(Outcome.Fail.class);
        assertThat(o.evidence()).extracting(e -> e.path())
                .containsExactlyInAnyOrder("/root/.bash_history", "/home/debian/.psql_history");
    }

    @Test
    void reportsInfoOnALiveHost() {
        assertThat(Evaluate.on(check, new Tree(dir).file("/root/.bash_history", "ls\n").liveHost()))
                .isInstanceOf(Outcome.Info.class);
    }

    @Test
    void isAnErrorWhenTheHomeListCannotBeRead() {
        var t = new Tree(dir).symlink("/home", "/home");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Error.class);
    }

    @Test
    void aMalformedCloudCfgDoesNotStopIt() {
        var t = new Tree(dir).file("/root/.bash_history", "mysql -uroot -phunter2\n")
                .file("/etc/cloud/cloud.cfg", "datasource_list: [ OpenStack\n");
        assertThat(Evaluate.on(check, t.host())).isInstanceOf(Outcome.Fail.class);
        assertThat(Evaluate.on(new ImageCloudInit(), t.host())).isInstanceOf(Outcome.Error.class);
    }
}
