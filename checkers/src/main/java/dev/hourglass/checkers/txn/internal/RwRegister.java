package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.Evidence.data;
import static dev.hourglass.checkers.txn.internal.Evidence.fmt;
import static dev.hourglass.checkers.txn.internal.Evidence.keyText;
import static dev.hourglass.checkers.txn.internal.TxnHistory.FAIL;
import static dev.hourglass.checkers.txn.internal.TxnHistory.OK;
import static dev.hourglass.checkers.txn.internal.TxnHistory.READ;
import static dev.hourglass.checkers.txn.internal.TxnHistory.WRITE;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.txn.Anomaly;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rw-register workload, as Elle's {@code elle.rw-register}.
 *
 * <p>A transaction's <i>external</i> read of a key is its first micro-op on the key, if that is
 * a read; its external write is its last write of the key. Only these relate transactions.
 *
 * <p><b>Version orders</b> are partial and come from sources added one at a time: the initial
 * state (nil precedes every value read or written), then, as options ask, writes-follow-reads
 * (a transaction that externally reads v and writes v' orders v before v'), per-key sequential
 * order (consecutive transactions of a process that touch a key) and per-key linearizability
 * (real-time order). A source whose addition makes some key's order cyclic is left out and the
 * cycle reported as {@code cyclic-versions}.
 *
 * <p><b>Edges</b>, between ok transactions: {@code wr} from the (unique) writer of a value to its
 * external readers; for each version edge v -> v', {@code ww} from v's writers to v''s writers
 * and {@code rw} from v's external readers to v''s writers.
 */
public final class RwRegister {
  private RwRegister() {}

  public static Analysis analyze(TxnHistory h, Orders.Realtime realtime, int[] processNext, boolean wfr,
      boolean sequential, boolean linearizable) {
    return new Run(h).run(realtime, processNext, wfr, sequential, linearizable);
  }

  private static final class Run {
    private final TxnHistory h;
    private final int n;
    private final Externals x;
    private final Map<String, List<Anomaly>> anomalies = new TreeMap<>();
    private final Csr.Builder edges = new Csr.Builder();
    /** The version graph, as packed (from, to) version pairs. */
    private LongOpenHashSet versionEdges;

    Run(TxnHistory h) {
      this.h = h;
      this.n = h.n;
      this.x = new Externals(h);
    }

    Analysis run(Orders.Realtime realtime, int[] processNext, boolean wfr, boolean sequential, boolean linearizable) {
      internal();
      g1();
      lostUpdates();
      versionEdges = VersionOrder.infer(x, realtime, processNext, wfr, sequential, linearizable, this::add);
      boolean selfOnly = versionEdgesToTxnEdges();
      wrEdges();
      if (processNext != null) {
        for (int t = 0; t < n; t++) {
          if (processNext[t] >= 0) {
            edges.add(t, processNext[t], Rels.PROCESS);
          }
        }
      }
      Csr graph = edges.build(n);
      boolean empty = graph.edgeCount() == 0 && !selfOnly && (realtime == null || !realtime.anyEdge);
      return new Analysis(h, graph, realtime, true, empty, new Explainer(), anomalies);
    }

    private void add(Anomaly a) {
      anomalies.computeIfAbsent(a.type(), k -> new ArrayList<>()).add(a);
    }


    // ---- internal consistency: a read agrees with the transaction's own last read or write

    private void internal() {
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        int s = h.mopStart[t];
        int e = h.mopStart[t + 1];
        for (int m = s; m < e; m++) {
          if (h.mopF[m] != READ) {
            continue;
          }
          int k = h.mopKey[m];
          // the state: the latest earlier mop on k
          int p = m - 1;
          while (p >= s && h.mopKey[p] != k) {
            p--;
          }
          // A nil read counts: reading nil and then 2, with no write between, is inconsistent.
          if (p < s || x.mopVer[p] == x.mopVer[m]) {
            continue;
          }
          Object key = h.keys.get(k);
          String before = h.mopF[p] == WRITE ? "wrote" : "read";
          add(new Anomaly("internal",
              "T1's read disagrees with its own earlier read or write of the key (internal inconsistency)",
              List.of(Evidence.txn(h, t, "T1")),
              List.of(Evidence.step("T1 " + before + " " + keyText(key) + " = " + fmt(h.mopValue[p]) + ", then read "
                  + keyText(key) + " = " + fmt(h.mopValue[m]) + ".", data("key", key, "mopIndex", m - s))),
              data("key", key, "expected", h.mopValue[p])));
          break;
        }
      }
    }

    // ---- G1a (reads of failed writes) and G1b (reads of intermediate writes)

    private void g1() {
      Int2IntOpenHashMap failed = new Int2IntOpenHashMap(); // version -> failed writer
      failed.defaultReturnValue(-1);
      Int2IntOpenHashMap im = new Int2IntOpenHashMap(); // version -> entry holding it as an intermediate write
      im.defaultReturnValue(-1);
      Int2IntOpenHashMap imTxn = new Int2IntOpenHashMap();
      for (int t = 0; t < n; t++) {
        int s = h.mopStart[t];
        int e = h.mopStart[t + 1];
        int entry = h.valueEntry(t);
        for (int m = s; m < e; m++) {
          if (h.mopF[m] != WRITE) {
            continue;
          }
          if (h.type[t] == FAIL) {
            failed.put(x.mopVer[m], t);
          }
          if (x.writtenAfter(m, e, h.mopKey[m]) && im.get(x.mopVer[m]) < entry) {
            im.put(x.mopVer[m], entry);
            imTxn.put(x.mopVer[m], t);
          }
        }
        int inv = h.invokeEntry[t];
        if (inv >= 0 && inv != entry) {
          final int txn = t;
          List<int[]> writes = new ArrayList<>();
          h.forEachMop(inv, (i, f, k, key, v) -> {
            if (f == WRITE) {
              writes.add(new int[] {k, x.version(k, v)});
            }
          });
          for (int i = 0; i < writes.size(); i++) {
            int k = writes.get(i)[0];
            boolean later = false;
            for (int j = i + 1; j < writes.size(); j++) {
              later |= writes.get(j)[0] == k;
            }
            int ver = writes.get(i)[1];
            if (later && im.get(ver) < inv) {
              im.put(ver, inv);
              imTxn.put(ver, txn);
            }
          }
        }
      }
      if (failed.isEmpty() && im.isEmpty()) {
        return;
      }
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] != READ || h.mopValue[m] == null) {
            continue;
          }
          Object key = h.keys.get(h.mopKey[m]);
          int w = failed.get(x.mopVer[m]);
          if (w >= 0) {
            add(new Anomaly("G1a", "T1 read a value written by T2, a transaction that failed (aborted read)",
                List.of(Evidence.txn(h, t, "T1"), Evidence.txn(h, w, "T2")),
                List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(h.mopValue[m]) + ".",
                        data("key", key, "mopIndex", m - h.mopStart[t])),
                    Evidence.step("T2 wrote " + keyText(key) + " = " + fmt(h.mopValue[m]) + " and failed: no one may see that value.")),
                data("key", key, "value", h.mopValue[m])));
          }
          int entry = im.get(x.mopVer[m]);
          if (entry >= 0 && entry != h.completeEntry[t]) {
            int writer = imTxn.get(x.mopVer[m]);
            add(new Anomaly("G1b", "T1 read a value that T2 wrote and then overwrote within itself (intermediate read)",
                List.of(Evidence.txn(h, t, "T1"), Evidence.txn(h, writer, "T2")),
                List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(h.mopValue[m]) + ".",
                        data("key", key, "mopIndex", m - h.mopStart[t])),
                    Evidence.step("T2 wrote " + keyText(key) + " = " + fmt(h.mopValue[m])
                        + " and later wrote the key again: that value existed only inside T2.")),
                data("key", key, "value", h.mopValue[m])));
          }
        }
      }
    }

    // ---- lost update: two committed transactions read the same version of a key and both wrote it

    private void lostUpdates() {
      Long2ObjectOpenHashMap<IntArrayList> groups = new Long2ObjectOpenHashMap<>();
      LongArrayList order = new LongArrayList();
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        int s = h.mopStart[t];
        int e = h.mopStart[t + 1];
        for (int m = s; m < e; m++) {
          if (h.mopF[m] != WRITE) {
            continue;
          }
          int k = h.mopKey[m];
          // first write of k, after a read of k
          boolean earlierWrite = false;
          int firstRead = -1;
          for (int p = s; p < m; p++) {
            if (h.mopKey[p] != k) {
              continue;
            }
            if (h.mopF[p] == WRITE && firstRead >= 0) {
              earlierWrite = true;
            }
            if (h.mopF[p] == READ && firstRead < 0) {
              firstRead = p;
            }
          }
          if (firstRead < 0 || earlierWrite) {
            continue;
          }
          long g = ((long) k << 32) | (x.mopVer[firstRead] & 0xffffffffL);
          IntArrayList txns = groups.get(g);
          if (txns == null) {
            txns = new IntArrayList(2);
            groups.put(g, txns);
            order.add(g);
          }
          if (txns.isEmpty() || txns.getInt(txns.size() - 1) != t) {
            txns.add(t);
          }
        }
      }
      for (long g : order) {
        IntArrayList txns = groups.get(g);
        if (txns.size() < 2) {
          continue;
        }
        int k = (int) (g >>> 32);
        Object key = h.keys.get(k);
        Object value = x.display((int) g);
        List<Anomaly.Txn> ts = new ArrayList<>();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < txns.size(); i++) {
          ts.add(Evidence.txn(h, txns.getInt(i), "T" + (i + 1)));
          if (i > 0) {
            names.append(i == txns.size() - 1 ? " and " : ", ");
          }
          names.append("T").append(i + 1);
        }
        add(new Anomaly("lost-update",
            names + (txns.size() == 2 ? " both" : " all") + " read the same version of " + keyText(key) + " and then wrote it: all but one of those updates is lost",
            ts,
            List.of(Evidence.step(names + " each read " + keyText(key) + " = " + fmt(value) + ", then wrote " + keyText(key)
                + ", and all committed; in any serial order one of them would have read another's write.")),
            data("key", key, "value", value)));
      }
    }

    // ---- transaction edges from versions

    /** Adds ww and rw edges; true if some pair only related a transaction to itself (Elle keeps it as a vertex). */
    private boolean versionEdgesToTxnEdges() {
      int nv = x.versions.size();
      int[] readerOff = new int[nv + 1];
      int[] writerOff = new int[nv + 1];
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        for (int i = x.extReadStart[t]; i < x.extReadStart[t + 1]; i++) {
          readerOff[x.extReadVer.getInt(i) + 1]++;
        }
        for (int i = x.extWriteStart[t]; i < x.extWriteStart[t + 1]; i++) {
          writerOff[x.extWriteVer.getInt(i) + 1]++;
        }
      }
      for (int v = 0; v < nv; v++) {
        readerOff[v + 1] += readerOff[v];
        writerOff[v + 1] += writerOff[v];
      }
      readers = new int[readerOff[nv]];
      writers = new int[writerOff[nv]];
      int[] rf = Arrays.copyOf(readerOff, nv);
      int[] wf = Arrays.copyOf(writerOff, nv);
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        for (int i = x.extReadStart[t]; i < x.extReadStart[t + 1]; i++) {
          readers[rf[x.extReadVer.getInt(i)]++] = t;
        }
        for (int i = x.extWriteStart[t]; i < x.extWriteStart[t + 1]; i++) {
          writers[wf[x.extWriteVer.getInt(i)]++] = t;
        }
      }
      this.readerOff = readerOff;
      this.writerOff = writerOff;
      boolean selfOnly = false;
      for (long e : versionEdges) {
        int v1 = (int) (e >>> 32);
        int v2 = (int) e;
        for (int j = writerOff[v2]; j < writerOff[v2 + 1]; j++) {
          int b = writers[j];
          for (int i = writerOff[v1]; i < writerOff[v1 + 1]; i++) {
            if (writers[i] != b) {
              edges.add(writers[i], b, Rels.WW);
            } else {
              selfOnly = true;
            }
          }
          for (int i = readerOff[v1]; i < readerOff[v1 + 1]; i++) {
            if (readers[i] != b) {
              edges.add(readers[i], b, Rels.RW);
            } else {
              selfOnly = true;
            }
          }
        }
      }
      return selfOnly;
    }

    private int[] readerOff;
    private int[] writerOff;
    private int[] readers;
    private int[] writers;

    /** wr: the unique ok writer of a value to each ok transaction that externally read it. */
    private void wrEdges() {
      for (int t = 0; t < n; t++) {
        if (h.type[t] != OK) {
          continue;
        }
        for (int i = x.extReadStart[t]; i < x.extReadStart[t + 1]; i++) {
          int v = x.extReadVer.getInt(i);
          int from = writerOff[v];
          int to = writerOff[v + 1];
          if (to - from > 1) {
            int a = writers[from];
            int b = writers[from + 1];
            throw new HistoryFormatException(h.history.source(), h.line(b), 0,
                "value " + fmt(x.display(v)) + " of key " + keyText(h.keys.get(x.versions.key(v))) + " is written by two ok transactions ("
                    + h.describe(a) + " and " + h.describe(b) + ") and read; rw-register needs every value written to a key to be unique");
          }
          if (to - from == 1 && writers[from] != t) {
            edges.add(writers[from], t, Rels.WR);
          }
        }
      }
    }

    // ---- explaining edges

    private final class Explainer implements Analysis.EdgeExplainer {
      @Override
      public Anomaly.Step explain(int a, int b, int rel, String an, String bn) {
        switch (rel) {
          case Rels.WR -> {
            for (int i = x.extWriteStart[a]; i < x.extWriteStart[a + 1]; i++) {
              int k = x.extWriteKey.getInt(i);
              int v = x.extWriteVer.getInt(i);
              if (x.extRead(b, k) == v) {
                Object key = h.keys.get(k);
                return Evidence.edge(rel, an, bn, bn + " read " + keyText(key) + " = " + fmt(x.display(v)) + ", which " + an + " wrote.",
                    data("key", key, "value", x.display(v)));
              }
            }
          }
          case Rels.WW, Rels.RW -> {
            int aStart = rel == Rels.WW ? x.extWriteStart[a] : x.extReadStart[a];
            int aEnd = rel == Rels.WW ? x.extWriteStart[a + 1] : x.extReadStart[a + 1];
            for (int i = aStart; i < aEnd; i++) {
              int k = rel == Rels.WW ? x.extWriteKey.getInt(i) : x.extReadKey.getInt(i);
              int v = rel == Rels.WW ? x.extWriteVer.getInt(i) : x.extReadVer.getInt(i);
              int v2 = x.extWrite(b, k);
              if (v2 >= 0 && versionEdges.contains(VersionOrder.pack(v, v2))) {
                Object key = h.keys.get(k);
                String what = rel == Rels.WW
                    ? an + " wrote " + keyText(key) + " = " + fmt(x.display(v)) + " and " + bn + " wrote " + fmt(x.display(v2))
                        + ", the next version in the inferred order."
                    : an + " read " + keyText(key) + " = " + fmt(x.display(v)) + (x.display(v) == null ? " (never written)" : "")
                        + " and so did not see " + bn + "'s write of " + fmt(x.display(v2)) + ", a later version: " + an
                        + " must precede " + bn + ".";
                return Evidence.edge(rel, an, bn, what, data("key", key, "value", x.display(v), "value'", x.display(v2)));
              }
            }
          }
          default -> {
            return Evidence.orderEdge(h, a, b, rel, an, bn);
          }
        }
        throw new IllegalStateException("no " + Rels.name(rel) + " dependency explains " + h.describe(a) + " -> " + h.describe(b));
      }
    }
  }
}
