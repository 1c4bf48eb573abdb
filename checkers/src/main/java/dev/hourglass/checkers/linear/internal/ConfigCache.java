package dev.hourglass.checkers.linear.internal;

import java.util.Arrays;

/**
 * The memo of a WGL search: the (linearized set, model state) configurations already explored.
 * Open addressing on a 64-bit hash (Zobrist hash of the set mixed with the state's hash); a hit
 * is confirmed by comparing the bitset and the state, because a false "seen" would prune a path
 * that might have been the linearization — a wrong verdict. Bitsets live in one long[] arena.
 */
final class ConfigCache {
  private final int words;
  private final Budget budget;
  private final long bytesPerEntry;
  private long[] hashes;
  private int[] offsets; // into arena, -1 = empty
  private Object[] states;
  private long[] arena;
  private int arenaUsed;
  private int size;
  private int mask;

  ConfigCache(int words, Budget budget) {
    this.words = words;
    this.budget = budget;
    this.bytesPerEntry = 48L + 8L * words;
    int capacity = 1 << 6; // grows by doubling; small histories should not pay for big tables
    hashes = new long[capacity];
    offsets = new int[capacity];
    Arrays.fill(offsets, -1);
    states = new Object[capacity];
    arena = new long[Math.max(words, 1) * 32];
    mask = capacity - 1;
  }

  int size() {
    return size;
  }

  /**
   * Adds the configuration; true if it was new, false if already present or the memory budget is
   * exhausted (check {@link Budget#stopReason()}).
   */
  boolean add(long hash, long[] bits, Object state) {
    int i = (int) (hash ^ (hash >>> 32)) & mask;
    while (offsets[i] >= 0) {
      if (hashes[i] == hash && sameBits(offsets[i], bits) && states[i].equals(state)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (!budget.reserve(bytesPerEntry)) {
      return false;
    }
    if (arenaUsed + words > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + words));
    }
    System.arraycopy(bits, 0, arena, arenaUsed, words);
    hashes[i] = hash;
    offsets[i] = arenaUsed;
    states[i] = state;
    arenaUsed += words;
    if (++size * 2 > hashes.length) {
      grow();
    }
    return true;
  }

  private boolean sameBits(int offset, long[] bits) {
    for (int w = 0; w < words; w++) {
      if (arena[offset + w] != bits[w]) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldOffsets = offsets;
    Object[] oldStates = states;
    int capacity = oldHashes.length * 2;
    hashes = new long[capacity];
    offsets = new int[capacity];
    Arrays.fill(offsets, -1);
    states = new Object[capacity];
    mask = capacity - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      if (oldOffsets[j] >= 0) {
        int i = (int) (oldHashes[j] ^ (oldHashes[j] >>> 32)) & mask;
        while (offsets[i] >= 0) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        offsets[i] = oldOffsets[j];
        states[i] = oldStates[j];
      }
    }
  }
}
