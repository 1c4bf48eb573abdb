package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Bounds of a shrink. The search is deterministic in runs: the same failing run and the same
 * {@code runsMax} always give the same minimal run. The wall-clock budget is a safety net for
 * slow scenarios; when it is what stops the search, the result says so and may differ between
 * machines.
 *
 * @param runsMax candidate runs at most (the original run is not counted)
 * @param timeBudget wall-clock time at most; no candidate starts after it
 */
public record ShrinkOptions(int runsMax, Duration timeBudget) {
  /** Enough for a dozen faults and a few hundred operations to reach a fixed point. */
  public static final int RUNS_MAX_DEFAULT = 400;

  public ShrinkOptions {
    checkArgument(runsMax >= 1 && runsMax <= 1_000_000, "runsMax must be in 1..1000000: runsMax=%s", runsMax);
    checkNotNull(timeBudget, "timeBudget");
    checkArgument(!timeBudget.isNegative() && !timeBudget.isZero(), "timeBudget must be positive: timeBudget=%s", timeBudget);
  }

  public static ShrinkOptions defaults() {
    return new ShrinkOptions(RUNS_MAX_DEFAULT, Duration.ofMinutes(10));
  }

  public ShrinkOptions withRunsMax(int value) {
    return new ShrinkOptions(value, timeBudget);
  }

  public ShrinkOptions withTimeBudget(Duration value) {
    return new ShrinkOptions(runsMax, value);
  }
}
