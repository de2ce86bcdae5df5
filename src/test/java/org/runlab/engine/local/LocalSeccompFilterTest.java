package org.runlab.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed BPF filter is exactly what its generator writes (python3-seccomp). */
class LocalSeccompFilterTest {
  @TempDir Path dir;

  @Test
  void committedFilterIsWhatTheGeneratorWrites() throws Exception {
    Path generator = dir.resolve("gen_seccomp.py");
    try (InputStream in = getClass().getResourceAsStream("gen_seccomp.py")) {
      Files.copy(in, generator);
    }
    Path generated = dir.resolve("seccomp.bpf");
    Process p =
        new ProcessBuilder("/usr/bin/python3", generator.toString(), generated.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    try (InputStream committed = getClass().getResourceAsStream(SandboxAssets.SECCOMP)) {
      assertThat(Files.readAllBytes(generated)).isEqualTo(committed.readAllBytes());
    }
  }
}
