package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass list} and {@code hourglass run} over the test scenarios registered in src/test/resources. */
class ListAndRunCommandTest {
  private static final Pattern TRACE_HASH = Pattern.compile("(?m)^trace-hash=([0-9a-f]{16})$");

  /** A seed of the uncoordinated register that fails (the bug is caught within a few seeds). */
  private static final long FAILING_SEED = 1;

  @Test
  @DisplayName("list shows every registered scenario with its bugs, checker and fault kinds, and exits 0")
  void listShowsTheRegistry() {
    CliRun run = CliRun.of("list");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("test-register  a register on three servers;"), run::toString);
    assertTrue(run.out().contains("  bugs:    no-coordination\n"), run::toString);
    assertTrue(run.out().contains("  checker: linearizable(register)\n"), run::toString);
    assertTrue(run.out().contains("  faults:  partition, crash, pause, clock-skew, clog, message-loss\n"), run::toString);
    assertTrue(run.out().indexOf("test-nondeterministic") < run.out().indexOf("test-register"), "sorted by name");
    assertEquals("", run.err(), run::toString);
  }

  @Test
  @DisplayName("run prints the banner, outcome=PASS and a 16-hex-digit trace hash, and exits 0 for a passing seed")
  void runPassingSeed() {
    CliRun run = CliRun.of("run", "test-register", "--seed", "7");

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("scenario=test-register seed=0x0000000000000007 faults="), lines.get(0));
    assertEquals("outcome=PASS", lines.get(1));
    assertTrue(lines.get(2).matches("trace-hash=[0-9a-f]{16}"), lines.get(2));
  }

  @Test
  @DisplayName("run gives the same trace hash for a seed in decimal and in hex")
  void decimalAndHexSeedsAreTheSame() {
    assertEquals(traceHash(CliRun.of("run", "test-register", "--seed", "255")),
        traceHash(CliRun.of("run", "test-register", "--seed", "0xff")));
  }

  @Test
  @DisplayName("run of a failing seed exits 1 with the reason, the evidence, the plan and the reproduce command")
  void runFailingSeed() {
    CliRun run = CliRun.of("run", "test-register", "--seed", Long.toString(FAILING_SEED), "--bug", "no-coordination");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\noutcome=SAFETY_VIOLATION\n"), run::toString);
    assertTrue(run.out().contains("\nreason: linearizable(register) failed\n"), run::toString);
    assertTrue(run.out().contains("\nevidence:\n  INVALID\n"), run::toString);
    assertTrue(run.out().contains("cannot linearize"), run::toString);
    assertTrue(run.out().contains("\nplan (drawn from the seed):\n"), run::toString);
    assertTrue(run.out().endsWith("reproduce with: ./hourglass run test-register --seed " + Seeds.format(FAILING_SEED)
        + " --bug no-coordination\n"), run::toString);
  }

  @Test
  @DisplayName("run --trace writes the trace, virtual time and node on every line, matching the printed hash")
  void runWritesTrace(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("trace.txt");
    CliRun run = CliRun.of("run", "test-register", "--seed", "3", "--trace", file.toString());

    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = Files.readAllLines(file);
    assertTrue(lines.get(0).endsWith("trace-hash=" + traceHash(run)), lines.get(0));
    assertTrue(lines.size() > 100, "lines: " + lines.size());
    lines.subList(1, lines.size()).forEach(l -> assertTrue(l.matches("#\\d+ t=-?\\d+\\.\\d{9}s \\S+ \\S+ detail=-?\\d+"), l));
    assertTrue(run.err().contains("events written to " + file), run::toString);
  }

  @Test
  @DisplayName("run --plan replays a plan file; run --check-determinism catches the nondeterministic scenario")
  void runWithPlanAndDeterminismCheck(@TempDir Path dir) throws Exception {
    CliRun fuzz = CliRun.of("fuzz", "test-register", "--seed-list", Long.toString(FAILING_SEED), "--bug", "no-coordination",
        "--out", dir.toString());
    assertEquals(1, fuzz.exitCode(), fuzz::toString);
    Path plan = dir.resolve("test-register-" + Seeds.format(FAILING_SEED)).resolve("plan.json");
    CliRun withPlan = CliRun.of("run", "test-register", "--seed", Long.toString(FAILING_SEED), "--bug", "no-coordination",
        "--plan", plan.toString());
    CliRun without = CliRun.of("run", "test-register", "--seed", Long.toString(FAILING_SEED), "--bug", "no-coordination");
    assertEquals(traceHash(without), traceHash(withPlan), "the seed's own plan, made explicit, gives the same run");
    assertTrue(withPlan.out().contains("plan (explicit):"), withPlan::toString);
    assertTrue(withPlan.out().contains(" --plan " + plan), withPlan::toString);

    CliRun flaky = CliRun.of("run", "test-nondeterministic", "--seed", "1", "--check-determinism");
    assertEquals(1, flaky.exitCode(), flaky::toString);
    assertTrue(flaky.out().contains("\noutcome=NONDETERMINISM\n"), flaky::toString);
    assertTrue(flaky.out().contains("first divergent event #"), flaky::toString);
    assertEquals(0, CliRun.of("run", "test-nondeterministic", "--seed", "1").exitCode(), "one run alone passes");
  }

  @Test
  @DisplayName("run rejects an unknown scenario, a bad seed, an unknown bug and a bad plan with exit 64 and a clear message")
  void runRejectsBadInput(@TempDir Path dir) throws Exception {
    CliRun unknown = CliRun.of("run", "no-such-scenario", "--seed", "1");
    assertEquals(64, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().contains("unknown scenario 'no-such-scenario' (known scenarios: test-nondeterministic, "
        + "test-register;"), unknown::toString);
    assertEquals("", unknown.out());

    CliRun badSeed = CliRun.of("run", "test-register", "--seed", "0xnothex");
    assertEquals(64, badSeed.exitCode(), badSeed::toString);
    assertTrue(badSeed.err().contains("not a seed: '0xnothex'"), badSeed::toString);

    CliRun badBug = CliRun.of("run", "test-register", "--seed", "1", "--bug", "typo");
    assertEquals(64, badBug.exitCode(), badBug::toString);
    assertTrue(badBug.err().contains("has no planted bug 'typo' (its bugs: no-coordination)"), badBug::toString);

    CliRun missingPlan = CliRun.of("run", "test-register", "--seed", "1", "--plan", dir.resolve("nope.json").toString());
    assertEquals(64, missingPlan.exitCode(), missingPlan::toString);
    assertTrue(missingPlan.err().contains("no such file"), missingPlan::toString);

    Path wrongNode = dir.resolve("wrong-node.json");
    Files.writeString(wrongNode, "{\"faults\": [{\"atNanos\": 5, \"fault\": {\"kind\": \"crash\", \"node\": \"n9\"}}]}");
    CliRun badPlan = CliRun.of("run", "test-register", "--seed", "1", "--plan", wrongNode.toString());
    assertEquals(64, badPlan.exitCode(), badPlan::toString);
    assertTrue(badPlan.err().contains("names node 'n9', which is not a server"), badPlan::toString);

    Path notJson = dir.resolve("not-json.json");
    Files.writeString(notJson, "{\"faults\": [oops]}");
    CliRun garbled = CliRun.of("run", "test-register", "--seed", "1", "--plan", notJson.toString());
    assertEquals(64, garbled.exitCode(), garbled::toString);
    assertTrue(garbled.err().contains("not a fault plan"), garbled::toString);

    CliRun noSeed = CliRun.of("run", "test-register");
    assertEquals(64, noSeed.exitCode(), noSeed::toString);
  }

  static String traceHash(CliRun run) {
    Matcher m = TRACE_HASH.matcher(run.out());
    assertTrue(m.find(), () -> "no trace-hash line: " + run);
    return m.group(1);
  }
}
