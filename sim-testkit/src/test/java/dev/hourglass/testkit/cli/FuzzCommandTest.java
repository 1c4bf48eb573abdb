package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code hourglass fuzz} end to end through {@link HourglassCli#execute}. */
class FuzzCommandTest {
  @Test
  @DisplayName("fuzz with the planted bug exits 1 and prints every failing seed with its reproduce command")
  void fuzzFindsTheBug(@TempDir Path out) throws Exception {
    CliRun run = CliRun.of("fuzz", "test-register", "--seeds", "30", "--bug", "no-coordination", "--jobs", "2",
        "--out", out.toString());

    assertEquals(1, run.exitCode(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("fuzz test-register: 30 seeds from 0x0000000000000001, shard 0/1 (30 seeds), jobs=2, "
        + "bug=no-coordination"), lines.get(0));
    int failures = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FAIL seed=0x")) {
        failures++;
        String seed = lines.get(i).substring("FAIL seed=".length(), "FAIL seed=".length() + 18);
        assertEquals("  artifacts: " + out.resolve("test-register-" + seed), lines.get(i + 1));
        assertEquals("  reproduce with: ./hourglass run test-register --seed " + seed + " --bug no-coordination",
            lines.get(i + 2));
      }
    }
    assertTrue(failures > 0, run::toString);
    assertTrue(run.out().contains("\n30 of 30 seeds run: " + (30 - failures) + " passed, " + failures
        + " failed (SAFETY_VIOLATION=" + failures + ")"), run::toString);
    assertTrue(run.out().contains("\njunit: " + out.resolve("TEST-hourglass-test-register.xml") + "\n"), run::toString);
    assertTrue(run.out().contains("\nfailing seeds (" + failures + "):\n"), run::toString);
    assertTrue(run.err().contains("fuzz test-register: 30/30 seeds, " + failures + " failed, "), "progress: " + run.err());

    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(out.resolve("TEST-hourglass-test-register.xml").toFile());
    Element suite = xml.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals("30", suite.getAttribute("tests"));
    assertEquals(Integer.toString(failures), suite.getAttribute("failures"));
    assertEquals("0", suite.getAttribute("errors"));
    NodeList cases = suite.getElementsByTagName("testcase");
    assertEquals(30, cases.getLength());
    NodeList failed = suite.getElementsByTagName("failure");
    assertEquals(failures, failed.getLength());
    Element failure = (Element) failed.item(0);
    assertEquals("SAFETY_VIOLATION", failure.getAttribute("type"));
    assertTrue(failure.getTextContent().contains("reproduce with: ./hourglass run test-register --seed 0x"), failure::getTextContent);
    assertTrue(failure.getTextContent().contains("cannot linearize"), "evidence: " + failure.getTextContent());
    assertTrue(((Element) failure.getParentNode()).getAttribute("name").matches("seed=0x[0-9a-f]{16}"));

    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary-test-register.json").toFile());
    assertEquals(30, summary.get("seedsRun").asLong());
    assertEquals(failures, summary.get("failed").asLong());
    assertEquals(failures, summary.get("failedByOutcome").get("SAFETY_VIOLATION").asLong());
    assertEquals(failures, summary.get("failures").size());
    assertTrue(summary.get("failures").get(0).get("reproduce").asText().startsWith("./hourglass run test-register --seed 0x"));
    assertTrue(summary.get("seedsPerSecond").asDouble() > 0);
    assertTrue(summary.get("coverageNeverReached").isArray());
  }

  @Test
  @DisplayName("fuzz of the correct register exits 0 and writes the JUnit XML and summary under --out")
  void fuzzPasses(@TempDir Path out) throws Exception {
    CliRun run = CliRun.of("fuzz", "test-register", "--seeds", "12", "--start", "0x10", "--jobs", "2", "--out", out.toString());

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\n12 of 12 seeds run: 12 passed, 0 failed in "), run::toString);
    assertTrue(run.out().contains("\ncoverage never reached: none\n"), run::toString);
    assertTrue(Files.exists(out.resolve("TEST-hourglass-test-register.xml")));
    assertTrue(Files.exists(out.resolve("summary-test-register.json")));
    assertTrue(!run.out().contains("FAIL"), run::toString);
  }

  @Test
  @DisplayName("fuzz --shard names its outputs by shard, so shards can share an out dir")
  void fuzzShardOutputs(@TempDir Path out) throws Exception {
    CliRun run = CliRun.of("fuzz", "test-register", "--seeds", "10", "--shard", "1/3", "--out", out.toString());

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("shard 1/3 (3 seeds)"), run::toString);
    assertTrue(Files.exists(out.resolve("TEST-hourglass-test-register-shard-1-of-3.xml")));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary-test-register-shard-1-of-3.json").toFile());
    assertEquals(3, summary.get("seedsRun").asLong(), "indices 1, 4, 7 of 0..9");
  }

  @Test
  @DisplayName("fuzz --stop-at-first stops after a failure and says so")
  void fuzzStopAtFirst(@TempDir Path out) {
    CliRun run = CliRun.of("fuzz", "test-register", "--seeds", "500", "--bug", "no-coordination", "--stop-at-first",
        "--out", out.toString());

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\nstopped: at the first failure (--stop-at-first)\n"), run::toString);
  }

  @Test
  @DisplayName("fuzz --time stops a long campaign and exits 0 when what ran passed")
  void fuzzTimeBudget(@TempDir Path out) {
    CliRun run = CliRun.of("fuzz", "test-register", "--seeds", "1000000", "--time", "200ms", "--jobs", "2",
        "--check-determinism-every", "0", "--out", out.toString());

    assertTrue(run.out().contains("\nstopped: the time budget ran out\n"), run::toString);
    assertTrue(run.out().contains(" of 1000000 seeds run: "), run::toString);
  }

  @Test
  @DisplayName("fuzz catches the nondeterministic scenario with the self-check on every seed")
  void fuzzSelfCheck(@TempDir Path out) {
    CliRun run = CliRun.of("fuzz", "test-nondeterministic", "--seeds", "2", "--check-determinism-every", "1",
        "--out", out.toString());

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("outcome=NONDETERMINISM"), run::toString);
    assertTrue(run.out().contains("--check-determinism\n"), run::toString);
  }

  @Test
  @DisplayName("fuzz rejects an unknown scenario, bad seeds, a bad shard and bad counts with exit 64")
  void fuzzRejectsBadInput(@TempDir Path out) throws Exception {
    String dir = out.toString();
    assertBadInput("unknown scenario 'nope'", "fuzz", "nope", "--seeds", "5", "--out", dir);
    assertBadInput("not a seed: 'x12'", "fuzz", "test-register", "--seeds", "5", "--start", "x12", "--out", dir);
    assertBadInput("not a shard: '3/3'", "fuzz", "test-register", "--seeds", "5", "--shard", "3/3", "--out", dir);
    assertBadInput("not a shard: 'half'", "fuzz", "test-register", "--seeds", "5", "--shard", "half", "--out", dir);
    assertBadInput("not a shard: '1/0'", "fuzz", "test-register", "--seeds", "5", "--shard", "1/0", "--out", dir);
    assertBadInput("--seeds must be >= 1", "fuzz", "test-register", "--seeds", "0", "--out", dir);
    assertBadInput("Missing required option: '--seeds=N'", "fuzz", "test-register", "--out", dir);
    assertBadInput("--seed-list replaces --seeds", "fuzz", "test-register", "--seeds", "3", "--seed-list", "1,2", "--out", dir);
    assertBadInput("--jobs must be in 1..1024", "fuzz", "test-register", "--seeds", "3", "--jobs", "0", "--out", dir);
    assertBadInput("has no planted bug 'typo'", "fuzz", "test-register", "--seeds", "3", "--bug", "typo", "--out", dir);
    assertBadInput("not a duration", "fuzz", "test-register", "--seeds", "3", "--time", "soon", "--out", dir);
    Path file = out.resolve("a-file");
    Files.writeString(file, "");
    assertBadInput("--out: cannot create " + file, "fuzz", "test-register", "--seeds", "3", "--out", file.toString());
  }

  private static void assertBadInput(String message, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(64, run.exitCode(), run::toString);
    assertTrue(run.err().contains(message), () -> "expected '" + message + "' in: " + run);
    assertTrue(!run.out().contains("seeds run"), run::toString);
  }
}
