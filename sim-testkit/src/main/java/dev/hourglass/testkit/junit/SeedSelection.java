package dev.hourglass.testkit.junit;

import dev.hourglass.runtime.Seeds;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Which seeds a {@link SimulationTest} runs: its attributes, overridden by the {@code
 * hourglass.*} properties. The rules are documented on {@link SimulationTest}; every invalid
 * input is rejected here with a message naming the property or attribute, its value, the test
 * and what a valid value looks like.
 *
 * @param explicit seeds to run in this order; when empty, the sweep {@code start, start+1, …}
 * @param start first seed of the sweep (seeds wrap around past {@code 0xffffffffffffffff})
 * @param count seeds in the sweep
 */
record SeedSelection(long[] explicit, long start, int count) {
  static final String SEED = "hourglass.seed";
  static final String SEEDS = "hourglass.seeds";
  static final String START = "hourglass.start";

  /**
   * @param test the test's name for messages ({@code RegisterTest#linearizable})
   * @param parameters a configuration parameter's value by key (JUnit's, which falls back to
   *     system properties)
   */
  static SeedSelection of(SimulationTest annotation, String test, Function<String, Optional<String>> parameters) {
    Optional<String> seed = parameters.apply(SEED);
    if (seed.isPresent()) {
      long s = parseSeed(SEED, seed.get(), test);
      return new SeedSelection(new long[] {s}, s, 1);
    }
    long[] list = annotation.seedList();
    if (list.length > 0) {
      long[] sorted = list.clone();
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] == sorted[i - 1]) {
          throw new IllegalArgumentException("@SimulationTest(seedList) on " + test + " lists seed "
              + Seeds.format(sorted[i]) + " twice; each seed runs at most once");
        }
      }
      return new SeedSelection(list.clone(), list[0], list.length);
    }
    if (annotation.seeds() <= 0) {
      throw new IllegalArgumentException("@SimulationTest(seeds) on " + test + " must be positive: seeds="
          + annotation.seeds());
    }
    int count = annotation.seeds();
    Optional<String> countText = parameters.apply(SEEDS);
    if (countText.isPresent()) {
      count = parseCount(countText.get(), test);
    }
    long start = annotation.start();
    Optional<String> startText = parameters.apply(START);
    if (startText.isPresent()) {
      start = parseSeed(START, startText.get(), test);
    }
    return new SeedSelection(new long[0], start, count);
  }

  /** The seeds, lazily: a sweep of a million seeds is never materialised. */
  LongStream seeds() {
    if (explicit.length > 0) {
      return Arrays.stream(explicit);
    }
    long first = start;
    return LongStream.range(0, count).map(i -> first + i);
  }

  private static long parseSeed(String key, String text, String test) {
    try {
      return Seeds.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + key + " for " + test + " is not a seed: " + key + "='" + text
          + "' (expected a decimal number such as 42 or 0x followed by up to 16 hex digits such as 0x2a)", e);
    }
  }

  private static int parseCount(String text, String test) {
    String digits = text.strip().replace("_", "");
    int count;
    try {
      count = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEEDS + " for " + test + " is not a seed count: " + SEEDS + "='" + text
          + "' (expected a whole number from 1 to " + Integer.MAX_VALUE + ", such as 1000)", e);
    }
    if (count <= 0) {
      throw new IllegalArgumentException("-D" + SEEDS + " for " + test + " must be positive: " + SEEDS + "='" + text
          + "' (expected a whole number from 1 to " + Integer.MAX_VALUE + ", such as 1000)");
    }
    return count;
  }
}
