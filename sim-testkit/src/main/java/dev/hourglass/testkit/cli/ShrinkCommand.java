package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.ShrinkResult.StopReason;
import dev.hourglass.testkit.Shrinker;
import dev.hourglass.testkit.internal.ArtifactFolder;
import dev.hourglass.testkit.internal.AtomicFiles;
import dev.hourglass.testkit.internal.ReproduceCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass shrink <scenario> --seed S [--bug NAME]} (DESIGN.md, "Command line"): shrinks a
 * failing seed to a smaller run that fails the same way and prints the original and the minimal
 * fault plan and workload side by side, then the reproduce command of the minimal run. Progress,
 * one line per candidate run, goes to stderr. The minimal run's artifact folder (its {@code
 * plan.json} is what the reproduce command's {@code --plan} names), the original plan and the
 * side-by-side text are written under {@code --out}; with {@code --record}, the minimal run is kept in
 * the seed corpus. Exit 0 a failing minimal run was printed · 1
 * the seed did not fail (or did not fail again with its plan given explicitly) · 64 bad input.
 */
@Command(
    name = "shrink",
    mixinStandardHelpOptions = true,
    description = "Shrink a failing seed: the smallest fault plan and workload found that still fail the same way.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:a smaller (or no smaller) failing run was printed with its reproduce command",
        "1:the seed did not fail, so there is nothing to shrink", "64:bad usage or unreadable input"})
final class ShrinkCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Mixin private RunInputs inputs;

  @Option(names = "--runs-max", paramLabel = "N", defaultValue = "" + ShrinkOptions.RUNS_MAX_DEFAULT,
      description = "Candidate runs at most (default: ${DEFAULT-VALUE}).")
  private int runsMax;

  @Option(names = "--time", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10m",
      description = "Wall-clock budget (default: ${DEFAULT-VALUE}); the runs budget keeps the search deterministic, "
          + "this one only stops a slow search.")
  private Duration time;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "hourglass-out",
      description = "Where the shrink's folder goes: <DIR>/shrink-<scenario>-<seed> (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--quiet", description = "No progress lines on stderr.")
  private boolean quiet;

  @Option(names = "--record", arity = "0..1", fallbackValue = SeedCorpus.DIRECTORY, paramLabel = "DIR",
      description = "Keep the minimal run in the seed corpus DIR (default when given without a value: "
          + "${FALLBACK-VALUE}), with its explicit plan and workload; an existing record of it is left as it is.")
  private Path recordDir;

  @Override
  public Integer call() {
    Scenario scenario = inputs.scenario();
    RunOptions options = inputs.options(scenario);
    long seed = inputs.seed;
    ShrinkOptions limits;
    try {
      limits = new ShrinkOptions(runsMax, time);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--runs-max: " + e.getMessage());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    stdout.println("shrink " + scenario.name() + " seed=" + Seeds.format(seed) + options.bug().map(b -> " bug=" + b).orElse("")
        + ": at most " + limits.runsMax() + " runs, time budget " + CampaignPrinter.human(limits.timeBudget()));
    stdout.flush();
    ShrinkListener progress = quiet ? ShrinkListener.none() : step -> {
      stderr.println("shrink: " + step.describe());
      stderr.flush();
    };
    ShrinkResult r = Shrinker.shrink(scenario, seed, options, limits, progress);
    stdout.println("original: " + r.original().banner());
    stdout.println("original outcome: " + r.original().outcome()
        + (r.original().reason().isEmpty() ? "" : " (" + r.original().reason() + ")"));
    stdout.println(r.summary());
    if (r.stoppedBy() == StopReason.DID_NOT_FAIL || r.stoppedBy() == StopReason.NOT_REPRODUCIBLE) {
      return 1;
    }
    stdout.println(r.sideBySide());
    Path folder = out.resolve("shrink-" + scenario.name() + "-" + Seeds.format(seed));
    Path minimalFolder = folder.resolve("minimal");
    String reproduce = ReproduceCommand.of(scenario.name(), seed, r.minimalOptions(), scenario.defaultOptions(),
        Optional.of(minimalFolder.resolve("plan.json")), false);
    try {
      Files.createDirectories(folder);
      AtomicFiles.writeString(folder.resolve("original-plan.json"), r.original().plan().toJson() + "\n");
      AtomicFiles.writeString(folder.resolve("shrink.txt"), r.summary() + "\n" + r.sideBySide() + "\nreproduce with: "
          + reproduce + "\n");
      ArtifactFolder.write(minimalFolder, r.minimal(), reproduce);
    } catch (IOException e) {
      throw new BadInputException("--out: cannot write " + folder + ": " + e);
    }
    stdout.println("minimal run: outcome=" + r.minimal().outcome() + " trace-hash=" + r.minimal().trace().hashHex()
        + " reason=" + r.minimal().reason());
    stdout.println("artifacts: " + minimalFolder);
    stdout.println("reproduce with: " + reproduce);
    if (recordDir != null) {
      record(scenario, r, stdout);
    }
    return 0;
  }

  /** Writes the minimal run's seed record, unless its file exists, and says which it was. */
  @OutsideSimulation("stamps the record with the wall-clock time it was recorded; runs in the CLI, between simulations")
  private void record(Scenario scenario, ShrinkResult r, PrintWriter stdout) {
    SeedRecord record;
    try {
      record = SeedRecord.of(r.minimal(), "shrunk by hourglass shrink " + scenario.name() + " --seed "
          + Seeds.format(inputs.seed) + r.minimalOptions().bug().map(b -> " --bug " + b).orElse("") + " from "
          + r.originalSize().describe() + " to " + r.minimalSize().describe(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--record: " + e.getMessage());
    }
    Path file = recordDir.resolve(record.fileName());
    if (Files.exists(file)) {
      stdout.println("already recorded: " + file + " (left as it is)");
      return;
    }
    try {
      SeedCorpus.write(recordDir, record);
    } catch (UncheckedIOException e) {
      throw new BadInputException("--record: " + e.getMessage());
    }
    stdout.println("recorded: " + file);
  }
}
