package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.CoverageEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a campaign found: counts, coverage and fault-point totals, and the failing seeds (at most
 * {@link #FAILURES_LISTED_MAX}, lowest seed index first; the rest are counted in {@code
 * failuresOmitted}).
 *
 * @param scenario the scenario's name
 * @param options how the campaign ran
 * @param seedsPlanned the seeds of this shard
 * @param seedsRun the seeds that ran (fewer than planned when stopped early)
 * @param passed seeds that passed
 * @param failedByOutcome failing seeds by outcome (no entry for an outcome that did not occur)
 * @param determinismChecks seeds that were run twice for the self-check
 * @param stoppedBy why the campaign ended
 * @param elapsed wall-clock time of the campaign
 * @param coverage {@code sometimes}/{@code reachable} totals, in order of first appearance
 * @param buggify fault-point totals, in order of first appearance
 * @param distinctOmitted coverage messages and fault-point sites left out of the totals because
 *     more than 10,000 distinct ones appeared (a message built from run data, most likely)
 * @param failures the failing seeds, lowest seed index first
 * @param failuresOmitted failing seeds not in {@code failures}
 * @param junitXml the JUnit XML file, if written
 * @param summaryJson the JSON summary, if written
 */
public record CampaignResult(
    String scenario,
    CampaignOptions options,
    long seedsPlanned,
    long seedsRun,
    long passed,
    Map<Outcome, Long> failedByOutcome,
    long determinismChecks,
    StopReason stoppedBy,
    Duration elapsed,
    List<CoverageTotal> coverage,
    List<BuggifyTotal> buggify,
    long distinctOmitted,
    List<SeedReport> failures,
    long failuresOmitted,
    Optional<Path> junitXml,
    Optional<Path> summaryJson) {

  /** Failing seeds listed in a result; the summary and JUnit XML still count every one. */
  public static final int FAILURES_LISTED_MAX = 10_000;

  /** Why a campaign ended. */
  public enum StopReason {
    /** Every planned seed ran. */
    COMPLETED,
    /** {@link CampaignOptions#stopAtFirst()} and a seed failed. */
    FIRST_FAILURE,
    /** The wall-clock budget ran out. */
    TIME_BUDGET,
    /** The thread running the campaign was interrupted. */
    INTERRUPTED
  }

  /**
   * A {@code sometimes}/{@code reachable} assertion over the whole campaign.
   *
   * @param seedsSatisfied seeds in which it was satisfied (reached) at least once
   */
  public record CoverageTotal(CoverageEntry.Kind kind, String message, long evaluations, long satisfied, long seedsSatisfied) {
    public boolean neverSatisfied() {
      return satisfied == 0;
    }
  }

  /**
   * A fault point ({@code buggify} site) over the whole campaign.
   *
   * @param seedsEvaluated seeds in which the site was evaluated at all
   * @param seedsEnabled seeds in which the site was enabled
   * @param seedsFired seeds in which it fired at least once
   */
  public record BuggifyTotal(String site, long seedsEvaluated, long seedsEnabled, long evaluations, long fired, long seedsFired) {
    public boolean neverFired() {
      return fired == 0;
    }
  }

  public CampaignResult {
    checkNotNull(scenario, "scenario");
    checkNotNull(options, "options");
    EnumMap<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
    byOutcome.putAll(failedByOutcome);
    checkArgument(!byOutcome.containsKey(Outcome.PASS), "failedByOutcome must not count PASS: %s", byOutcome);
    failedByOutcome = Collections.unmodifiableMap(byOutcome);
    checkArgument(passed + byOutcome.values().stream().mapToLong(Long::longValue).sum() == seedsRun,
        "passed + failed must be seedsRun: passed=%s failedByOutcome=%s seedsRun=%s", passed, byOutcome, seedsRun);
    checkNotNull(stoppedBy, "stoppedBy");
    checkNotNull(elapsed, "elapsed");
    coverage = List.copyOf(coverage);
    buggify = List.copyOf(buggify);
    failures = List.copyOf(failures);
    checkNotNull(junitXml, "junitXml");
    checkNotNull(summaryJson, "summaryJson");
  }

  public long failed() {
    return seedsRun - passed;
  }

  public boolean allPassed() {
    return failed() == 0;
  }

  /** Seeds per second of wall-clock time. */
  public double seedsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : seedsRun / seconds;
  }

  /** The assertions that were evaluated but never satisfied in any seed. */
  public List<CoverageTotal> neverSatisfied() {
    return coverage.stream().filter(CoverageTotal::neverSatisfied).toList();
  }

  /** The fault points that were evaluated but never fired in any seed. */
  public List<BuggifyTotal> neverFired() {
    return buggify.stream().filter(BuggifyTotal::neverFired).toList();
  }
}
