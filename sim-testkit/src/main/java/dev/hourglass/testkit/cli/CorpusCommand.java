package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.SeedCorpus;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass corpus}: the seed regression corpus ({@code seeds/}, {@link SeedCorpus}).
 * {@code corpus check} replays every record; {@code corpus refind} finds new seeds for records
 * whose seed no longer shows what was recorded. Both read the whole corpus first and stop with
 * exit 64, naming the file, at the first record that cannot be read or replayed here (malformed,
 * an unknown scenario or bug, a plan naming a node the scenario does not have).
 */
@Command(
    name = "corpus",
    mixinStandardHelpOptions = true,
    description = "Replay the seed corpus (check) or find new seeds for records that no longer hold (refind).",
    subcommands = {CorpusCheckCommand.class, CorpusRefindCommand.class})
final class CorpusCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: check or refind");
  }

  /** A record that can be replayed here: its scenario is registered and takes its options. */
  record Loaded(SeedCorpus.Entry entry, Scenario scenario) {
    String name() {
      return entry.file().getFileName().toString();
    }
  }

  /** Every record of {@code dir}, each checked to be replayable; bad input names the file. */
  static List<Loaded> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("the seed corpus " + dir + " is not a directory (expected the directory of "
          + "record files, e.g. seeds)");
    }
    List<SeedCorpus.Entry> entries;
    try {
      entries = SeedCorpus.load(dir);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new BadInputException(e.getMessage());
    }
    return entries.stream().map(e -> {
      try {
        Scenario scenario = Scenarios.byName(e.record().scenario());
        e.record().runOptions(scenario);
        return new Loaded(e, scenario);
      } catch (IllegalArgumentException | IllegalStateException x) {
        throw new BadInputException(e.file() + ": cannot replay this record here: " + x.getMessage());
      }
    }).toList();
  }
}
