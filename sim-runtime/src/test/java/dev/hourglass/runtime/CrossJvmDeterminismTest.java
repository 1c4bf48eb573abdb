package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A seed means the same run in another JVM: no identity hashes, no JVM state, feed the trace. */
class CrossJvmDeterminismTest {

  @Test
  @Timeout(120)
  @DisplayName("a second JVM computes the same trace hashes for the same seeds")
  void sameHashInAnotherJvm() throws IOException, InterruptedException {
    List<String> seeds = List.of("0", "1", "42", "0xdeadbeef", "-1", "0x8000000000000000");
    List<String> expected = new ArrayList<>();
    for (String s : seeds) {
      long seed = Seeds.parse(s);
      expected.add(Seeds.format(seed) + " " + BusyCluster.run(seed).trace().hashHex());
    }

    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", TraceHashMain.class.getName()));
    command.addAll(seeds);
    Path stderr = Files.createTempFile("trace-hash-main", ".err");
    try {
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
      String err = Files.readString(stderr);
      assertEquals(0, process.exitValue(), "child failed:\n" + err);
      assertEquals(expected, out.lines().toList(), "stderr of the child:\n" + err);
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
