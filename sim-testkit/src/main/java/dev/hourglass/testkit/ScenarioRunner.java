package dev.hourglass.testkit;

import dev.hourglass.testkit.internal.SeedRun;
import java.util.List;

/** Runs one seed of a scenario: the entry point for tests, the seed runner and the CLI. */
public final class ScenarioRunner {
  private ScenarioRunner() {}

  /** Runs {@code scenario} for {@code seed} with {@code options}; never throws for a failing run. */
  public static RunResult run(Scenario scenario, long seed, RunOptions options) {
    return SeedRun.run(scenario, seed, options);
  }

  /** The scenario's server names, for validating an explicit fault plan before a campaign. */
  public static List<String> servers(Scenario scenario, RunOptions options) {
    return SeedRun.serverNames(scenario, options);
  }
}
