package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.runlab.engine.RunResult;
import org.runlab.engine.Verdict;

class LocalEngineSmokeTest {
  @Test
  void runsHelloWorld() {
    RunResult r = SandboxFixture.run("import os\nprint('hi', os.getuid())");
    System.out.println(r);
    assertThat(r.verdict()).isEqualTo(Verdict.OK);
    assertThat(r.stdout()).isEqualTo("hi 65534\n");
  }
}
