package dev.hourglass.checkers.txn.internal;

/**
 * The cycle search's budget for one strongly connected component: a number of steps (edges
 * followed; deterministic, the same on every machine) and optionally a wall-clock deadline.
 * Past either, {@link #step()} throws {@link Exhausted} and the search reports what it found so
 * far plus {@code cycle-search-timeout}.
 */
public final class Budget {
  private final long stepsMax;
  private final long deadlineNanos;
  private final boolean hasDeadline;
  private long steps;

  /**
   * @param stepsMax steps allowed; {@link Long#MAX_VALUE} for no limit
   * @param timeoutNanos wall-clock time allowed from now; 0 or less for no limit
   */
  public Budget(long stepsMax, long timeoutNanos) {
    if (stepsMax <= 0) {
      throw new IllegalArgumentException("stepsMax must be positive: stepsMax=" + stepsMax);
    }
    this.stepsMax = stepsMax;
    this.hasDeadline = timeoutNanos > 0;
    this.deadlineNanos = hasDeadline ? System.nanoTime() + timeoutNanos : 0;
  }

  public void step() {
    if (++steps > stepsMax) {
      throw new Exhausted("step budget of " + stepsMax + " steps used up");
    }
    if (hasDeadline && (steps & 1023) == 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new Exhausted("time limit reached after " + steps + " steps");
    }
  }

  public void steps(long k) {
    steps += k - 1;
    step();
  }

  public long used() {
    return steps;
  }

  public long stepsMax() {
    return stepsMax;
  }

  /** The budget ran out. Carries no stack trace: it is control flow, not an error. */
  public static final class Exhausted extends RuntimeException {
    public Exhausted(String message) {
      super(message, null, false, false);
    }
  }
}
