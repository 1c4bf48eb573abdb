package dev.hourglass.checkers.txn.internal;

import java.util.Arrays;

/** An int array that grows on write and reads {@code fill} past its end. */
final class GrowInts {
  private int[] a;
  private final int fill;

  GrowInts(int capacity, int fill) {
    this.a = new int[Math.max(16, capacity)];
    this.fill = fill;
    if (fill != 0) {
      Arrays.fill(a, fill);
    }
  }

  int get(int i) {
    return i < a.length ? a[i] : fill;
  }

  void set(int i, int v) {
    if (i >= a.length) {
      int old = a.length;
      a = Arrays.copyOf(a, Math.max(i + 1, old + (old >> 1)));
      if (fill != 0) {
        Arrays.fill(a, old, a.length, fill);
      }
    }
    a[i] = v;
  }

  /** The first {@code n} values as an exact array. */
  int[] toArray(int n) {
    int[] out = Arrays.copyOf(a, n);
    if (n > a.length && fill != 0) {
      Arrays.fill(out, a.length, n, fill);
    }
    return out;
  }
}
