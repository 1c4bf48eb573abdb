package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.testkit.internal.ShrinkSearch;

/**
 * Shrinks a failing run to a smaller one that fails the same way, delta-debugging style: drop
 * faults, shorten them, move them later, cut the workload (operations, clients) and the safety
 * phase. Every candidate replays the same seed, so whatever the shrink does not change — latencies,
 * tie-breaks, the swarm's settings — is drawn exactly as before and the run stays as close to the
 * original as the change allows.
 *
 * <pre>{@code
 * ShrinkResult r = Shrinker.shrink(scenario, seed, options, ShrinkOptions.defaults(), ShrinkListener.none());
 * System.out.println(r.sideBySide());
 * ScenarioRunner.run(scenario, seed, r.minimalOptions()); // fails again, the same way
 * }</pre>
 */
public final class Shrinker {
  private Shrinker() {}

  /**
   * Shrinks the run of {@code seed} with {@code options}. Never throws for a failing or passing run;
   * a passing original gives {@link ShrinkResult.StopReason#DID_NOT_FAIL}.
   *
   * @param listener hears each candidate run as it finishes (progress)
   */
  public static ShrinkResult shrink(Scenario scenario, long seed, RunOptions options, ShrinkOptions shrinkOptions,
      ShrinkListener listener) {
    checkNotNull(scenario, "scenario");
    checkNotNull(options, "options");
    checkNotNull(shrinkOptions, "shrinkOptions");
    checkNotNull(listener, "listener");
    return new ShrinkSearch(scenario, seed, options, shrinkOptions, listener).run();
  }

  /**
   * Shrinks an already finished failing run of {@code scenario} (its seed and options are in
   * {@code failing}), without running the original again.
   */
  public static ShrinkResult shrink(Scenario scenario, RunResult failing, ShrinkOptions shrinkOptions, ShrinkListener listener) {
    checkNotNull(scenario, "scenario");
    checkNotNull(failing, "failing");
    checkNotNull(shrinkOptions, "shrinkOptions");
    checkNotNull(listener, "listener");
    return new ShrinkSearch(scenario, failing.seed(), failing.options(), shrinkOptions, listener).run(failing);
  }
}
