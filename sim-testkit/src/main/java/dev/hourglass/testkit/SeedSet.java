package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.Seeds;
import java.util.List;

/**
 * The seeds of a campaign, numbered by a <em>seed index</em> 0, 1, 2, ... — the number that
 * {@link Shard sharding} divides. A range (a count from a start) or an explicit list.
 */
public sealed interface SeedSet {
  /** How many seeds. */
  long size();

  /** The seed at {@code index}, 0 ≤ index < size(). */
  long seedAt(long index);

  /** {@code 1000 seeds from 0x…01} or {@code 3 listed seeds}. */
  String describe();

  /** {@code count} consecutive seeds from {@code start}: seed index k is {@code start + k}. */
  static SeedSet count(long start, long count) {
    return new Range(start, count);
  }

  /** The seeds from {@code startInclusive} to {@code endExclusive}. */
  static SeedSet range(long startInclusive, long endExclusive) {
    checkArgument(endExclusive > startInclusive,
        "a seed range needs endExclusive > startInclusive: startInclusive=%s endExclusive=%s", startInclusive, endExclusive);
    return new Range(startInclusive, endExclusive - startInclusive);
  }

  /** Exactly these seeds, in this order: seed index k is {@code seeds.get(k)}. */
  static SeedSet of(List<Long> seeds) {
    return new Listed(seeds);
  }

  /**
   * Consecutive seeds. Seeds are 64-bit patterns: past {@code 0xffffffffffffffff} the range wraps
   * to 0.
   *
   * @param start the seed at index 0
   * @param count how many, ≥ 1
   */
  record Range(long start, long count) implements SeedSet {
    public Range {
      checkArgument(count >= 1, "a seed range needs count >= 1: count=%s", count);
    }

    @Override
    public long size() {
      return count;
    }

    @Override
    public long seedAt(long index) {
      checkArgument(index >= 0 && index < count, "index must be in [0, %s): index=%s", count, index);
      return start + index;
    }

    @Override
    public String describe() {
      return count + (count == 1 ? " seed" : " seeds") + " from " + Seeds.format(start);
    }
  }

  /** Explicit seeds, e.g. a corpus of failing ones. */
  record Listed(List<Long> seeds) implements SeedSet {
    public Listed {
      checkNotNull(seeds, "seeds");
      seeds = List.copyOf(seeds);
      checkArgument(!seeds.isEmpty(), "a seed list must not be empty");
    }

    @Override
    public long size() {
      return seeds.size();
    }

    @Override
    public long seedAt(long index) {
      checkElementIndex((int) Math.min(index, Integer.MAX_VALUE), seeds.size(), "index");
      return seeds.get((int) index);
    }

    @Override
    public String describe() {
      return seeds.size() + (seeds.size() == 1 ? " listed seed" : " listed seeds");
    }
  }
}
