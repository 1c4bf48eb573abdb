package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What names one run on the command line, shared by {@code run} and {@code shrink} (a picocli
 * mixin): the scenario, the seed, the planted bug, and the explicit plan, workload and phase a
 * shrunk run's reproduce command sets.
 */
final class RunInputs {
  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario name (see `hourglass list`).")
  String scenarioName;

  @Option(names = "--seed", required = true, paramLabel = "S", converter = SeedConverter.class,
      description = "The seed, decimal or 0x hex.")
  long seed;

  @Option(names = "--bug", paramLabel = "NAME", description = "Switch on this planted bug.")
  String bug;

  @Option(names = "--plan", paramLabel = "FILE",
      description = "This fault plan (JSON, e.g. a failing seed's plan.json) instead of the one drawn from the seed.")
  Path planFile;

  @Option(names = "--operations", paramLabel = "N",
      description = "N operations in the safety phase instead of the scenario's default (a shrunk run's).")
  Integer operations;

  @Option(names = "--clients", paramLabel = "N", description = "N clients instead of the scenario's default (a shrunk run's).")
  Integer clients;

  @Option(names = "--safety", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Virtual length of the safety phase, e.g. 2500ms, instead of the scenario's default (a shrunk run's).")
  Duration safety;

  Scenario scenario() {
    return ScenarioInputs.scenario(scenarioName);
  }

  /** The scenario's default options with everything given here applied and checked. */
  RunOptions options(Scenario scenario) {
    return ScenarioInputs.workload(ScenarioInputs.options(scenario, bug, planFile), operations, clients, safety);
  }

  Optional<Path> planFile() {
    return Optional.ofNullable(planFile);
  }
}
