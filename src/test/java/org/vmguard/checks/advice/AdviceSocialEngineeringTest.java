package org.vmguard.checks.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class AdviceSocialEngineeringTest {

    @TempDir
    Path dir;

    @Test
    void isAlwaysAdviceAboutSharingSecrets() {
        Outcome o = Evaluate.on(new AdviceSocialEngineering(), new Tree(dir).dir("/etc").host());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("password manager").contains("phishing");
        assertThat(Evaluate.on(new AdviceSocialEngineering(), new Tree(dir.resolve("live")).liveHost())).isInstanceOf(Outcome.Info.class);
    }
}
