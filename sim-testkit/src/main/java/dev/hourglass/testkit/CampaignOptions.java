package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How a {@link Campaign} runs: which seeds, on how many threads, for how long, and where its
 * outputs go.
 *
 * @param seeds the seeds of the whole campaign (over every shard)
 * @param shard the part of {@code seeds} this process runs; default {@link Shard#ALL}
 * @param jobs worker threads, each running one seed at a time, single-threaded; default the
 *     machine's processors
 * @param timeBudget wall-clock time after which no new seed starts (seeds already running finish,
 *     so a campaign may overrun by one seed's run time); empty: none (the default)
 * @param stopAtFirst stop starting seeds at the first failure (seeds already running finish and
 *     are reported); default false: collect every failure
 * @param checkDeterminismEvery run every k-th seed of this shard twice and compare the traces,
 *     counting from the shard's first seed, which is always checked; 0 turns the self-check off;
 *     default 100 (1% more work)
 * @param run how each seed runs (the bug, an explicit plan, phase lengths); the reproduce command
 *     assumes the scenario's {@link Scenario#defaultOptions() defaults} plus the bug and the plan
 * @param outDir where artifact folders, the JUnit XML and the JSON summary go; empty: nowhere
 *     (the default)
 * @param artifactsMax failing seeds that get an artifact folder (the first ones to finish); the
 *     others are still reported with their reproduce command; default 100
 */
public record CampaignOptions(
    SeedSet seeds,
    Shard shard,
    int jobs,
    Optional<Duration> timeBudget,
    boolean stopAtFirst,
    int checkDeterminismEvery,
    RunOptions run,
    Optional<Path> outDir,
    int artifactsMax) {

  /** Worker threads at most. */
  public static final int JOBS_MAX = 1024;

  public CampaignOptions {
    checkNotNull(seeds, "seeds");
    checkNotNull(shard, "shard");
    checkArgument(jobs >= 1 && jobs <= JOBS_MAX, "jobs must be in 1..%s: jobs=%s", JOBS_MAX, jobs);
    checkNotNull(timeBudget, "timeBudget");
    timeBudget.ifPresent(b -> checkArgument(b.isPositive(), "timeBudget must be positive: timeBudget=%s", b));
    checkArgument(checkDeterminismEvery >= 0, "checkDeterminismEvery must be >= 0: checkDeterminismEvery=%s",
        checkDeterminismEvery);
    checkNotNull(run, "run");
    checkNotNull(outDir, "outDir");
    checkArgument(artifactsMax >= 0, "artifactsMax must be >= 0: artifactsMax=%s", artifactsMax);
  }

  /** {@code seeds} run with {@code run}, with every other setting at its default. */
  public static CampaignOptions of(SeedSet seeds, RunOptions run) {
    return new CampaignOptions(seeds, Shard.ALL, Math.min(JOBS_MAX, Runtime.getRuntime().availableProcessors()),
        Optional.empty(), false, 100, run, Optional.empty(), 100);
  }

  public CampaignOptions withShard(Shard value) {
    return new CampaignOptions(seeds, value, jobs, timeBudget, stopAtFirst, checkDeterminismEvery, run, outDir, artifactsMax);
  }

  public CampaignOptions withJobs(int value) {
    return new CampaignOptions(seeds, shard, value, timeBudget, stopAtFirst, checkDeterminismEvery, run, outDir, artifactsMax);
  }

  public CampaignOptions withTimeBudget(Duration value) {
    return new CampaignOptions(seeds, shard, jobs, Optional.of(value), stopAtFirst, checkDeterminismEvery, run, outDir, artifactsMax);
  }

  public CampaignOptions withStopAtFirst(boolean value) {
    return new CampaignOptions(seeds, shard, jobs, timeBudget, value, checkDeterminismEvery, run, outDir, artifactsMax);
  }

  public CampaignOptions withCheckDeterminismEvery(int value) {
    return new CampaignOptions(seeds, shard, jobs, timeBudget, stopAtFirst, value, run, outDir, artifactsMax);
  }

  public CampaignOptions withOutDir(Path value) {
    return new CampaignOptions(seeds, shard, jobs, timeBudget, stopAtFirst, checkDeterminismEvery, run, Optional.of(value), artifactsMax);
  }

  public CampaignOptions withArtifactsMax(int value) {
    return new CampaignOptions(seeds, shard, jobs, timeBudget, stopAtFirst, checkDeterminismEvery, run, outDir, value);
  }

  /** The seeds this shard runs. */
  public long seedsPlanned() {
    return shard.sizeOf(seeds.size());
  }
}
