package dev.hourglass.testkit.internal;

import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.SeedRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reproduce command of a seed record ({@code ./hourglass run <scenario> --seed … [--bug …]
 * [--plan FILE] [--operations N] [--clients N] [--safety D]}), for the corpus's failing tests and
 * {@code hourglass corpus check}. {@code run --plan} reads a plain fault plan, not a record, so a
 * record's plan is first written to a file of its own in a scratch directory (never into the
 * corpus, whose every {@code .json} file must be a record).
 */
public final class RecordReproduce {
  private RecordReproduce() {}

  /**
   * The command; writes the record's plan, if it has one, to {@code planDir}/{@code <file
   * name>.plan.json} first. If that file cannot be written the command still names it, followed by
   * a note on where the plan is.
   *
   * @throws IllegalArgumentException if the record's scenario is not registered
   */
  public static String command(SeedRecord record, Path planDir) {
    Scenario scenario = Scenarios.byName(record.scenario());
    Optional<Path> planFile = Optional.empty();
    String note = "";
    if (record.plan().isPresent()) {
      String name = record.fileName();
      Path file = planDir.resolve(name.substring(0, name.length() - ".json".length()) + ".plan.json");
      planFile = Optional.of(file);
      try {
        AtomicFiles.writeString(file, record.plan().get().toJson() + "\n");
      } catch (IOException e) {
        note = "  (could not write the plan there: " + e + "; it is the \"plan\" field of the record)";
      }
    }
    return ReproduceCommand.of(record.scenario(), record.seed(), record.runOptions(scenario), scenario.defaultOptions(),
        planFile, record.expected() == Outcome.NONDETERMINISM) + note;
  }
}
