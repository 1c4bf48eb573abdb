package dev.hourglass.testkit;

import java.time.Instant;

/**
 * Runs of the test scenario ({@link RegisterScenario}) for the seed corpus's tests, found by
 * search rather than written down, so they stay right when the scenario changes: the first seed
 * that fails with the planted bug, the first that passes with it, and a pass of the correct
 * register. Each is run once per test JVM.
 */
public final class CorpusSeeds {
  public static final String SCENARIO = "test-register";
  public static final String BUG = RegisterScenario.BUG;
  public static final Instant RECORDED = Instant.parse("2025-06-01T12:00:00Z");
  private static final long SEEDS_MAX = 200;

  private static RunResult failing;
  private static RunResult passingWithBug;
  private static RunResult passing;

  private CorpusSeeds() {}

  /** The first seed from 1 that fails with {@link #BUG}. */
  public static synchronized RunResult failing() {
    if (failing == null) {
      failing = first(true, true);
    }
    return failing;
  }

  /** The first seed from 1 that passes even with {@link #BUG}. */
  public static synchronized RunResult passingWithBug() {
    if (passingWithBug == null) {
      passingWithBug = first(true, false);
    }
    return passingWithBug;
  }

  /** Seed 1 of the correct register, which passes. */
  public static synchronized RunResult passing() {
    if (passing == null) {
      passing = first(false, false);
    }
    return passing;
  }

  public static SeedRecord record(RunResult result) {
    return SeedRecord.of(result, "a test of the seed corpus", RECORDED);
  }

  private static RunResult first(boolean bug, boolean failed) {
    Scenario scenario = new RegisterScenario();
    RunOptions options = bug ? scenario.defaultOptions().withBug(BUG) : scenario.defaultOptions();
    for (long seed = 1; seed <= SEEDS_MAX; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.outcome().failed() == failed) {
        return r;
      }
    }
    throw new IllegalStateException("no seed of 1.." + SEEDS_MAX + " of " + SCENARIO + (bug ? " --bug " + BUG : "")
        + (failed ? " fails" : " passes"));
  }
}
