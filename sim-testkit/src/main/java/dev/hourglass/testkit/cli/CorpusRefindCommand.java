package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.Campaign;
import dev.hourglass.testkit.CampaignOptions;
import dev.hourglass.testkit.CampaignResult;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import dev.hourglass.testkit.SeedReport;
import dev.hourglass.testkit.SeedSet;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.Shrinker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass corpus refind [DIR]}: for every record whose seed no longer shows its expected
 * failure (the system or Hourglass changed, and the seed now means a different run), searches
 * seeds {@code --start}, {@code --start+1}, … of the same scenario with the same bug and
 * overrides for the first one that fails with the same failure class, and rewrites the record
 * with it (atomically; the old file is deleted when the name changes). One line per record:
 * {@code FILE: unchanged}, {@code FILE: seed … now PASS; re-found at … (37 runs) -> NEW FILE}, or
 * why it was left as it is.
 *
 * <p>A record with an explicit (shrunk) plan is searched without it — a plan shrunk for one seed
 * means nothing for another — and the seed found is then shrunk again ({@link Shrinker}), so the
 * corpus keeps a minimal run; its {@code why} says so. A record that expects PASS is never
 * re-found: a correct system failing its seed is a regression to fix, not a stale seed.
 *
 * <p>Exit 0 when every record holds or was re-found, 1 when some was not, 64 bad input.
 */
@Command(
    name = "refind",
    mixinStandardHelpOptions = true,
    description = "For each record whose seed no longer fails as recorded, find a new seed that does and rewrite "
        + "the record.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every record holds or was re-found", "1:some record could not be re-found",
        "64:bad usage or an unreadable record"})
final class CorpusRefindCommand implements Callable<Integer> {
  /** Seeds per campaign of the search: enough to keep the workers busy, few enough to stop soon after a find. */
  static final int BATCH_PER_JOB = 8;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = SeedCorpus.DIRECTORY,
      description = "The corpus directory (default: ${DEFAULT-VALUE}).")
  private Path dir;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "1000",
      description = "Seeds to try per record before giving up (default: ${DEFAULT-VALUE}).")
  private long seeds;

  @Option(names = "--start", paramLabel = "S", defaultValue = "1", converter = SeedConverter.class,
      description = "The first seed to try, decimal or 0x hex (default: ${DEFAULT-VALUE}).")
  private long start;

  @Option(names = "--jobs", paramLabel = "J", description = "Worker threads of the search (default: the machine's processors).")
  private Integer jobs;

  @Option(names = "--dry-run", description = "Search and say what would change, but write and delete nothing.")
  private boolean dryRun;

  /** What the search found: the seed's report and how many seeds from --start it took. */
  private record Found(SeedReport report, long runs) {}

  @Override
  public Integer call() {
    if (seeds < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be >= 1: --seeds=" + seeds);
    }
    int j = jobs == null ? Math.min(CampaignOptions.JOBS_MAX, Runtime.getRuntime().availableProcessors()) : jobs;
    if (j < 1 || j > CampaignOptions.JOBS_MAX) {
      throw new ParameterException(spec.commandLine(), "--jobs must be in 1.." + CampaignOptions.JOBS_MAX + ": --jobs=" + j);
    }
    List<CorpusCommand.Loaded> records = CorpusCommand.load(dir);
    PrintWriter stdout = spec.commandLine().getOut();
    // File names in use, so two stale records of one bug never re-find (and overwrite) the same seed's file.
    Set<String> taken = new TreeSet<>(records.stream().map(CorpusCommand.Loaded::name).toList());
    int notFound = 0;
    for (CorpusCommand.Loaded loaded : records) {
      SeedRecord record = loaded.entry().record();
      SeedCorpus.Replay replay = SeedCorpus.replay(record);
      if (replay.matches()) {
        stdout.println(loaded.name() + ": unchanged");
        stdout.flush();
        continue;
      }
      String now = "seed " + Seeds.format(record.seed()) + " now " + replay.found();
      if (!record.expected().failed()) {
        notFound++;
        stdout.println(loaded.name() + ": " + now + "; it passed when recorded, so this is a regression, not a "
            + "stale seed: left as it is (fix the system, or delete the record if the change is intended)");
        stdout.flush();
        continue;
      }
      RunOptions options = record.runOptions(loaded.scenario()).withPlan(null);
      Optional<Found> found = search(loaded, options, taken);
      if (found.isEmpty()) {
        notFound++;
        stdout.println(loaded.name() + ": " + now + "; no seed of " + Seeds.format(start) + ".."
            + Seeds.format(start + seeds - 1) + " fails with " + record.failureClass() + " (" + runs(seeds)
            + "): left as it is (try more --seeds or another --start)");
        stdout.flush();
        continue;
      }
      SeedRecord next = refound(record, replay, found.get().report());
      if (record.plan().isPresent()) {
        next = reshrunk(loaded, next);
      }
      String target = next.fileName();
      if (!dryRun) {
        rewrite(loaded.entry().file(), next);
      }
      taken.add(target);
      stdout.println(loaded.name() + ": " + now + "; re-found at " + Seeds.format(next.seed()) + " ("
          + runs(found.get().runs()) + ") -> " + target + (record.plan().isPresent()
              ? (next.plan().isPresent() ? " (shrunk again: " + next.plan().get().size() + " plan entries)" : " (without the recorded plan)")
              : "")
          + (dryRun ? " (dry run: nothing written)" : ""));
      stdout.flush();
    }
    return notFound == 0 ? 0 : 1;
  }

  private static String runs(long n) {
    return n + (n == 1 ? " run" : " runs");
  }

  /**
   * The first seed from {@code --start} that fails with the record's failure class and whose file
   * name is free, run in small parallel campaigns so the search stops soon after a find; the
   * result is the lowest such seed, whatever the batching.
   */
  private Optional<Found> search(CorpusCommand.Loaded loaded, RunOptions options, Set<String> taken) {
    SeedRecord record = loaded.entry().record();
    int j = jobs == null ? Math.min(CampaignOptions.JOBS_MAX, Runtime.getRuntime().availableProcessors()) : jobs;
    long batch = (long) j * BATCH_PER_JOB;
    spec.commandLine().getErr().println("refind " + loaded.name() + ": searching " + seeds + " seeds from "
        + Seeds.format(start) + " for " + record.failureClass());
    spec.commandLine().getErr().flush();
    for (long done = 0; done < seeds; done += batch) {
      long count = Math.min(batch, seeds - done);
      CampaignOptions campaign = CampaignOptions.of(SeedSet.count(start + done, count), options).withJobs(j)
          // NONDETERMINISM only shows when a seed runs twice; otherwise one run per seed is enough.
          .withCheckDeterminismEvery(record.expected() == Outcome.NONDETERMINISM ? 1 : 0);
      CampaignResult result = Campaign.run(loaded.scenario(), campaign);
      for (SeedReport report : result.failures()) {
        String name = withSeed(record, report).fileName();
        if (report.failureClass().equals(record.failureClass())
            && (!taken.contains(name) || name.equals(loaded.name()))) {
          return Optional.of(new Found(report, done + report.index() + 1));
        }
      }
    }
    return Optional.empty();
  }

  /** The record as it would be for {@code report}'s seed: same bug and overrides, no plan. */
  private static SeedRecord withSeed(SeedRecord record, SeedReport report) {
    return new SeedRecord(record.scenario(), report.seed(), record.bug(), Optional.empty(), record.operationsMax(),
        record.clients(), record.safetyNanos(), record.expected(), record.failureClass(), report.traceHash(),
        record.recorded(), record.why());
  }

  @OutsideSimulation("stamps the rewritten record with the wall-clock time; runs in the CLI, between simulations")
  private static SeedRecord refound(SeedRecord record, SeedCorpus.Replay replay, SeedReport report) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String why = record.why() + "; re-found by hourglass corpus refind on " + now + ": seed "
        + Seeds.format(record.seed()) + " had become " + replay.found()
        + (record.plan().isPresent() ? "; the recorded plan was dropped (it was shrunk for the old seed) and this "
            + "seed draws its own: shrink it again with hourglass shrink" : "");
    SeedRecord next = withSeed(record, report);
    return new SeedRecord(next.scenario(), next.seed(), next.bug(), next.plan(), next.operationsMax(), next.clients(),
        next.safetyNanos(), next.expected(), next.failureClass(), next.traceHash(), now, why);
  }

  /**
   * A record that was shrunk is shrunk again at its new seed, so the corpus keeps a minimal run;
   * if the shrink cannot be recorded (it did not fail again), the unshrunk record stands.
   */
  private SeedRecord reshrunk(CorpusCommand.Loaded loaded, SeedRecord found) {
    spec.commandLine().getErr().println("refind " + loaded.name() + ": shrinking " + Seeds.format(found.seed()) + " again");
    spec.commandLine().getErr().flush();
    ShrinkResult s = Shrinker.shrink(loaded.scenario(), found.seed(), found.runOptions(loaded.scenario()),
        ShrinkOptions.defaults(), ShrinkListener.none());
    if (s.stoppedBy() == ShrinkResult.StopReason.DID_NOT_FAIL || s.stoppedBy() == ShrinkResult.StopReason.NOT_REPRODUCIBLE
        || !s.minimal().failureClass().equals(found.failureClass())) {
      return found;
    }
    SeedRecord shrunk = SeedRecord.of(s.minimal(), found.why().replace("; the recorded plan was dropped (it was shrunk for "
        + "the old seed) and this seed draws its own: shrink it again with hourglass shrink", "; shrunk again: " + s.summary()),
        found.recorded());
    return shrunk;
  }

  /** Writes {@code next} next to {@code old}, then deletes {@code old} if the name changed: never no record at all. */
  private void rewrite(Path old, SeedRecord next) {
    Path written;
    try {
      written = SeedCorpus.write(dir, next);
    } catch (UncheckedIOException e) {
      throw new BadInputException(e.getMessage());
    }
    if (!written.getFileName().equals(old.getFileName())) {
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        throw new BadInputException("wrote " + written + " but cannot delete the old record " + old + ": " + e
            + " (delete it by hand)");
      }
    }
  }
}
