package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.testkit.internal.CampaignEngine;
import dev.hourglass.testkit.internal.Nemesis;
import java.time.Duration;
import java.util.Optional;

/**
 * A fuzz campaign: many seeds of one scenario, in parallel on worker threads (each simulation
 * stays single-threaded on its worker), optionally one shard of a larger campaign, within a time
 * budget, with a determinism self-check on every k-th seed.
 *
 * <p>Memory stays flat however many seeds run: a passing seed leaves only counts and coverage
 * totals behind, a failing one a {@link SeedReport} (and, with an out dir, its artifact folder).
 * With {@link CampaignOptions#outDir()} set, the campaign writes there:
 *
 * <ul>
 *   <li>{@code <scenario>-<seed hex>/} for each failing seed (up to {@link
 *       CampaignOptions#artifactsMax()}): {@code banner.txt}, {@code trace.txt}, {@code
 *       history.jsonl}, {@code verdict.json}, {@code plan.json}, {@code reproduce.txt};
 *   <li>{@code TEST-hourglass-<scenario>[-shard-<i>-of-<n>].xml}: JUnit XML, one test case per
 *       seed that ran (the shard suffix when there is more than one shard);
 *   <li>{@code summary-<scenario>[-shard-<i>-of-<n>].json}: counts, coverage never reached and
 *       the failing seeds with their reproduce commands;
 *   <li>{@code plan-<scenario>[-shard-<i>-of-<n>].json}: the explicit fault plan, if there is
 *       one, for the reproduce commands of failing seeds past {@code artifactsMax}.
 * </ul>
 *
 * Every file is written to a temporary name and moved into place, so a reader never sees half a
 * file.
 */
public final class Campaign {
  private Campaign() {}

  /** Runs {@code options} over {@code scenario}. */
  public static CampaignResult run(Scenario scenario, CampaignOptions options) {
    return run(scenario, options, Listener.NONE);
  }

  /**
   * Runs {@code options} over {@code scenario}, telling {@code listener} about each seed and the
   * progress. Returns when every planned seed ran, or earlier (time budget, first failure,
   * interrupt: see {@link CampaignResult#stoppedBy()}).
   *
   * @throws IllegalArgumentException if {@code options} name a bug the scenario does not have,
   *     or an explicit plan names a node that is not one of its servers
   * @throws java.io.UncheckedIOException if the out dir cannot be written
   * @throws IllegalStateException if running a seed threw outside the simulation (a bug in the
   *     scenario's setup or in Hourglass); the message names the seed and the reproduce command
   */
  public static CampaignResult run(Scenario scenario, CampaignOptions options, Listener listener) {
    checkNotNull(scenario, "scenario");
    checkNotNull(options, "options");
    checkNotNull(listener, "listener");
    options.run().bug().ifPresent(bug -> checkArgument(scenario.bugs().contains(bug),
        "scenario %s has no planted bug '%s' (its bugs: %s)", scenario.name(), bug,
        scenario.bugs().isEmpty() ? "none" : String.join(", ", scenario.bugs())));
    options.run().plan().ifPresent(plan -> Nemesis.validate(plan, ScenarioRunner.servers(scenario, options.run())));
    return new CampaignEngine(scenario, options, listener).run();
  }

  /**
   * Hears about a campaign while it runs. Every call comes from the thread that called {@link
   * #run}, one at a time, so an implementation needs no locking.
   */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** A seed finished, passed or failed; its artifact folder, if any, is already written. */
    default void seedDone(SeedReport report) {}

    /** About every {@link Progress#INTERVAL} of wall-clock time, and once at the end. */
    default void progress(Progress progress) {}
  }

  /**
   * Where a campaign is.
   *
   * @param seedsDone seeds finished
   * @param seedsPlanned seeds of this shard
   * @param failures seeds failed so far
   * @param elapsed wall-clock time since the start
   * @param timeLeft what is left of the time budget, if there is one
   * @param finished true on the last call
   */
  public record Progress(long seedsDone, long seedsPlanned, long failures, Duration elapsed,
      Optional<Duration> timeLeft, boolean finished) {
    public static final Duration INTERVAL = Duration.ofMillis(250);

    public double seedsPerSecond() {
      double seconds = elapsed.toNanos() / 1e9;
      return seconds <= 0 ? 0 : seedsDone / seconds;
    }

    /** Estimated time to the end: the remaining seeds at the current rate, capped by the time budget. */
    public Optional<Duration> eta() {
      double rate = seedsPerSecond();
      if (finished) {
        return Optional.of(Duration.ZERO);
      }
      if (rate <= 0) {
        return timeLeft;
      }
      Duration byRate = Duration.ofMillis((long) ((seedsPlanned - seedsDone) / rate * 1000));
      return Optional.of(timeLeft.filter(left -> left.compareTo(byRate) < 0).orElse(byRate));
    }
  }
}
