package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.testkit.internal.AtomicFiles;
import dev.hourglass.testkit.internal.RecordReproduce;
import dev.hourglass.testkit.internal.SeedWork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The seed regression corpus: a directory ({@code seeds/} at the repository root) of {@link
 * SeedRecord} files, one per kept run, each replayed by the test suite to show the same outcome
 * and failure class. A planted bug's record fails the build when the bug stops being found by its
 * seed; a correct system's record fails it when the system breaks on a seed it used to pass.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> seedCorpus() {
 *   return SeedCorpus.dynamicTests(SeedCorpus.locate());
 * }
 * }</pre>
 *
 * Files are read in file-name order; only {@code *.json} files count (a README, {@code .gitkeep}
 * and the hidden temporary files of an interrupted write are left alone).
 */
public final class SeedCorpus {
  /** The corpus directory's name, at the repository root. */
  public static final String DIRECTORY = "seeds";

  private SeedCorpus() {}

  /**
   * A record and the file it was read from.
   *
   * @param file the record's file
   * @param record what it holds
   */
  public record Entry(Path file, SeedRecord record) {
    public Entry {
      checkNotNull(file, "file");
      checkNotNull(record, "record");
    }
  }

  /**
   * What replaying a record showed.
   *
   * @param record the record replayed
   * @param result the replay's run
   */
  public record Replay(SeedRecord record, RunResult result) {
    public Replay {
      checkNotNull(record, "record");
      checkNotNull(result, "result");
    }

    /** The replay showed the recorded outcome and failure class: the record holds. */
    public boolean matches() {
      return result.outcome() == record.expected() && result.failureClass().equals(record.failureClass());
    }

    /** The replay's trace hash is the recorded one: the seed still means the very same run. */
    public boolean sameRun() {
      return result.traceHash() == record.traceHash();
    }

    /** {@code PASS}, or the failure class the replay showed. */
    public String found() {
      return result.outcome().failed() ? result.failureClass() : Outcome.PASS.name();
    }
  }

  /**
   * The corpus of the repository the working directory is in: the first {@value #DIRECTORY}
   * directory found in the working directory or one of its parents. (Maven runs a module's tests
   * in the module's directory, one level below the repository root.)
   *
   * @throws IllegalStateException if there is none
   */
  public static Path locate() {
    return locate(Path.of("").toAbsolutePath());
  }

  static Path locate(Path from) {
    for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(DIRECTORY);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + DIRECTORY + "/ directory in " + from.toAbsolutePath() + " or any of its "
        + "parents: the seed corpus lives in " + DIRECTORY + "/ at the repository root (create it, or pass the "
        + "directory to SeedCorpus.dynamicTests explicitly)");
  }

  /**
   * Every record in {@code dir}, in file-name order.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory, or a file is not a valid
   *     record (the message starts with the file, line and column)
   * @throws UncheckedIOException if {@code dir} or a file cannot be read (the message names it)
   */
  public static List<Entry> load(Path dir) {
    List<Entry> entries = new ArrayList<>();
    for (Path file : files(dir)) {
      entries.add(new Entry(file, SeedRecord.read(file)));
    }
    return List.copyOf(entries);
  }

  /**
   * Writes {@code record} to {@code dir}/{@link SeedRecord#fileName()}, replacing a file of that
   * name, atomically: a reader — or a crash in the middle — sees the old file or the new one, never
   * part of one. The JSON is read back and compared before it is written.
   *
   * @return the file written
   * @throws UncheckedIOException if it cannot be written (the message names the file)
   */
  public static Path write(Path dir, SeedRecord record) {
    checkNotNull(dir, "dir");
    checkNotNull(record, "record");
    String json = record.toJson();
    Path file = dir.resolve(record.fileName());
    checkState(SeedRecord.fromJson(json, file.toString()).equals(record),
        "a seed record must read back as itself: %s", json);
    try {
      AtomicFiles.writeString(file, json + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write seed record " + file + ": " + e, e);
    }
    return file;
  }

  /**
   * Runs {@code record}'s seed of its scenario with {@link SeedRecord#runOptions}, as {@link
   * ScenarioRunner#run} does (twice, comparing the traces, for a record that expects {@link
   * Outcome#NONDETERMINISM}).
   *
   * @throws IllegalArgumentException if the scenario is not registered, lacks the record's bug, or
   *     the record's plan names a node that is not one of its servers
   */
  public static Replay replay(SeedRecord record) {
    checkNotNull(record, "record");
    Scenario scenario = Scenarios.byName(record.scenario());
    RunOptions options = record.runOptions(scenario);
    return new Replay(record, SeedWork.run(scenario, options, record.seed(), record.expected() == Outcome.NONDETERMINISM));
  }

  /**
   * One JUnit test per record file of {@code dir}, named by the file, that replays the record and
   * fails — with the seed, what was expected and found, and the command that reproduces it — when
   * the outcome or the failure class differs. A file that is not a valid record is a failing test
   * too, never skipped. An empty corpus gives no tests.
   *
   * <p>The reproduce command of a record with an explicit plan needs the plan as a file: it is
   * written to {@code target/hourglass-seeds/} under the working directory when the test fails.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   */
  public static Stream<DynamicTest> dynamicTests(Path dir) {
    Path planDir = Path.of("target", "hourglass-seeds").toAbsolutePath();
    // No test source URI pointing at the file: Maven Surefire (3.5) leaves dynamic tests whose
    // source is a file URI out of its counts and reports, so the name alone carries the file.
    return files(dir).stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        () -> check(file, planDir)));
  }

  private static void check(Path file, Path planDir) {
    SeedRecord record;
    try {
      record = SeedRecord.read(file);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new AssertionFailedError(e.getMessage(), e);
    }
    Replay replay;
    try {
      replay = replay(record);
    } catch (IllegalArgumentException e) {
      throw new AssertionFailedError(file + ": cannot replay " + record.describe() + ": " + e.getMessage(), e);
    }
    if (!replay.matches()) {
      throw new AssertionFailedError(mismatch(file, replay, RecordReproduce.command(record, planDir)),
          record.expectation(), replay.found());
    }
  }

  /** The assertion message of a record that no longer holds, read by someone who has only the test report. */
  static String mismatch(Path file, Replay replay, String reproduce) {
    SeedRecord record = replay.record();
    RunResult r = replay.result();
    StringBuilder sb = new StringBuilder();
    sb.append(file).append(": ").append(record.describe()).append(" no longer shows what was recorded\n");
    sb.append("  expected: ").append(record.expectation()).append('\n');
    sb.append("  found:    ").append(replay.found()).append(r.reason().isEmpty() ? "" : " (" + r.reason() + ")").append('\n');
    sb.append("  trace-hash ").append(r.trace().hashHex()).append(replay.sameRun() ? " (the recorded one: the same run)"
        : " (recorded " + record.traceHashHex() + ": the seed now means a different run)").append('\n');
    sb.append("  recorded ").append(record.recorded()).append(": ").append(record.why()).append('\n');
    sb.append("  reproduce with: ").append(reproduce).append('\n');
    if (record.expected().failed()) {
      sb.append("If the system changed so that this seed no longer hits the bug, `./hourglass corpus refind ")
          .append(file.getParent()).append("` looks for a seed that fails the same way and rewrites the record.");
    } else {
      sb.append("The seed passed when it was recorded: this is a regression (or an intended change in what the "
          + "scenario checks; then record a new passing seed and delete this file).");
    }
    return sb.toString();
  }

  /** The record files of {@code dir}: {@code *.json}, not hidden, sorted by name. */
  private static List<Path> files(Path dir) {
    checkNotNull(dir, "dir");
    checkArgument(Files.isDirectory(dir), "the seed corpus %s is not a directory", dir);
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(p -> {
        String name = p.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(p);
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the seed corpus " + dir + ": " + e, e);
    }
  }
}
