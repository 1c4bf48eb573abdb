package dev.hourglass.checkers.txn.internal;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * Real-time and process order between transactions, as Elle builds them.
 *
 * <p><b>Real time.</b> T1 precedes T2 when T1 completed ok before T2 was invoked. Elle keeps a
 * transitive reduction of that relation: an edge from each ok transaction T1 to every
 * transaction invoked after T1 completed, until some ok transaction invoked after T1 completed
 * has itself completed. Because transactions are numbered by invocation, those targets are a
 * contiguous range of numbers, {@code lo[t] .. hi[t]-1} (skipping the completion-only ones,
 * which have no invocation): two ints per transaction instead of an edge list.
 *
 * <p><b>Process.</b> Each process's ok transactions, in completion order, each linked to the
 * next.
 */
public final class Orders {
  private Orders() {}

  /** Real-time ranges. */
  public static final class Realtime {
    public final int[] lo;
    public final int[] hi;
    /** Targets worth walking: invoked, and not failed (a failed transaction leads nowhere). */
    public final boolean[] walkable;
    /** Whether the reduced real-time graph has any edge at all (failed targets included). */
    public final boolean anyEdge;
    private final TxnHistory h;

    private Realtime(TxnHistory h, int[] lo, int[] hi, boolean[] walkable, boolean anyEdge) {
      this.h = h;
      this.lo = lo;
      this.hi = hi;
      this.walkable = walkable;
      this.anyEdge = anyEdge;
    }

    /** Whether t -> u is an edge of the reduced real-time graph. */
    public boolean edge(int t, int u) {
      return u >= lo[t] && u < hi[t] && h.invokeEntry[u] >= 0;
    }
  }

  public static Realtime realtime(TxnHistory h) {
    int n = h.n;
    int[] start = new int[n];
    for (int t = 0; t < n; t++) {
      start[t] = h.startEntry(t);
    }
    int[] sufMin = new int[n + 1];
    sufMin[n] = Integer.MAX_VALUE;
    for (int t = n - 1; t >= 0; t--) {
      int c = h.isOk(t) && h.invokeEntry[t] >= 0 ? h.completeEntry[t] : Integer.MAX_VALUE;
      sufMin[t] = Math.min(sufMin[t + 1], c);
    }
    int[] lo = new int[n];
    int[] hi = new int[n];
    boolean[] walkable = new boolean[n];
    boolean any = false;
    for (int t = 0; t < n; t++) {
      walkable[t] = h.invokeEntry[t] >= 0 && h.type[t] != TxnHistory.FAIL;
      if (!h.isOk(t)) {
        continue;
      }
      int c = h.completeEntry[t];
      int l = upperBound(start, c);
      int m = sufMin[l];
      int r = m == Integer.MAX_VALUE ? n : lowerBound(start, m);
      lo[t] = l;
      hi[t] = r;
      if (!any) {
        for (int u = l; u < r; u++) {
          if (h.invokeEntry[u] >= 0) {
            any = true;
            break;
          }
        }
      }
    }
    return new Realtime(h, lo, hi, walkable, any);
  }

  /** For each ok transaction, the next ok transaction of its process (by completion), or -1. */
  public static int[] processNext(TxnHistory h) {
    int n = h.n;
    int okCount = 0;
    for (int t = 0; t < n; t++) {
      if (h.isOk(t)) {
        okCount++;
      }
    }
    int[] oks = new int[okCount];
    int k = 0;
    for (int t = 0; t < n; t++) {
      if (h.isOk(t)) {
        oks[k++] = t;
      }
    }
    int[] done = h.completeEntry;
    IntArrays.stableSort(oks, (a, b) -> Integer.compare(done[a], done[b]));
    int[] next = new int[n];
    Arrays.fill(next, -1);
    Int2IntOpenHashMap last = new Int2IntOpenHashMap();
    last.defaultReturnValue(-1);
    for (int t : oks) {
      int prev = last.put(h.process[t], t);
      if (prev >= 0) {
        next[prev] = t;
      }
    }
    return next;
  }

  /** First index with a[i] > x. */
  private static int upperBound(int[] a, int x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** First index with a[i] >= x. */
  private static int lowerBound(int[] a, int x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
