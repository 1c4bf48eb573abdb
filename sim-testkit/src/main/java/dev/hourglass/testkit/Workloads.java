package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.List;

/** Built-in operation mixes, in the shapes the checkers' models read. */
public final class Workloads {
  private Workloads() {}

  /**
   * A register: {@code read} (value nil until the reply), {@code write v} with small values, and
   * with {@code cas} also {@code cas [a b]}; reads are {@code readFraction} of the mix.
   */
  public static OpGenerator register(double readFraction, boolean cas) {
    checkArgument(readFraction >= 0 && readFraction <= 1, "readFraction must be in [0, 1]: readFraction=%s", readFraction);
    return random -> {
      double roll = random.nextDouble();
      if (roll < readFraction) {
        return new ClientOp("read", null);
      }
      if (cas && roll < readFraction + (1 - readFraction) / 2) {
        return new ClientOp("cas", List.of((long) random.nextInt(5), (long) random.nextInt(5)));
      }
      return new ClientOp("write", (long) random.nextInt(5));
    };
  }

  /**
   * A key-value store over {@code keys}: {@code get [k nil]}, {@code put [k v]} and {@code append
   * [k v]} with values unique per client, as the {@code kv} model reads them.
   */
  public static OpGenerator keyValue(KeyDistribution keys, double getFraction, double appendFraction) {
    checkArgument(getFraction >= 0 && appendFraction >= 0 && getFraction + appendFraction <= 1,
        "getFraction and appendFraction must be >= 0 and add up to at most 1: getFraction=%s appendFraction=%s",
        getFraction, appendFraction);
    // No state of its own: one generator may serve many runs on many threads at once.
    return random -> {
      String key = "k" + keys.next(random);
      double roll = random.nextDouble();
      if (roll < getFraction) {
        return new ClientOp("get", Arrays.asList(key, null));
      }
      String value = "v" + Long.toHexString(random.nextLong()) + ";"; // unique with overwhelming odds
      return new ClientOp(roll < getFraction + appendFraction ? "append" : "put", Arrays.asList(key, value));
    };
  }
}
