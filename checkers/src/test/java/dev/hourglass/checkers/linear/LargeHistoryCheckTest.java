package dev.hourglass.checkers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LargeHistoryCheckTest {
  private static String runInSmallHeap(boolean planted) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        BoundedHeapCheck.class.getName(), "100000", "100", Boolean.toString(planted)))
        .redirectErrorStream(true)
        .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(done, "the check did not finish in 120 s: " + out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  @DisplayName("a generated 100,000-operation history over 100 keys is checked VALID within a 512 MiB heap")
  void hundredThousandOperationsIn512MiB() throws Exception {
    String out = runInSmallHeap(false);
    assertTrue(out.contains("verdict=VALID operations=100000 partitions=100 maxHeapMiB=512"), out);
  }

  @Test
  @DisplayName("the same history with one stale read planted is INVALID within a 512 MiB heap")
  void plantedStaleReadIsFound() throws Exception {
    String out = runInSmallHeap(true);
    assertTrue(out.contains("verdict=INVALID"), out);
  }

  @Test
  @DisplayName("small generated histories are linearizable by construction, and a planted stale read is not")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void generatorIsSound() {
    for (long seed = 1; seed <= 30; seed++) {
      var ok = HistoryGenerator.keyValue(300, 6, 3, seed, false);
      assertEquals(Verdict.VALID, LinearizabilityChecker.check(ok, (Model) Models.keyValue(java.util.Map.of()), CheckOptions.defaults()).verdict(), "seed " + seed);
      var bad = HistoryGenerator.keyValue(300, 6, 3, seed, true);
      assertEquals(Verdict.INVALID, LinearizabilityChecker.check(bad, (Model) Models.keyValue(java.util.Map.of()), CheckOptions.defaults()).verdict(), "seed " + seed);
    }
  }
}
