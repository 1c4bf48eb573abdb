package dev.hourglass.runtime.internal;

/**
 * Stable 64-bit mixing and hashing. Everything here is specified by this file alone, never by a
 * JDK implementation detail, so that a seed and a trace hash mean the same on every JVM and
 * every version of Hourglass that keeps this file.
 */
public final class Mix {
  private Mix() {}

  public static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64's finaliser (Stafford variant 13): a bijection with good avalanche. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 code units of {@code s}, then mixed: stable across JVMs. */
  public static long hash64(CharSequence s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return mix64(h);
  }

  /** Folds {@code value} into the running hash {@code h}; order-sensitive. */
  public static long fold(long h, long value) {
    return Long.rotateLeft((h ^ value) * GOLDEN, 29) + 0x632BE59BD9B4E019L;
  }
}
