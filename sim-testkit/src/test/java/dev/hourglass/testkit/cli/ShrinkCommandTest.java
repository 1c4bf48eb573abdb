package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass shrink} over the test scenarios registered in src/test/resources. */
class ShrinkCommandTest {
  private static final Pattern REPRODUCE = Pattern.compile("(?m)^reproduce with: (.+)$");
  private static final Pattern MINIMAL_HASH = Pattern.compile("(?m)^minimal run: outcome=SAFETY_VIOLATION trace-hash=([0-9a-f]{16}) ");
  private static final Pattern TRACE_HASH = Pattern.compile("(?m)^trace-hash=([0-9a-f]{16})$");

  @TempDir Path out;

  @Test
  @DisplayName("shrink prints both runs side by side and a reproduce command that replays the minimal run exactly")
  void shrinksAndReproduces() throws IOException {
    CliRun run = CliRun.of("shrink", "test-register", "--seed", "1", "--bug", "no-coordination", "--out", out.toString());

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("shrink test-register seed=0x0000000000000001 bug=no-coordination: at most 400 runs"),
        run::toString);
    assertTrue(run.out().contains("\noriginal outcome: SAFETY_VIOLATION"), run::toString);
    assertTrue(run.out().contains("\nshrunk in "), run::toString);
    assertTrue(run.out().lines().anyMatch(l -> l.matches(" +original +minimal")), run::toString);
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("operations ")), run::toString);
    assertTrue(run.err().lines().allMatch(l -> l.startsWith("shrink: run ")), run::err);
    assertTrue(run.err().lines().count() > 3, "progress, one line per candidate: " + run.err());

    Matcher reproduce = REPRODUCE.matcher(run.out());
    assertTrue(reproduce.find(), run::toString);
    String command = reproduce.group(1);
    Path folder = out.resolve("shrink-test-register-0x0000000000000001");
    assertTrue(command.startsWith("./hourglass run test-register --seed 0x0000000000000001 --bug no-coordination --plan "
        + folder.resolve("minimal").resolve("plan.json")), command);
    assertTrue(command.contains(" --operations "), "the workload was cut: " + command);
    FaultPlan.fromJson(Files.readString(folder.resolve("original-plan.json")), "original-plan.json");
    assertTrue(Files.readString(folder.resolve("shrink.txt")).contains("reproduce with: " + command));

    Matcher minimal = MINIMAL_HASH.matcher(run.out());
    assertTrue(minimal.find(), run::toString);
    CliRun again = CliRun.command(command);
    assertEquals(1, again.exitCode(), again::toString);
    Matcher hash = TRACE_HASH.matcher(again.out());
    assertTrue(hash.find(), again::toString);
    assertEquals(minimal.group(1), hash.group(1), "the same run: " + again.out());
  }

  @Test
  @DisplayName("shrink is deterministic: the same seed prints the same minimal run")
  void sameSeedSameMinimalRun() {
    String[] args = {"shrink", "test-register", "--seed", "1", "--bug", "no-coordination", "--out", out.toString(), "--quiet"};
    CliRun a = CliRun.of(args);
    CliRun b = CliRun.of(args);
    assertEquals(0, a.exitCode(), a::toString);
    assertEquals("", a.err());
    // Everything but the wall-clock time in the summary line is the same.
    assertEquals(a.out().replaceAll("\\(\\d+ ms, ", "(_ ms, "), b.out().replaceAll("\\(\\d+ ms, ", "(_ ms, "));
  }

  @Test
  @DisplayName("shrink --record keeps the minimal run in the corpus with its plan and workload, once")
  void recordsTheMinimalRun() throws IOException {
    Path corpus = out.resolve("seeds");
    String[] args = {"shrink", "test-register", "--seed", "1", "--bug", "no-coordination", "--out", out.toString(), "--quiet",
        "--record", corpus.toString()};
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run::toString);
    Path file = corpus.resolve("test-register--no-coordination--0x1--shrunk.json");
    assertTrue(run.out().contains("\nrecorded: " + file + "\n"), run::toString);
    SeedRecord record = SeedRecord.read(file);
    assertTrue(record.plan().isPresent());
    assertTrue(record.operationsMax().isPresent(), "the cut workload is kept: " + record);
    assertEquals("SAFETY_VIOLATION linearizable(register)", record.failureClass());
    assertTrue(record.why().startsWith("shrunk by hourglass shrink test-register --seed 0x0000000000000001 --bug no-coordination from "),
        record.why());
    assertTrue(SeedCorpus.replay(record).matches(), "the record replays as recorded");

    CliRun again = CliRun.of(args);
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.out().contains("\nalready recorded: " + file + " (left as it is)\n"), again::toString);
  }

  @Test
  @DisplayName("a passing seed has nothing to shrink: exit 1 and says so")
  void passingSeed() {
    CliRun run = CliRun.of("shrink", "test-register", "--seed", "7", "--out", out.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("nothing to shrink: seed 0x0000000000000007 passed"), run::toString);
  }

  @Test
  @DisplayName("bad input exits 64 naming what is wrong")
  void badInput() {
    CliRun budget = CliRun.of("shrink", "test-register", "--seed", "1", "--runs-max", "0");
    assertEquals(64, budget.exitCode(), budget::toString);
    assertTrue(budget.err().contains("runsMax must be in 1..1000000"), budget::toString);

    CliRun bug = CliRun.of("shrink", "test-register", "--seed", "1", "--bug", "nope");
    assertEquals(64, bug.exitCode(), bug::toString);
    assertTrue(bug.err().contains("has no planted bug 'nope'"), bug::toString);

    CliRun clients = CliRun.of("shrink", "test-register", "--seed", "1", "--clients", "0");
    assertEquals(64, clients.exitCode(), clients::toString);
    assertTrue(clients.err().contains("--clients must be in 1..1024"), clients::toString);
  }

  @Test
  @DisplayName("run takes a shrunk run's workload and phase overrides, and rejects a plan that outlasts the safety phase")
  void runTakesOverrides() throws IOException {
    Path plan = out.resolve("late.json");
    Files.writeString(plan, "{\"faults\": [{\"atNanos\": 2000000000, \"fault\": {\"kind\": \"crash\", \"node\": \"n2\"}}]}");
    CliRun late = CliRun.of("run", "test-register", "--seed", "1", "--plan", plan.toString(), "--safety", "1s");
    assertEquals(64, late.exitCode(), late::toString);
    assertTrue(late.err().contains("not within the safety phase of 1.000000000s"), late::toString);

    CliRun small = CliRun.of("run", "test-register", "--seed", "1", "--operations", "3", "--clients", "1", "--safety", "500ms");
    assertEquals(0, small.exitCode(), small::toString);
  }
}
