package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * One of {@code count} disjoint parts of a campaign, for spreading it over CI jobs: shard {@code
 * i/n} runs exactly the seeds whose <em>seed index</em> k (position in the {@link SeedSet}, from
 * 0) has {@code k mod n == i}. The n shards of one seed set partition it: every seed runs in
 * exactly one shard. Shards are numbered from 0, like Kubernetes' {@code JOB_COMPLETION_INDEX}.
 *
 * @param index this shard, 0 ≤ index < count
 * @param count how many shards, ≥ 1
 */
public record Shard(int index, int count) {
  /** The whole campaign: {@code 0/1}. */
  public static final Shard ALL = new Shard(0, 1);

  /** More shards than this is a typo, not a CI setup. */
  public static final int COUNT_MAX = 1_000_000;

  public Shard {
    checkArgument(count >= 1 && count <= COUNT_MAX, "shard count must be in 1..%s: count=%s", COUNT_MAX, count);
    checkArgument(index >= 0 && index < count,
        "shard index must be in 0..%s (shards are numbered from 0): index=%s count=%s", count - 1, index, count);
  }

  /**
   * Parses {@code i/n}, e.g. {@code 0/4} .. {@code 3/4}.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public static Shard parse(String text) {
    checkArgument(text != null, "shard must not be null");
    String t = text.trim();
    String bad = "not a shard: '" + text + "' (expected i/n with 0 <= i < n, e.g. 0/4)";
    int slash = t.indexOf('/');
    if (slash <= 0 || slash == t.length() - 1) {
      throw new IllegalArgumentException(bad);
    }
    int index;
    int count;
    try {
      index = Integer.parseInt(t.substring(0, slash));
      count = Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(bad);
    }
    try {
      return new Shard(index, count);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a shard: '" + text + "': " + e.getMessage());
    }
  }

  /** True if seed index {@code seedIndex} belongs to this shard. */
  public boolean owns(long seedIndex) {
    checkArgument(seedIndex >= 0, "seedIndex must be >= 0: seedIndex=%s", seedIndex);
    return seedIndex % count == index;
  }

  /** How many of the seed indices 0 .. total-1 this shard owns. */
  public long sizeOf(long total) {
    checkArgument(total >= 0, "total must be >= 0: total=%s", total);
    return total <= index ? 0 : (total - index - 1) / count + 1;
  }

  /** The seed index of this shard's {@code position}-th seed (from 0). */
  public long seedIndex(long position) {
    checkArgument(position >= 0, "position must be >= 0: position=%s", position);
    return index + position * count;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
