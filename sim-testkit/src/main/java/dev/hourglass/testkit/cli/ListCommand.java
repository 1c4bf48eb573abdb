package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.FaultKind;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.Scenarios;
import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass list}: every registered scenario (DESIGN.md, "Command line") with its planted
 * bugs, checker and fault kinds — read from the registry, so docs that show this list can be
 * regenerated instead of drifting. Exit 0.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the registered scenarios with their planted bugs, checker and fault kinds.")
final class ListCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    List<Scenario> scenarios;
    try {
      scenarios = Scenarios.all();
    } catch (IllegalStateException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (scenarios.isEmpty()) {
      spec.commandLine().getErr().println("hourglass: no scenarios are registered (a module adds its scenarios by listing "
          + "their classes in " + Scenarios.SERVICE_FILE + ")");
    }
    for (Scenario s : scenarios) {
      out.println(s.name() + "  " + s.description());
      out.println("  bugs:    " + (s.bugs().isEmpty() ? "none" : String.join(", ", s.bugs())));
      out.println("  checker: " + s.checkerName());
      out.println("  faults:  " + faults(s));
    }
    return 0;
  }

  private static String faults(Scenario s) {
    if (s.faultKinds().isEmpty()) {
      return "none";
    }
    return EnumSet.copyOf(s.faultKinds()).stream().map(FaultKind::label).collect(Collectors.joining(", "));
  }
}
