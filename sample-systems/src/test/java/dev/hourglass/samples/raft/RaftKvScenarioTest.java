package dev.hourglass.samples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.linear.Verdict;
import dev.hourglass.disk.Disk;
import dev.hourglass.network.Network;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.Shrinker;
import dev.hourglass.testkit.World;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RaftKvScenarioTest {
  /** Seeds of the correct store's sweep: under 10 s on a quiet machine; campaigns run thousands with the seed runner. */
  static final int SWEEP_SEEDS = 1_000;
  /** The most seeds a planted bug may take to be found. */
  static final int BUG_SEEDS_MAX = 1_000;
  /** Candidate runs of each planted bug's shrink in the suite. */
  static final int SHRINK_RUNS_MAX = 150;

  private final RaftKvScenario scenario = new RaftKvScenario();

  private static String describe(RunResult r) {
    return r.banner() + "\n" + r.summary() + "\n" + r.plan().describe() + "\n"
        + r.check().map(CheckOutcome::explanation).orElse("");
  }

  @Test
  @DisplayName("the correct store passes " + SWEEP_SEEDS + " seeds of the standard fault mix, and its histories check valid")
  void correctStorePasses() {
    long started = System.nanoTime(); // wall clock of the test, not of the simulation
    long virtualNanos = 0;
    int operations = 0;
    for (long seed = 1; seed <= SWEEP_SEEDS; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, scenario.defaultOptions());
      assertEquals(Outcome.PASS, r.outcome(), () -> describe(r));
      assertEquals(Verdict.VALID, r.check().orElseThrow().verdict(), () -> describe(r));
      virtualNanos += r.virtualNanos();
      operations += r.history().operations().size();
    }
    double wallSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("raft-kv: %d seeds passed in %.1f s (%.1f ms/seed), %d operations, %.0f virtual s per wall s%n",
        SWEEP_SEEDS, wallSeconds, wallSeconds * 1000 / SWEEP_SEEDS, operations, virtualNanos / 1e9 / wallSeconds);
    assertTrue(operations > SWEEP_SEEDS * 100, "busy runs: " + operations + " operations");
  }

  @ParameterizedTest(name = "planted bug {0} is found within " + BUG_SEEDS_MAX + " seeds, the seed replays exactly, and it shrinks")
  @ValueSource(strings = {
    RaftConfig.VOTE_NOT_PERSISTED,
    RaftConfig.COMMIT_OLD_TERM,
    RaftConfig.STALE_LEADER_READ,
    RaftConfig.NO_PREV_LOG_CHECK,
    RaftConfig.NO_DEDUP
  })
  void plantedBugIsFound(String bug) {
    RunOptions options = scenario.defaultOptions().withBug(bug);
    RunResult found = null;
    for (long seed = 1; seed <= BUG_SEEDS_MAX && found == null; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.outcome().failed()) {
        found = r;
      }
    }
    assertTrue(found != null, bug + ": no seed in 1.." + BUG_SEEDS_MAX + " failed");
    RunResult first = found;
    assertEquals(Outcome.SAFETY_VIOLATION, first.outcome(), () -> describe(first));
    System.out.printf("raft-kv bug=%s found at seed %d: %s%n", bug, first.seed(), first.reason());
    RunResult replay = ScenarioRunner.run(scenario, first.seed(), options);
    assertEquals(first.traceHash(), replay.traceHash(), "the seed replays with the same trace hash");
    assertEquals(first.reason(), replay.reason());
    assertEquals(first.history().entries(), replay.history().entries());

    // 150 candidate runs keep the suite fast (no-dedup's long histories make its candidates the
    // slowest); `hourglass shrink` runs to a fixed point with its default budget.
    ShrinkResult shrunk = Shrinker.shrink(scenario, first, ShrinkOptions.defaults().withRunsMax(SHRINK_RUNS_MAX),
        ShrinkListener.none());
    System.out.printf("raft-kv bug=%s seed %d %s%n%s%n", bug, first.seed(), shrunk.summary(), shrunk.sideBySide());
    assertTrue(shrunk.shrunk(), () -> shrunk.summary() + "\n" + shrunk.sideBySide());
    assertTrue(shrunk.minimalSize().faults() < shrunk.originalSize().faults(),
        () -> "a smaller fault plan:\n" + shrunk.sideBySide());
    assertEquals(first.failureClass(), shrunk.minimal().failureClass());
    RunResult minimalAgain = ScenarioRunner.run(scenario, first.seed(), shrunk.minimalOptions());
    assertEquals(shrunk.minimal().traceHash(), minimalAgain.traceHash(), "the minimal run replays exactly");
    assertEquals(first.failureClass(), minimalAgain.failureClass());
  }

  @Test
  @DisplayName("the same seed twice gives the same trace, history and plan; another seed another run")
  void seedsReplay() {
    RunOptions options = scenario.defaultOptions();
    RunResult a = ScenarioRunner.run(scenario, 11, options);
    RunResult b = ScenarioRunner.run(scenario, 11, options);
    RunResult c = ScenarioRunner.run(scenario, 12, options);
    assertEquals(a.traceHash(), b.traceHash());
    assertEquals(a.history().entries(), b.history().entries());
    assertEquals(a.plan(), b.plan());
    assertTrue(a.traceHash() != c.traceHash(), "another seed explores another run");
    assertTrue(a.banner().contains("seed=" + Seeds.format(11)), a.banner());
  }

  @Test
  @DisplayName("messages survive a real wire: copying every message through JSON changes nothing in a run")
  void messagesSurviveTheWire() {
    RunOptions shared = scenario.defaultOptions();
    RunOptions copied = new RunOptions(shared.bug(), shared.plan(), shared.operationsMax(), shared.clients(),
        shared.safetyNanos(), shared.livenessNanos(), shared.livenessOpsMin(), shared.simulation(),
        shared.network().withCopyMessages(true), shared.disk());
    for (long seed = 1; seed <= 20; seed++) {
      RunResult a = ScenarioRunner.run(scenario, seed, shared);
      RunResult b = ScenarioRunner.run(scenario, seed, copied);
      assertEquals(Outcome.PASS, b.outcome(), () -> describe(b));
      assertEquals(a.traceHash(), b.traceHash(), "seed " + seed + ": a shared message behaves as a copied one");
    }
  }

  @Test
  @DisplayName("raft-kv is registered for the CLI, with its five planted bugs")
  void registered() {
    Optional<Scenario> found = ServiceLoader.load(Scenario.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(s -> s.name().equals(RaftKvScenario.NAME))
        .findFirst();
    assertTrue(found.isPresent(), "META-INF/services/dev.hourglass.testkit.Scenario lists raft-kv");
    assertEquals(RaftConfig.BUGS, found.get().bugs());
  }

  @Test
  @DisplayName("an unknown bug name is rejected, naming the ones there are")
  void unknownBugRejected() {
    Simulation sim = Simulation.create(1);
    World world = new World(sim, Network.attach(sim, scenario.defaultOptions().network()),
        Disk.attach(sim, scenario.defaultOptions().disk()), Optional.of("no-such-bug"));
    var e = assertThrows(IllegalArgumentException.class, () -> scenario.build(world));
    assertTrue(e.getMessage().contains(RaftConfig.COMMIT_OLD_TERM), e.getMessage());
  }
}
