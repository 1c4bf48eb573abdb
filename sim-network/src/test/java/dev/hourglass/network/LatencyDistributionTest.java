package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimRandom;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The latency models produce the distributions they are configured with: measured over 100,000
 * draws from fixed seeds, with bounds several standard errors wide, so the tests are exact
 * (seeded) and would still pass for any reasonable seed.
 */
class LatencyDistributionTest {
  private static final int N = 100_000;
  private static final long[] SEEDS = {1, 42, 0xC0FFEEL};
  private static final long MS = 1_000_000;

  private static long[] sample(LatencyModel model, long seed) {
    SimRandom random = new SimRandom(seed);
    long[] xs = new long[N];
    for (int i = 0; i < N; i++) {
      xs[i] = model.sampleNanos(random);
    }
    return xs;
  }

  private static double mean(long[] xs) {
    double sum = 0;
    for (long x : xs) {
      sum += x;
    }
    return sum / xs.length;
  }

  private static double stddev(long[] xs) {
    double m = mean(xs);
    double sum = 0;
    for (long x : xs) {
      sum += (x - m) * (x - m);
    }
    return Math.sqrt(sum / (xs.length - 1));
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double fraction(long[] xs, java.util.function.LongPredicate p) {
    return (double) Arrays.stream(xs).filter(p).count() / xs.length;
  }

  private static void assertNear(double expected, double actual, double relativeTolerance, String what) {
    assertTrue(
        Math.abs(actual - expected) <= Math.abs(expected) * relativeTolerance,
        what + ": expected " + expected + " ± " + relativeTolerance * 100 + "% but was " + actual);
  }

  private static void assertWithin(double expected, double actual, double absoluteTolerance, String what) {
    assertTrue(
        Math.abs(actual - expected) <= absoluteTolerance,
        what + ": expected " + expected + " ± " + absoluteTolerance + " but was " + actual);
  }

  @Test
  @DisplayName("Constant gives exactly its value, every time")
  void constant() {
    for (long seed : SEEDS) {
      long[] xs = sample(new LatencyModel.Constant(3 * MS), seed);
      assertTrue(Arrays.stream(xs).allMatch(x -> x == 3 * MS));
    }
    assertEquals(new LatencyModel.Constant(7 * MS), LatencyModel.constant(Duration.ofMillis(7)));
    assertThrows(IllegalArgumentException.class, () -> new LatencyModel.Constant(-1));
  }

  @Test
  @DisplayName("Uniform stays within its inclusive bounds, reaches both ends, and is flat with the midpoint as mean")
  void uniform() {
    for (long seed : SEEDS) {
      long[] xs = sample(LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(3)), seed);
      long min = Arrays.stream(xs).min().orElseThrow();
      long max = Arrays.stream(xs).max().orElseThrow();
      assertTrue(min >= MS && max <= 3 * MS, "min=" + min + " max=" + max);
      assertTrue(min < MS + 1_000 && max > 3 * MS - 1_000, "the ends are reached: min=" + min + " max=" + max);
      assertNear(2 * MS, mean(xs), 0.005, "mean");
      assertNear(2 * MS / Math.sqrt(12), stddev(xs), 0.01, "stddev of a uniform");
      int[] bins = new int[10];
      for (long x : xs) {
        bins[(int) Math.min(9, (x - MS) * 10 / (2 * MS))]++;
      }
      for (int b : bins) {
        assertNear(N / 10.0, b, 0.05, "bin count " + Arrays.toString(bins));
      }
    }
    long[] point = sample(new LatencyModel.Uniform(5, 5), 1);
    assertTrue(Arrays.stream(point).allMatch(x -> x == 5));
    long[] tiny = sample(new LatencyModel.Uniform(5, 6), 1);
    assertWithin(0.5, fraction(tiny, x -> x == 6), 0.01, "both values of [5, 6]");
    assertThrows(IllegalArgumentException.class, () -> new LatencyModel.Uniform(5, 4));
  }

  @Test
  @DisplayName("Normal has its mean and standard deviation, 68% within one sigma, and is clipped at nanosMin")
  void normal() {
    for (long seed : SEEDS) {
      long[] xs = sample(new LatencyModel.Normal(10 * MS, 2 * MS, 0), seed);
      assertNear(10 * MS, mean(xs), 0.005, "mean");
      assertNear(2 * MS, stddev(xs), 0.01, "stddev");
      assertWithin(0.6827, fraction(xs, x -> Math.abs(x - 10 * MS) <= 2 * MS), 0.01, "within one sigma");
      assertWithin(0.0455, fraction(xs, x -> Math.abs(x - 10 * MS) > 4 * MS), 0.004, "beyond two sigma");

      // Mean 1 ms, sigma 2 ms, floor 0.5 ms: P(Z < -0.25) = 40.1% land on the floor.
      long[] clipped = sample(new LatencyModel.Normal(MS, 2 * MS, MS / 2), seed);
      assertTrue(Arrays.stream(clipped).allMatch(x -> x >= MS / 2));
      assertWithin(0.4013, fraction(clipped, x -> x == MS / 2), 0.01, "clipped to nanosMin");
    }
  }

  @Test
  @DisplayName("LogNormal has its median, the log-normal mean, log-scale sigma, and is capped at nanosMax")
  void logNormal() {
    double sigma = 0.5;
    for (long seed : SEEDS) {
      long[] xs = sample(new LatencyModel.LogNormal(500_000, sigma, 50 * MS), seed);
      assertNear(500_000, median(xs), 0.02, "median");
      assertNear(500_000 * Math.exp(sigma * sigma / 2), mean(xs), 0.02, "mean = median * e^(sigma^2/2)");
      double[] logs = Arrays.stream(xs).mapToDouble(Math::log).toArray();
      double logMean = Arrays.stream(logs).average().orElseThrow();
      double logSd = Math.sqrt(Arrays.stream(logs).map(l -> (l - logMean) * (l - logMean)).sum() / (N - 1));
      assertWithin(Math.log(500_000), logMean, 0.01, "mean of ln(latency)");
      assertNear(sigma, logSd, 0.02, "sd of ln(latency)");
      assertTrue(fraction(xs, x -> x > 1_000_000) < 0.1, "right tail");

      // Median 1 ms, sigma 2, cap 5 ms: P(Z > ln 5 / 2) = 21.1% are capped.
      long[] capped = sample(new LatencyModel.LogNormal(MS, 2.0, 5 * MS), seed);
      assertTrue(Arrays.stream(capped).allMatch(x -> x <= 5 * MS));
      assertWithin(0.2105, fraction(capped, x -> x == 5 * MS), 0.01, "capped at nanosMax");
    }
    assertThrows(IllegalArgumentException.class, () -> new LatencyModel.LogNormal(10, 0.5, 9));
  }

  @Test
  @DisplayName("LongTail sends its configured fraction down the slow model and the rest down the fast one")
  void longTail() {
    for (long seed : SEEDS) {
      long[] two = sample(
          new LatencyModel.LongTail(new LatencyModel.Constant(MS), 0.05, new LatencyModel.Constant(200 * MS)), seed);
      assertTrue(Arrays.stream(two).allMatch(x -> x == MS || x == 200 * MS));
      assertWithin(0.05, fraction(two, x -> x == 200 * MS), 0.004, "slow fraction");

      long[] dc = sample(LatencyModel.datacenter(), seed);
      assertWithin(0.01, fraction(dc, x -> x >= 10 * MS), 0.002, "datacenter: 1% take 10-100 ms");
      assertTrue(Arrays.stream(dc).allMatch(x -> x >= 0 && x <= 100 * MS), "bounded by the slow model's max");
      assertNear(500_000, median(dc), 0.03, "datacenter median");
      long[] slow = Arrays.stream(dc).filter(x -> x >= 10 * MS).toArray();
      assertNear(55 * MS, mean(slow), 0.06, "the slow part is uniform in 10-100 ms");
    }
    assertThrows(IllegalArgumentException.class,
        () -> new LatencyModel.LongTail(new LatencyModel.Constant(1), 1.5, new LatencyModel.Constant(2)));
  }

  record Stamped(long sentAtNanos) {}

  @Test
  @DisplayName("end to end, delivery times over the default datacenter model match it, and latencyNanosMax is the slowest delivery")
  void endToEnd() {
    NetFixture f = NetFixture.create(77, 2, LinkOptions.defaults()); // datacenter() latency
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    int count = 20_000;
    for (int i = 0; i < count; i++) {
      long at = i * 100_000L; // one every 0.1 ms
      f.sim.schedule(at, "send", i, () -> f.send(a, b, new Stamped(f.sim.nowNanos())));
    }
    f.sim.runFor(Duration.ofSeconds(5));
    f.assertNoFailure();

    long[] latencies = f.inbox(b).stream().mapToLong(r -> r.atNanos() - ((Stamped) r.message()).sentAtNanos()).toArray();
    assertEquals(count, latencies.length);
    assertNear(500_000, median(latencies), 0.03, "median latency");
    assertWithin(0.01, fraction(latencies, x -> x >= 10 * MS), 0.003, "slow fraction");
    LinkStats s = f.net.stats(a, b);
    assertEquals(Arrays.stream(latencies).max().orElseThrow(), s.latencyNanosMax());
    assertTrue(s.latencyNanosMax() > 10 * MS && s.latencyNanosMax() <= 100 * MS, "max=" + s.latencyNanosMax());
    assertEquals(count, s.sent());
    assertEquals(count, s.delivered());
  }
}
