package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.Evidence.data;
import static dev.hourglass.checkers.txn.internal.Evidence.fmt;
import static dev.hourglass.checkers.txn.internal.Evidence.keyText;
import static dev.hourglass.checkers.txn.internal.TxnHistory.FAIL;
import static dev.hourglass.checkers.txn.internal.TxnHistory.OK;

import dev.hourglass.checkers.txn.Anomaly;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The version order of rw-register keys, inferred from sources added one at a time, as Elle
 * does: the initial state (nil precedes every value read or written); with {@code :wfr-keys?},
 * writes follow reads (a transaction that externally reads v and writes v' of a key orders v
 * before v'); with {@code :sequential-keys?}, process order; with {@code :linearizable-keys?},
 * real-time order. For a transaction order, a transaction's final version of a key precedes the
 * first version seen by each next transaction (along the order) that touches the key.
 *
 * <p>A source whose edges make some key's versions cyclic is left out, and each cycle reported
 * as {@code cyclic-versions} with the sources that produced it. The result is a set of direct
 * edges between versions, as packed (from, to) pairs.
 */
final class VersionOrder {
  private final TxnHistory h;
  private final Externals x;
  private final Consumer<Anomaly> report;
  private final int n;
  /** The accepted version graph, as packed (from, to) version pairs. */
  private LongOpenHashSet versionEdges = new LongOpenHashSet();
  private final List<String> sources = new ArrayList<>();

  private VersionOrder(Externals x, Consumer<Anomaly> report) {
    this.h = x.h;
    this.x = x;
    this.report = report;
    this.n = h.n;
  }

  static LongOpenHashSet infer(Externals x, Orders.Realtime realtime, int[] processNext, boolean wfr, boolean sequential,
      boolean linearizable, Consumer<Anomaly> report) {
    VersionOrder v = new VersionOrder(x, report);
    v.versionGraphs(realtime, processNext, wfr, sequential, linearizable);
    return v.versionEdges;
  }

  static long pack(int from, int to) {
    return ((long) from << 32) | (to & 0xffffffffL);
  }

  private void versionGraphs(Orders.Realtime realtime, int[] processNext, boolean wfr, boolean sequential,
      boolean linearizable) {
    LongOpenHashSet initial = new LongOpenHashSet();
    for (int t = 0; t < n; t++) {
      if (h.type[t] == FAIL) {
        continue;
      }
      for (int i = x.extWriteStart[t]; i < x.extWriteStart[t + 1]; i++) {
        linkFromNil(initial, x.extWriteKey.getInt(i), x.extWriteVer.getInt(i));
      }
      for (int i = x.extReadStart[t]; i < x.extReadStart[t + 1]; i++) {
        linkFromNil(initial, x.extReadKey.getInt(i), x.extReadVer.getInt(i));
      }
    }
    accept("initial-state", initial);
    if (wfr) {
      LongOpenHashSet g = new LongOpenHashSet();
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        for (int i = x.extReadStart[t]; i < x.extReadStart[t + 1]; i++) {
          int v = x.extReadVer.getInt(i);
          if (x.display(v) == null) {
            continue;
          }
          int w = x.extWrite(t, x.extReadKey.getInt(i));
          if (w >= 0) {
            g.add(pack(v, w));
          }
        }
      }
      accept("wfr-keys", g);
    }
    if (sequential) {
      accept("sequential-keys", fromTxnOrder(processNext == null ? Orders.processNext(h) : processNext, null));
    }
    if (linearizable) {
      accept("linearizable-keys", fromTxnOrder(null, realtime == null ? Orders.realtime(h) : realtime));
    }
  }

  private void linkFromNil(LongOpenHashSet g, int k, int ver) {
    if (x.display(ver) != null) {
      g.add(pack(x.versions.intern(k, Externals.NIL), ver));
    }
  }

  /** Adds a source's version edges unless they make some key's order cyclic. */
  private void accept(String source, LongOpenHashSet more) {
    LongOpenHashSet merged = new LongOpenHashSet(versionEdges);
    merged.addAll(more);
    List<int[]> cycles = versionCycles(merged);
    List<String> names = new ArrayList<>(sources);
    names.add(source);
    if (cycles.isEmpty()) {
      versionEdges = merged;
      sources.add(source);
      return;
    }
    for (int[] scc : cycles) {
      int k = x.versions.key(scc[0]);
      Object key = h.keys.get(k);
      TreeSet<String> values = new TreeSet<>();
      List<Object> raw = new ArrayList<>();
      for (int v : scc) {
        values.add(fmt(x.display(v)));
        raw.add(x.display(v));
      }
      report.accept(new Anomaly("cyclic-versions",
          "the version order inferred for " + keyText(key) + " is cyclic", List.of(),
          List.of(Evidence.step("From " + String.join(", ", names) + ", the versions " + String.join(", ", values) + " of "
              + keyText(key) + " each come before another: no order of writes can satisfy that.")),
          data("key", key, "scc", raw, "sources", names)));
    }
  }

  /** The strongly connected version sets (two or more x.versions) of a version graph. */
  private List<int[]> versionCycles(LongOpenHashSet g) {
    int nv = x.versions.size();
    Csr.Builder b = new Csr.Builder();
    for (long e : g) {
      int from = (int) (e >>> 32);
      int to = (int) e;
      if (from != to) {
        b.add(from, to, Rels.WW);
      }
    }
    Tarjan scc = Tarjan.of(b.build(nv), Rels.WW, null);
    List<IntArrayList> members = new ArrayList<>();
    for (int c = 0; c < scc.count; c++) {
      members.add(scc.nontrivial(c) ? new IntArrayList() : null);
    }
    for (int v = 0; v < nv; v++) {
      IntArrayList l = members.get(scc.comp[v]);
      if (l != null) {
        l.add(v);
      }
    }
    List<int[]> out = new ArrayList<>();
    for (IntArrayList l : members) {
      if (l != null) {
        out.add(l.toIntArray());
      }
    }
    out.sort((a, c) -> Integer.compare(x.versions.key(a[0]), x.versions.key(c[0])));
    return out;
  }

  /**
   * Version edges from a transaction order, assuming each key is sequentially consistent
   * (process order) or linearizable (real-time order): each transaction's final version of a
   * key precedes the first version seen by the next transactions that touch the key.
   */
  private LongOpenHashSet fromTxnOrder(int[] processNext, Orders.Realtime realtime) {
    LongOpenHashSet g = new LongOpenHashSet();
    // keys each transaction touches externally: ok: reads and writes; info: writes
    if (processNext != null) {
      boolean[] hasPrev = new boolean[n];
      for (int t = 0; t < n; t++) {
        if (processNext[t] >= 0) {
          hasPrev[processNext[t]] = true;
        }
      }
      for (int head = 0; head < n; head++) {
        if (h.type[head] != OK || hasPrev[head]) {
          continue;
        }
        Int2IntOpenHashMap last = new Int2IntOpenHashMap(); // key -> last transaction touching it
        last.defaultReturnValue(-1);
        for (int t = head; t >= 0; t = processNext[t]) {
          for (int k : x.touched(t)) {
            int a = last.get(k);
            if (a >= 0) {
              link(g, a, t, k);
            }
            last.put(k, t);
          }
        }
      }
      return g;
    }
    // Real time: search forward from each transaction that touches k, stopping at the
    // transactions that touch k.
    // Transactions are numbered by invocation and real time only leads to later invocations, so
    // nothing past the last transaction touching k can lead to one: the search stops there.
    int[] lastTouching = new int[h.keys.size()];
    java.util.Arrays.fill(lastTouching, -1);
    for (int t = 0; t < n; t++) {
      for (int k : x.touched(t)) {
        lastTouching[k] = t;
      }
    }
    int[] stamp = new int[n];
    int stampNow = 0;
    IntArrayList queue = new IntArrayList();
    for (int a = 0; a < n; a++) {
      if (h.type[a] != OK) {
        continue; // only ok transactions have real-time successors
      }
      for (int k : x.touched(a)) {
        if (x.finalVersion(a, k) < 0 || lastTouching[k] <= a) {
          continue;
        }
        stampNow++;
        queue.clear();
        pushSuccessors(realtime, a, lastTouching[k], stamp, stampNow, queue);
        for (int qi = 0; qi < queue.size(); qi++) {
          int b = queue.getInt(qi);
          if (x.touches(b, k)) {
            link(g, a, b, k);
          } else if (h.type[b] == OK) {
            pushSuccessors(realtime, b, lastTouching[k], stamp, stampNow, queue);
          }
        }
      }
    }
    return g;
  }

  private void pushSuccessors(Orders.Realtime rt, int a, int last, int[] stamp, int now, IntArrayList queue) {
    for (int u = rt.lo[a], end = Math.min(rt.hi[a], last + 1); u < end; u++) {
      if (h.invokeEntry[u] >= 0 && stamp[u] != now) {
        stamp[u] = now;
        queue.add(u);
      }
    }
  }

  private void link(LongOpenHashSet g, int a, int b, int k) {
    int v1 = x.finalVersion(a, k);
    int v2 = x.firstVersion(b, k);
    if (v1 >= 0 && v2 >= 0 && v1 != v2) {
      g.add(pack(v1, v2));
    }
  }
}
