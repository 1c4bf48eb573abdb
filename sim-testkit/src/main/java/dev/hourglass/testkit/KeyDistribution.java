package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.runtime.SimRandom;

/** Which key an operation touches: uniform over {@code keys}, or zipfian (a few hot keys). */
public sealed interface KeyDistribution {
  /** A key index in [0, keys). */
  int next(SimRandom random);

  int keys();

  record Uniform(int keys) implements KeyDistribution {
    public Uniform {
      checkArgument(keys >= 1, "keys must be >= 1: keys=%s", keys);
    }

    @Override
    public int next(SimRandom random) {
      return random.nextInt(keys);
    }
  }

  /**
   * Zipf with exponent {@code skew} (1.0 is the classic): key k is drawn with probability
   * proportional to 1 / (k + 1)^skew, by inverting a precomputed cumulative table.
   */
  record Zipfian(int keys, double skew, double[] cumulative) implements KeyDistribution {
    public Zipfian {
      checkArgument(keys >= 1, "keys must be >= 1: keys=%s", keys);
      checkArgument(skew > 0, "skew must be positive: skew=%s", skew);
    }

    public Zipfian(int keys, double skew) {
      this(keys, skew, table(keys, skew));
    }

    private static double[] table(int keys, double skew) {
      double[] c = new double[keys];
      double sum = 0;
      for (int k = 0; k < keys; k++) {
        sum += 1 / Math.pow(k + 1, skew);
        c[k] = sum;
      }
      for (int k = 0; k < keys; k++) {
        c[k] /= sum;
      }
      return c;
    }

    @Override
    public int next(SimRandom random) {
      double u = random.nextDouble();
      int lo = 0;
      int hi = keys - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
