package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.internal.Nemesis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What {@code run} and {@code fuzz} share: a scenario looked up by name in the registry, and its
 * run options with {@code --bug} and {@code --plan} applied. Every problem is the user's input,
 * reported as exit 64 with a message that says what is known or expected.
 */
final class ScenarioInputs {
  private ScenarioInputs() {}

  static Scenario scenario(String name) {
    try {
      return Scenarios.byName(name);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** The scenario's default options with the bug and the plan file, if given, applied and checked. */
  static RunOptions options(Scenario scenario, String bug, Path planFile) {
    RunOptions options = scenario.defaultOptions();
    if (bug != null) {
      if (!scenario.bugs().contains(bug)) {
        throw new BadInputException("--bug: scenario " + scenario.name() + " has no planted bug '" + bug + "' (its bugs: "
            + (scenario.bugs().isEmpty() ? "none" : String.join(", ", scenario.bugs())) + ")");
      }
      options = options.withBug(bug);
    }
    if (planFile != null) {
      FaultPlan plan = readPlan(planFile);
      try {
        Nemesis.validate(plan, ScenarioRunner.servers(scenario, options));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(planFile + ": " + e.getMessage());
      }
      options = options.withPlan(plan);
    }
    return options;
  }

  /**
   * {@code options} with the workload and phase overrides of {@code run} and {@code shrink}
   * ({@code --operations}, {@code --clients}, {@code --safety}) applied; null means "not given".
   */
  static RunOptions workload(RunOptions options, Integer operations, Integer clients, java.time.Duration safety) {
    RunOptions o = options;
    if (operations != null) {
      if (operations < 0) {
        throw new BadInputException("--operations must be >= 0: --operations=" + operations);
      }
      o = o.withOperationsMax(operations);
    }
    if (clients != null) {
      if (clients < 1 || clients > 1024) {
        throw new BadInputException("--clients must be in 1..1024: --clients=" + clients);
      }
      o = o.withClients(clients);
    }
    if (safety != null) {
      o = o.withSafetyNanos(safety.toNanos());
    }
    if (o.plan().isPresent()) {
      long last = o.plan().get().faults().stream().mapToLong(dev.hourglass.testkit.TimedFault::atNanos).max().orElse(0);
      if (last >= o.safetyNanos()) {
        throw new BadInputException("the fault plan has a fault at " + dev.hourglass.runtime.Seeds.formatNanos(last)
            + ", not within the safety phase of " + dev.hourglass.runtime.Seeds.formatNanos(o.safetyNanos())
            + " (give a longer --safety)");
      }
    }
    return o;
  }

  private static FaultPlan readPlan(Path file) {
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException("--plan: cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException("--plan: cannot read " + file + ": " + e);
    }
    try {
      return FaultPlan.fromJson(json, file.toString());
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
  }
}
