package dev.hourglass.checkers.linear;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * Budgets of a linearizability check. Running out of either gives {@link Verdict#UNKNOWN} with
 * the reason — never a hang, never an OutOfMemoryError.
 *
 * @param timeLimit wall-clock time for the whole check; default 60 s
 * @param cacheBytesMax memory for memoised (linearized set, state) configurations, over all
 *     partitions, estimated as 48 bytes per entry plus its bitset (one bit per operation of the
 *     partition) plus a share for the state; default a quarter of the JVM's maximum heap, leaving room for the tables' growth
 * @param parallelism partitions checked at once; default the number of processors
 */
public record CheckOptions(Duration timeLimit, long cacheBytesMax, int parallelism) {
  public CheckOptions {
    checkArgument(!timeLimit.isNegative() && !timeLimit.isZero(), "timeLimit must be positive: timeLimit=%s", timeLimit);
    checkArgument(cacheBytesMax > 0, "cacheBytesMax must be positive: cacheBytesMax=%s", cacheBytesMax);
    checkArgument(parallelism >= 1, "parallelism must be >= 1: parallelism=%s", parallelism);
  }

  public static CheckOptions defaults() {
    return new CheckOptions(
        Duration.ofSeconds(60), Runtime.getRuntime().maxMemory() / 4, Runtime.getRuntime().availableProcessors());
  }

  public CheckOptions withTimeLimit(Duration value) {
    return new CheckOptions(value, cacheBytesMax, parallelism);
  }

  public CheckOptions withCacheBytesMax(long value) {
    return new CheckOptions(timeLimit, value, parallelism);
  }

  public CheckOptions withParallelism(int value) {
    return new CheckOptions(timeLimit, cacheBytesMax, value);
  }
}
