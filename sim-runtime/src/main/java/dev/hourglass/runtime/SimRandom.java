package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.runtime.internal.Mix;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * A seeded random stream (xoshiro256**, seeded through SplitMix64). Streams are forked by name:
 * {@code fork("net")} depends only on this stream's key and the name, never on how much was drawn,
 * so a component that starts drawing more numbers does not change what any other component sees.
 *
 * <p>The algorithm is part of what a seed means: changing it changes every recorded seed.
 * Not thread-safe; a simulation is single-threaded.
 */
public final class SimRandom implements RandomGenerator {
  private final long key;
  private long s0;
  private long s1;
  private long s2;
  private long s3;

  /** A stream whose whole output is determined by {@code seed}. */
  public SimRandom(long seed) {
    this.key = seed;
    long x = seed;
    s0 = Mix.mix64(x += Mix.GOLDEN);
    s1 = Mix.mix64(x += Mix.GOLDEN);
    s2 = Mix.mix64(x += Mix.GOLDEN);
    s3 = Mix.mix64(x + Mix.GOLDEN);
    if ((s0 | s1 | s2 | s3) == 0) {
      s0 = Mix.GOLDEN; // xoshiro must never have an all-zero state
    }
  }

  /** The key this stream was created from (the run seed for the root stream). */
  public long key() {
    return key;
  }

  /** An independent stream named {@code name}: the same name always gives the same stream. */
  public SimRandom fork(String name) {
    checkArgument(name != null && !name.isEmpty(), "fork name must be non-empty");
    return new SimRandom(Mix.mix64(key ^ Mix.hash64(name)) ^ Mix.GOLDEN);
  }

  @Override
  public long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, bound), without modulo bias (Lemire's method). */
  @Override
  public int nextInt(int bound) {
    checkArgument(bound > 0, "bound must be positive: bound=%s", bound);
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform in [origin, bound). */
  @Override
  public long nextLong(long origin, long bound) {
    checkArgument(origin < bound, "origin must be < bound: origin=%s bound=%s", origin, bound);
    long range = bound - origin;
    if (range > 0) {
      long limit = Long.MAX_VALUE - (Long.MAX_VALUE % range) - 1;
      long r;
      do {
        r = nextLong() >>> 1;
      } while (r > limit);
      return origin + r % range;
    }
    long r; // the range overflowed a long: rejection-sample the full 64 bits
    do {
      r = nextLong();
    } while (r < origin || r >= bound);
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability {@code p} (0 ≤ p ≤ 1). */
  public boolean chance(double p) {
    checkArgument(p >= 0 && p <= 1, "probability must be in [0, 1]: p=%s", p);
    return p > 0 && (p >= 1 || nextDouble() < p);
  }

  /** Standard normal by Box–Muller (ours, so it never depends on a JDK's algorithm). */
  @Override
  public double nextGaussian() {
    double u1;
    do {
      u1 = nextDouble();
    } while (u1 <= 0);
    double u2 = nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * A {@link java.util.Random} view drawing from this stream, for libraries that insist on one.
   * Its {@code setSeed} is rejected: the stream's seed belongs to the simulation.
   */
  public Random asRandom() {
    return new StreamRandom(this);
  }

  private static final class StreamRandom extends Random {
    private final transient SimRandom source;
    private final transient boolean constructed;

    StreamRandom(SimRandom source) {
      super(0); // seeded super constructor; its own state is never used
      this.source = source;
      this.constructed = true;
    }

    @Override
    protected int next(int bits) {
      return (int) (source.nextLong() >>> (64 - bits));
    }

    @Override
    public long nextLong() {
      return source.nextLong();
    }

    @Override
    public synchronized void setSeed(long seed) {
      if (constructed) { // Random's constructor calls setSeed before our fields exist
        throw new IllegalStateException("the seed of a simulation stream cannot be reset");
      }
    }
  }
}
