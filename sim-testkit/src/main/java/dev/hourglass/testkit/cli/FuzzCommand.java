package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.Campaign;
import dev.hourglass.testkit.CampaignOptions;
import dev.hourglass.testkit.CampaignResult;
import dev.hourglass.testkit.CampaignResult.BuggifyTotal;
import dev.hourglass.testkit.CampaignResult.CoverageTotal;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import dev.hourglass.testkit.SeedReport;
import dev.hourglass.testkit.SeedSet;
import dev.hourglass.testkit.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass fuzz <scenario> --seeds N}: a campaign (DESIGN.md, "Command line"). Stdout: a
 * header line, each failing seed as it is found ({@code FAIL seed=…}, its artifact folder, {@code
 * reproduce with: …}), then the totals, coverage never reached, fault points never fired, the
 * paths of the JUnit XML and JSON summary, and the failing seeds again. Stderr: progress. Exit 0
 * every seed that ran passed · 1 some seed failed · 64 bad input.
 *
 * <p>With {@code --record [DIR]}, each failing seed is also kept in the seed corpus ({@link
 * SeedCorpus}) as it is found: one {@link SeedRecord} file, its path printed under the seed's
 * {@code FAIL} line. A seed whose file already exists is left as it is (the first record of a seed
 * keeps its date and reason).
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description = "Run many seeds of a scenario in parallel; write JUnit XML, a JSON summary and an artifact "
        + "folder per failing seed under --out.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every seed that ran passed", "1:some seed failed", "64:bad usage or unreadable input"})
final class FuzzCommand implements Callable<Integer> {
  /** Failing seeds repeated at the end of the output, at most. */
  static final int RECAP_MAX = 20;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario name (see `hourglass list`).")
  private String scenarioName;

  @Option(names = "--seeds", paramLabel = "N", description = "How many seeds, over all shards: --start, --start+1, ...")
  private Long seeds;

  @Option(names = "--start", paramLabel = "S", converter = SeedConverter.class,
      description = "The first seed, decimal or 0x hex (default: 1).")
  private Long start;

  @Option(names = "--seed-list", paramLabel = "S", split = ",", converter = SeedConverter.class,
      description = "Exactly these seeds, instead of --seeds/--start (e.g. the failing seeds of an earlier campaign).")
  private List<Long> seedList;

  @Option(names = "--jobs", paramLabel = "J", description = "Worker threads (default: the machine's processors).")
  private Integer jobs;

  @Option(names = "--shard", paramLabel = "i/n", converter = ShardConverter.class, defaultValue = "0/1",
      description = "Run only shard i of n (numbered from 0): the seeds whose index k (0 for --start) has "
          + "k mod n = i. The n shards of one campaign run every seed exactly once (default: ${DEFAULT-VALUE}).")
  private Shard shard;

  @Option(names = "--bug", paramLabel = "NAME", description = "Switch on this planted bug.")
  private String bug;

  @Option(names = "--plan", paramLabel = "FILE", description = "Apply this fault plan (JSON) to every seed.")
  private Path planFile;

  @Option(names = "--time", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Wall-clock budget, e.g. 10m: no seed starts after it (running ones finish). Default: none.")
  private Duration time;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "hourglass-out",
      description = "Where artifact folders, JUnit XML and the JSON summary go (default: ${DEFAULT-VALUE}).")
  private Path out;

  @Option(names = "--stop-at-first", description = "Start no new seed after the first failure.")
  private boolean stopAtFirst;

  @Option(names = "--check-determinism-every", paramLabel = "K", defaultValue = "100",
      description = "Run every K-th seed twice and compare the traces; 0: never (default: ${DEFAULT-VALUE}).")
  private int checkDeterminismEvery;

  @Option(names = "--artifacts-max", paramLabel = "M", defaultValue = "100",
      description = "Failing seeds that get an artifact folder; the rest are listed with their reproduce command "
          + "(default: ${DEFAULT-VALUE}).")
  private int artifactsMax;

  @Option(names = "--record", arity = "0..1", fallbackValue = SeedCorpus.DIRECTORY, paramLabel = "DIR",
      description = "Keep each failing seed in the seed corpus DIR (default when the option is given without DIR: "
          + "${FALLBACK-VALUE}): one record file per seed; a seed already recorded is left as it is.")
  private Path recordDir;

  @Override
  public Integer call() {
    Scenario scenario = ScenarioInputs.scenario(scenarioName);
    CampaignOptions options = campaignOptions(ScenarioInputs.options(scenario, bug, planFile));
    PrintWriter stdout = spec.commandLine().getOut();
    if (recordDir != null) {
      checkWritable("--record", recordDir);
    }
    stdout.println(header(scenario, options) + (recordDir == null ? "" : ", record=" + recordDir));
    stdout.flush();
    CampaignPrinter printer = new CampaignPrinter(scenario.name(), stdout, spec.commandLine().getErr(),
        CampaignPrinter.onTerminal());
    Campaign.Listener listener = recordDir == null ? printer : new Campaign.Listener() {
      @Override
      public void seedDone(SeedReport report) {
        printer.seedDone(report);
        if (report.failed()) {
          record(scenario, options, report, stdout);
        }
      }

      @Override
      public void progress(Campaign.Progress progress) {
        printer.progress(progress);
      }
    };
    CampaignResult result;
    try {
      result = Campaign.run(scenario, options, listener);
    } catch (UncheckedIOException e) {
      throw new BadInputException("--out: " + e.getMessage());
    }
    printTotals(stdout, result);
    return result.allPassed() ? 0 : 1;
  }

  /** Writes the record of a failing seed, unless its file exists, and says which it was. */
  @OutsideSimulation("stamps the record with the wall-clock time it was recorded; runs in the CLI, between simulations")
  private void record(Scenario scenario, CampaignOptions options, SeedReport report, PrintWriter stdout) {
    RunOptions run = options.run();
    String why = "found by hourglass fuzz " + scenario.name() + run.bug().map(b -> " --bug " + b).orElse("")
        + (planFile != null ? " --plan " + planFile : "") + " (" + options.seeds().describe() + ")";
    SeedRecord record = new SeedRecord(scenario.name(), report.seed(), run.bug(), run.plan(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalLong.empty(), report.outcome(), report.failureClass(), report.traceHash(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), why);
    Path file = recordDir.resolve(record.fileName());
    if (Files.exists(file)) {
      stdout.println("  already recorded: " + file + " (left as it is)");
    } else {
      try {
        SeedCorpus.write(recordDir, record);
      } catch (UncheckedIOException e) {
        throw new BadInputException("--record: " + e.getMessage());
      }
      stdout.println("  recorded: " + file);
    }
    stdout.flush();
  }

  private CampaignOptions campaignOptions(RunOptions run) {
    SeedSet seedSet;
    if (seedList != null) {
      if (seeds != null || start != null) {
        throw new ParameterException(spec.commandLine(), "--seed-list replaces --seeds and --start: give one or the other");
      }
      seedSet = SeedSet.of(seedList);
    } else {
      if (seeds == null) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--seeds=N' (or --seed-list)");
      }
      if (seeds < 1) {
        throw new ParameterException(spec.commandLine(), "--seeds must be >= 1: --seeds=" + seeds);
      }
      seedSet = SeedSet.count(start == null ? 1 : start, seeds);
    }
    int j = jobs == null ? Math.min(CampaignOptions.JOBS_MAX, Runtime.getRuntime().availableProcessors()) : jobs;
    if (j < 1 || j > CampaignOptions.JOBS_MAX) {
      throw new ParameterException(spec.commandLine(), "--jobs must be in 1.." + CampaignOptions.JOBS_MAX + ": --jobs=" + j);
    }
    if (checkDeterminismEvery < 0) {
      throw new ParameterException(spec.commandLine(), "--check-determinism-every must be >= 0: " + checkDeterminismEvery);
    }
    if (artifactsMax < 0) {
      throw new ParameterException(spec.commandLine(), "--artifacts-max must be >= 0: " + artifactsMax);
    }
    checkWritable("--out", out);
    CampaignOptions o = CampaignOptions.of(seedSet, run).withShard(shard).withJobs(j).withStopAtFirst(stopAtFirst)
        .withCheckDeterminismEvery(checkDeterminismEvery).withOutDir(out).withArtifactsMax(artifactsMax);
    return time == null ? o : o.withTimeBudget(time);
  }

  /** Creates {@code dir} if needed; bad input if it cannot be created or written. */
  private static void checkWritable(String option, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException(option + ": cannot create " + dir + ": " + e);
    }
    if (!Files.isWritable(dir)) {
      throw new BadInputException(option + ": cannot write to " + dir);
    }
  }

  private static String header(Scenario scenario, CampaignOptions o) {
    return "fuzz " + scenario.name() + ": " + o.seeds().describe() + ", shard " + o.shard() + " (" + o.seedsPlanned()
        + " seeds), jobs=" + o.jobs() + o.run().bug().map(b -> ", bug=" + b).orElse("")
        + (o.run().plan().isPresent() ? ", explicit plan" : "")
        + o.timeBudget().map(t -> ", time budget " + CampaignPrinter.human(t)).orElse("")
        + (o.checkDeterminismEvery() > 0 ? ", determinism self-check on " + everyKth(o.checkDeterminismEvery())
            : ", no determinism self-check")
        + ", out=" + o.outDir().map(Path::toString).orElse("none");
  }

  /** {@code every seed}, {@code every 2nd seed}, {@code every 100th seed}. */
  private static String everyKth(int k) {
    if (k == 1) {
      return "every seed";
    }
    String suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : switch (k % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return "every " + k + suffix + " seed";
  }

  private static void printTotals(PrintWriter out, CampaignResult r) {
    String byOutcome = r.failedByOutcome().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    out.printf(Locale.ROOT, "%d of %d seeds run: %d passed, %d failed%s in %s (%.1f seeds/s); determinism self-check on %d %s%n",
        r.seedsRun(), r.seedsPlanned(), r.passed(), r.failed(), byOutcome.isEmpty() ? "" : " (" + byOutcome + ")",
        CampaignPrinter.human(r.elapsed()), r.seedsPerSecond(), r.determinismChecks(),
        r.determinismChecks() == 1 ? "seed" : "seeds");
    switch (r.stoppedBy()) {
      case COMPLETED -> { }
      case TIME_BUDGET -> out.println("stopped: the time budget ran out");
      case FIRST_FAILURE -> out.println("stopped: at the first failure (--stop-at-first)");
      case INTERRUPTED -> out.println("stopped: interrupted");
    }
    List<CoverageTotal> never = r.neverSatisfied();
    out.println("coverage never reached: " + (never.isEmpty() ? "none" : never.size()));
    never.forEach(c -> out.println("  " + c.kind().name().toLowerCase(Locale.ROOT) + " \"" + c.message() + "\" (evaluated "
        + c.evaluations() + " times)"));
    List<BuggifyTotal> neverFired = r.neverFired();
    out.println("buggify sites never fired: " + (neverFired.isEmpty() ? "none" : neverFired.size()));
    neverFired.forEach(b -> out.println("  " + b.site() + " (enabled in " + b.seedsEnabled() + " of " + b.seedsEvaluated()
        + " seeds that reached it)"));
    r.junitXml().ifPresent(p -> out.println("junit: " + p));
    r.summaryJson().ifPresent(p -> out.println("summary: " + p));
    if (!r.allPassed()) {
      out.println("failing seeds (" + r.failed() + "):");
      List<SeedReport> failures = r.failures();
      failures.stream().limit(RECAP_MAX).forEach(f -> out.println("  " + Seeds.format(f.seed()) + " " + f.outcome()
          + "  reproduce with: " + f.reproduce()));
      if (r.failed() > RECAP_MAX) {
        out.println("  ... and " + (r.failed() - RECAP_MAX) + " more: see " + r.summaryJson().map(Path::toString).orElse("above"));
      }
    }
  }
}
