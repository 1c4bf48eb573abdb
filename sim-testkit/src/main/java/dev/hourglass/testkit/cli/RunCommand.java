package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.internal.AtomicFiles;
import dev.hourglass.testkit.internal.ReproduceCommand;
import dev.hourglass.testkit.internal.SeedWork;
import dev.hourglass.testkit.internal.TraceText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass run <scenario> --seed S}: one seed, exactly as a campaign ran it (DESIGN.md,
 * "Command line"). Prints the run's banner, {@code outcome=…} and {@code trace-hash=<16 hex
 * digits>} each on its own line; on failure the reason, the evidence, the fault plan and the
 * reproduce command. Exit 0 pass, 1 fail, 64 bad input.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run one seed of a scenario and print its outcome and trace hash.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the seed passed", "1:the seed failed", "64:bad usage or unreadable input"})
final class RunCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private RunInputs inputs;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "Write the trace there: one event per line, with virtual time and node.")
  private Path traceFile;

  @Option(names = "--check-determinism",
      description = "Run the seed twice and compare the traces; a difference fails with outcome NONDETERMINISM "
          + "and names the first divergent event.")
  private boolean checkDeterminism;

  @Override
  public Integer call() {
    Scenario scenario = inputs.scenario();
    RunOptions options = inputs.options(scenario);
    long seed = inputs.seed;
    RunResult r = SeedWork.run(scenario, options, seed, checkDeterminism);
    PrintWriter out = spec.commandLine().getOut();
    out.println(r.banner());
    out.println("outcome=" + r.outcome());
    out.println("trace-hash=" + r.trace().hashHex());
    if (traceFile != null) {
      writeTrace(r);
    }
    if (!r.outcome().failed()) {
      if (!r.reason().isEmpty()) {
        out.println("note: " + r.reason());
      }
      return 0;
    }
    out.println("reason: " + r.reason());
    Optional<String> evidence = r.check().map(CheckOutcome::explanation).filter(e -> !e.isBlank());
    if (evidence.isPresent() && r.outcome() == Outcome.SAFETY_VIOLATION) {
      out.println("evidence:");
      evidence.get().lines().forEach(l -> out.println("  " + l));
    }
    out.println("plan (" + (options.plan().isPresent() ? "explicit" : "drawn from the seed") + "):");
    r.plan().describe().lines().forEach(l -> out.println("  " + l));
    out.println("reproduce with: " + ReproduceCommand.of(scenario.name(), seed, options, scenario.defaultOptions(),
        inputs.planFile(), r.outcome() == Outcome.NONDETERMINISM || checkDeterminism));
    return 1;
  }

  private void writeTrace(RunResult r) {
    try {
      AtomicFiles.write(traceFile, w -> TraceText.write(r.trace(), r.scenario() + " seed=" + Seeds.format(inputs.seed), w));
    } catch (IOException e) {
      throw new BadInputException("--trace: cannot write " + traceFile + ": " + e);
    }
    spec.commandLine().getErr().println("trace: " + r.trace().retainedCount() + " of " + r.trace().eventCount()
        + " events written to " + traceFile + (r.trace().complete() ? "" : " (truncated)"));
  }
}
