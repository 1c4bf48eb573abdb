package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The determinism self-check: run the same seed twice and compare. A simulation whose two runs
 * differ has a source of nondeterminism (a wall clock, unseeded randomness, a thread, iteration
 * over identity hash codes) and every seed it reports is worthless until that is fixed; the
 * report names the first event where the runs part.
 */
public final class DeterminismCheck {
  private DeterminismCheck() {}

  /**
   * The result of a self-check.
   *
   * @param seed the seed both runs used
   * @param firstHash trace hash of the first run
   * @param secondHash trace hash of the second run
   * @param divergence where they first differ, empty when the runs agree
   */
  public record Report(long seed, long firstHash, long secondHash, Optional<Divergence> divergence) {
    public boolean deterministic() {
      return divergence.isEmpty();
    }

    public String describe() {
      if (deterministic()) {
        return "deterministic: seed=%s trace-hash=%016x".formatted(Seeds.format(seed), firstHash);
      }
      return "NONDETERMINISTIC: seed=%s trace-hash %016x vs %016x; %s"
          .formatted(Seeds.format(seed), firstHash, secondHash, divergence.orElseThrow().describe());
    }
  }

  /**
   * Runs {@code scenario} twice with {@code seed} — it must build a fresh simulation from the
   * seed, run it, and return its trace — and compares the traces.
   */
  public static Report check(long seed, LongFunction<Trace> scenario) {
    checkNotNull(scenario, "scenario");
    Trace first = scenario.apply(seed);
    Trace second = scenario.apply(seed);
    return new Report(seed, first.hash(), second.hash(), compare(first, second));
  }

  /** The first event at which two traces differ, or empty if they are the same run. */
  public static Optional<Divergence> compare(Trace first, Trace second) {
    int common = Math.min(first.retainedCount(), second.retainedCount());
    for (int i = 0; i < common; i++) {
      if (!first.sameRecord(i, second)) {
        return Optional.of(
            new Divergence(i, Optional.of(first.record(i)), Optional.of(second.record(i)), false));
      }
    }
    if (first.hash() == second.hash() && first.eventCount() == second.eventCount()) {
      return Optional.empty();
    }
    if (first.complete() && second.complete()) {
      // One run is a prefix of the other: they part where the shorter one ended.
      return Optional.of(
          new Divergence(
              common,
              common < first.retainedCount() ? Optional.of(first.record(common)) : Optional.empty(),
              common < second.retainedCount() ? Optional.of(second.record(common)) : Optional.empty(),
              false));
    }
    return Optional.of(new Divergence(common, Optional.empty(), Optional.empty(), true));
  }
}
