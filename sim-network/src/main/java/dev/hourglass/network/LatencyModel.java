package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.SimRandom;
import java.time.Duration;

/**
 * How long a message takes on a link, sampled per message from the network's seeded stream.
 * Reordering needs no separate switch: two messages with independent latencies arrive in either
 * order (unless the link is FIFO). All values are virtual nanoseconds.
 */
public sealed interface LatencyModel {
  /** A latency in nanoseconds, ≥ 0. */
  long sampleNanos(SimRandom random);

  /** Every message takes exactly {@code nanos}. */
  record Constant(long nanos) implements LatencyModel {
    public Constant {
      checkArgument(nanos >= 0, "nanos must be >= 0: nanos=%s", nanos);
    }

    @Override
    public long sampleNanos(SimRandom random) {
      return nanos;
    }
  }

  /** Uniform in [{@code nanosMin}, {@code nanosMax}]. */
  record Uniform(long nanosMin, long nanosMax) implements LatencyModel {
    public Uniform {
      checkArgument(nanosMin >= 0, "nanosMin must be >= 0: nanosMin=%s", nanosMin);
      checkArgument(nanosMax >= nanosMin, "nanosMax must be >= nanosMin: nanosMin=%s nanosMax=%s", nanosMin, nanosMax);
    }

    @Override
    public long sampleNanos(SimRandom random) {
      return nanosMin == nanosMax ? nanosMin : random.nextLong(nanosMin, nanosMax + 1);
    }
  }

  /** Normal with {@code meanNanos} and {@code stddevNanos}, clipped below at {@code nanosMin}. */
  record Normal(long meanNanos, long stddevNanos, long nanosMin) implements LatencyModel {
    public Normal {
      checkArgument(stddevNanos >= 0, "stddevNanos must be >= 0: stddevNanos=%s", stddevNanos);
      checkArgument(nanosMin >= 0, "nanosMin must be >= 0: nanosMin=%s", nanosMin);
    }

    @Override
    public long sampleNanos(SimRandom random) {
      double x = meanNanos + stddevNanos * random.nextGaussian();
      return Math.max(nanosMin, (long) x);
    }
  }

  /**
   * Log-normal: {@code medianNanos · e^(sigma·Z)}, capped at {@code nanosMax} — the usual shape
   * of real network latency (a floor, a bulk, a right tail).
   */
  record LogNormal(long medianNanos, double sigma, long nanosMax) implements LatencyModel {
    public LogNormal {
      checkArgument(medianNanos > 0, "medianNanos must be positive: medianNanos=%s", medianNanos);
      checkArgument(sigma >= 0 && sigma <= 10, "sigma must be in [0, 10]: sigma=%s", sigma);
      checkArgument(nanosMax >= medianNanos, "nanosMax must be >= medianNanos: medianNanos=%s nanosMax=%s", medianNanos, nanosMax);
    }

    @Override
    public long sampleNanos(SimRandom random) {
      double x = medianNanos * Math.exp(sigma * random.nextGaussian());
      return x >= nanosMax ? nanosMax : (long) x;
    }
  }

  /**
   * A long-tail mix: most messages follow {@code fast}, a fraction {@code slowProbability}
   * follow {@code slow} (a retransmission, a congested switch, a GC on a proxy).
   */
  record LongTail(LatencyModel fast, double slowProbability, LatencyModel slow) implements LatencyModel {
    public LongTail {
      checkNotNull(fast, "fast");
      checkNotNull(slow, "slow");
      checkArgument(
          slowProbability >= 0 && slowProbability <= 1,
          "slowProbability must be in [0, 1]: slowProbability=%s",
          slowProbability);
    }

    @Override
    public long sampleNanos(SimRandom random) {
      return random.chance(slowProbability) ? slow.sampleNanos(random) : fast.sampleNanos(random);
    }
  }

  static LatencyModel constant(Duration latency) {
    return new Constant(latency.toNanos());
  }

  static LatencyModel uniform(Duration min, Duration max) {
    return new Uniform(min.toNanos(), max.toNanos());
  }

  /** Our default: 0.5 ms median log-normal (sigma 0.5), capped at 50 ms, with 1% at 10–100 ms. */
  static LatencyModel datacenter() {
    return new LongTail(
        new LogNormal(500_000, 0.5, 50_000_000), 0.01, new Uniform(10_000_000, 100_000_000));
  }
}
