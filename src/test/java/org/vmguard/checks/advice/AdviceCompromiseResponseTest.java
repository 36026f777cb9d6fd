package org.vmguard.checks.advice;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmguard.core.Outcome;
import org.vmguard.testing.Evaluate;
import org.vmguard.testing.Tree;

class AdviceCompromiseResponseTest {

    @TempDir
    Path dir;

    @Test
    void givesTheStepsAndNamesTheQuarantineCommand() {
        Outcome o = Evaluate.on(new AdviceCompromiseResponse(), new Tree(dir).dir("/etc").host());
        assertThat(o).isInstanceOf(Outcome.Info.class);
        assertThat(o.reason()).contains("do not delete").contains("snapshot").contains("never relaunch");
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.text()).contains("vmguard cloud quarantine"));
        assertThat(AdviceCompromiseResponse.INFO.remediation()).contains("vmguard cloud quarantine");
    }
}
