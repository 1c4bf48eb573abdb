package dev.hourglass.samples.kraft27;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.Shrinker;
import dev.hourglass.testkit.junit.SeedContext;
import dev.hourglass.testkit.junit.SimulationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Kraft27ScenarioTest {
  /** The first failing seed of the as-shipped 2.7.2 is 0x2 (scenario defaults); allow some slack. */
  static final int SEEDS_MAX = 50;
  static final int SHRINK_RUNS_MAX = 120;

  private final Kraft27Scenario scenario = new Kraft27Scenario();

  private static String describe(RunResult r) {
    return r.banner() + "\n" + r.summary() + "\n" + r.plan().describe() + "\n"
        + r.check().map(CheckOutcome::explanation).orElse("");
  }

  /** The failures KAFKA-10533 causes: a committed entry replaced, or a follower's log going back. */
  static boolean isKafka10533(RunResult r) {
    return r.reason().contains("agreement on the committed prefix")
        || r.reason().contains("Non-monotonic update to end offset")
        || r.reason().contains("high watermark never goes back");
  }

  @Test
  @DisplayName("kafka-raft 2.7.2 never flushes its log: a crash loses committed entries (KAFKA-10533); the seed replays and shrinks to crashes")
  void kafka10533IsFound() {
    RunResult found = null;
    for (long seed = 1; seed <= SEEDS_MAX && found == null; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, scenario.defaultOptions());
      if (r.outcome().failed()) {
        found = r;
      }
    }
    assertNotNull(found, "kafka-raft 2.7.2 survived " + SEEDS_MAX + " seeds");
    RunResult first = found;
    assertTrue(isKafka10533(first), () -> describe(first));
    assertTrue(first.swarm().describe().contains("crash"), () -> "lost unflushed data needs a crash: " + describe(first));
    RunResult replay = ScenarioRunner.run(scenario, first.seed(), first.options());
    assertEquals(first.traceHash(), replay.traceHash(), "the seed replays exactly");
    ShrinkResult shrunk = Shrinker.shrink(scenario, first, ShrinkOptions.defaults().withRunsMax(SHRINK_RUNS_MAX), ShrinkListener.none());
    System.out.printf("kraft-2.7 seed %s: %s%n%s%n", Long.toHexString(first.seed()), shrunk.summary(), shrunk.sideBySide());
    assertEquals(first.failureClass(), shrunk.minimal().failureClass(), () -> shrunk.sideBySide());
    assertTrue(shrunk.minimal().plan().describe().contains("crash"), () -> "the minimal plan keeps a crash:\n" + shrunk.sideBySide());
  }

  /** One JUnit test per seed (an IDE re-runs one seed; -Dhourglass.seed=S picks it from the command line). */
  @SimulationTest(seeds = 30)
  @DisplayName("with every append flushed, the same seeds no longer lose committed entries")
  void flushingEveryAppendRemovesKafka10533(SeedContext seed) {
    RunResult r = seed.run(scenario, scenario.defaultOptions().withBug(Kraft27Scenario.FSYNC_EVERY_APPEND));
    assertTrue(!isKafka10533(r), () -> describe(r));
  }

  @Test
  @DisplayName("a fault-free run of kafka-raft 2.7.2 elects, commits and checks; a seed replays to the same trace hash")
  void faultFreeRunCommits() {
    RunResult r = ScenarioRunner.run(scenario, 7, scenario.defaultOptions().withPlan(FaultPlan.empty()));
    assertEquals(Outcome.PASS, r.outcome(), () -> describe(r));
    DeterminismCheck.Report report = DeterminismCheck.check(3, s -> ScenarioRunner.run(scenario, s, scenario.defaultOptions()).trace());
    assertTrue(report.deterministic(), report.describe());
    assertNotEquals(ScenarioRunner.run(scenario, 3, scenario.defaultOptions()).traceHash(),
        ScenarioRunner.run(scenario, 4, scenario.defaultOptions()).traceHash(), "another seed explores another run");
  }

  @Test
  @DisplayName("scenario kraft-2.7 is registered for the CLI")
  void registered() {
    assertTrue(Scenarios.names().contains(Kraft27Scenario.NAME), Scenarios.names().toString());
  }
}
