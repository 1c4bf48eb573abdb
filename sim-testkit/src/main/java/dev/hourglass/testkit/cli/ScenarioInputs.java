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
