package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.Evidence.data;
import static dev.hourglass.checkers.txn.internal.Evidence.fmt;
import static dev.hourglass.checkers.txn.internal.Evidence.keyText;
import static dev.hourglass.checkers.txn.internal.TxnHistory.APPEND;
import static dev.hourglass.checkers.txn.internal.TxnHistory.FAIL;
import static dev.hourglass.checkers.txn.internal.TxnHistory.INFO;
import static dev.hourglass.checkers.txn.internal.TxnHistory.OK;
import static dev.hourglass.checkers.txn.internal.TxnHistory.READ;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.txn.Anomaly;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The list-append workload, as Elle's {@code elle.list-append}: version orders, dependency
 * edges, and the anomalies visible without a cycle.
 *
 * <p><b>Version order.</b> A read of a key returns its whole list, so it reveals the order of
 * every append before it. The longest read of a key (ok or info transactions) gives the order;
 * every other read must be a prefix of it, or the key has an {@code incompatible-order}. A key
 * that is never read but appended exactly once has the order [that element]. An append no read
 * observed comes after the last observed element.
 *
 * <p><b>Edges</b>, between ok and info transactions: {@code wr} from the writer of a read's last
 * element to the reader; {@code ww} from the writer of the element just before an append to the
 * appender; {@code rw} from every transaction whose read ended at that element (or was empty,
 * for the first append) to the appender. A transaction never depends on itself.
 *
 * <p><b>Other anomalies</b>: G1a (an ok read contains an element appended by a failed
 * transaction), G1b (an ok read ends at an element its writer later appended past),
 * internal, future-read, duplicate-elements, incompatible-order, dirty-update, lost-update.
 */
public final class ListAppend {
  private ListAppend() {}

  /** "The element before the first", for the initial empty list. */
  static final int INIT = -1;

  public static Analysis analyze(TxnHistory h, Orders.Realtime realtime, int[] processNext) {
    return new Run(h).run(realtime, processNext);
  }

  /** Whether {@code v} is a prefix of {@code l} (element by element, EDN equality). */
  static boolean isPrefix(List<?> v, List<?> l) {
    int s = v.size();
    if (l == null || s > l.size()) {
      return false;
    }
    for (int i = 0; i < s; i++) {
      if (!Objects.equals(v.get(i), l.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static final class Run {
    private final TxnHistory h;
    private final int n;
    private final int keyCount;
    private final ValueTable elems;
    private final GrowInts writer = new GrowInts(1024, -1);
    private final GrowInts writerMop = new GrowInts(1024, -1);
    private final GrowInts anyWriter = new GrowInts(1024, -1);
    private final GrowInts failedWriter = new GrowInts(1024, -1);
    private final GrowInts imEntry = new GrowInts(16, -1);
    private final GrowInts imTxn = new GrowInts(16, -1);
    private final GrowInts invoker = new GrowInts(1024, -1);
    private final GrowInts elemPos = new GrowInts(1024, -1);
    /** Append: its element. Read: the element it ended with, or -1 if empty. */
    private final int[] mopArg;
    /** Read: its length if a prefix of the key's longest read, -1 for nil; other reads get ids below -1. */
    private final int[] readVersion;
    private final int[] appendsPossible;
    private final int[] appendsAll;
    private final int[] singleElem;
    private final boolean[] keyHasFailed;
    private final List<?>[] longest;
    private final List<?>[] fullLongest;
    private final boolean[] longestHasDup;
    private final boolean[] badKey;
    private int[] orderStart;
    private int[] orderLen;
    private int[] order;
    private int[] elemReaderOff;
    private int[] elemReaders;
    private int[] initReaderOff;
    private int[] initReaders;
    private final Map<String, List<Anomaly>> anomalies = new TreeMap<>();
    private final Csr.Builder edges = new Csr.Builder();

    Run(TxnHistory h) {
      this.h = h;
      this.n = h.n;
      this.keyCount = h.keys.size();
      int m = h.mopCount();
      this.elems = new ValueTable(m / 2);
      this.mopArg = new int[m];
      this.readVersion = new int[m];
      this.appendsPossible = new int[keyCount];
      this.appendsAll = new int[keyCount];
      this.singleElem = new int[keyCount];
      this.keyHasFailed = new boolean[keyCount];
      this.longest = new List<?>[keyCount];
      this.fullLongest = new List<?>[keyCount];
      this.longestHasDup = new boolean[keyCount];
      this.badKey = new boolean[keyCount];
    }

    Analysis run(Orders.Realtime realtime, int[] processNext) {
      appends();
      invocations();
      longestReads();
      orders();
      reads();
      readIndex();
      writeEdges();
      if (processNext != null) {
        for (int t = 0; t < n; t++) {
          if (processNext[t] >= 0) {
            edges.add(t, processNext[t], Rels.PROCESS);
          }
        }
      }
      Csr graph = edges.build(n);
      boolean empty = graph.edgeCount() == 0 && (realtime == null || !realtime.anyEdge);
      ListAppendChecks checks = new ListAppendChecks(h, readVersion, this::add);
      checks.perTransaction();
      checks.incompatibleOrders(badKey);
      dirtyUpdates();
      return new Analysis(h, graph, realtime, false, empty, new Explainer(), anomalies);
    }

    private void add(Anomaly a) {
      anomalies.computeIfAbsent(a.type(), k -> new ArrayList<>()).add(a);
    }

    // ---- pass 1: appends of every transaction

    private void appends() {
      for (int t = 0; t < n; t++) {
        byte type = h.type[t];
        boolean possible = type != FAIL;
        int pos = h.valueEntry(t);
        int s = h.mopStart[t];
        int e = h.mopStart[t + 1];
        for (int m = s; m < e; m++) {
          if (h.mopF[m] != APPEND) {
            continue;
          }
          int k = h.mopKey[m];
          int el = elems.intern(k, h.mopValue[m]);
          mopArg[m] = el;
          appendsAll[k]++;
          if (possible) {
            appendsPossible[k]++;
            singleElem[k] = el;
            int w = writer.get(el);
            if (w < 0 || h.valueEntry(w) < pos) {
              writer.set(el, t);
              writerMop.set(el, m);
            }
          }
          int aw = anyWriter.get(el);
          if (aw < 0 || h.valueEntry(aw) < pos) {
            anyWriter.set(el, t);
          }
          if (type == FAIL) {
            keyHasFailed[k] = true;
            int fw = failedWriter.get(el);
            if (fw < 0 || h.valueEntry(fw) < pos) {
              failedWriter.set(el, t);
            }
          }
          for (int m2 = m + 1; m2 < e; m2++) {
            if (h.mopF[m2] == APPEND && h.mopKey[m2] == k) {
              if (imEntry.get(el) < pos) {
                imEntry.set(el, pos);
                imTxn.set(el, t);
              }
              break;
            }
          }
        }
      }
    }

    // ---- pass 2: invocations (unique appends; intermediate appends and reads they carry)

    private void invocations() {
      if (!h.anyInvoke) {
        return;
      }
      IntArrayList keysHere = new IntArrayList();
      IntArrayList elemsHere = new IntArrayList();
      for (int t = 0; t < n; t++) {
        int inv = h.invokeEntry[t];
        if (inv < 0) {
          continue;
        }
        int s = h.mopStart[t];
        int e = h.mopStart[t + 1];
        if (inv == h.valueEntry(t)) {
          for (int m = s; m < e; m++) {
            if (h.mopF[m] == APPEND) {
              unique(t, inv, h.mopKey[m], h.mopValue[m], mopArg[m]);
            }
          }
          continue;
        }
        if (!(h.history.value(inv) instanceof List<?> iv)) {
          continue; // nil: no micro-ops
        }
        keysHere.clear();
        elemsHere.clear();
        for (int i = 0; i < iv.size(); i++) {
          List<?> mop = (List<?>) iv.get(i);
          byte f = TxnHistory.decodeF(mop.get(0), true);
          Object v = mop.size() > 2 ? mop.get(2) : null;
          int m = s + i;
          if (f == APPEND) {
            // Usually the completion repeats the append at the same position: reuse its element.
            if (m < e && h.mopF[m] == APPEND && Objects.equals(h.mopValue[m], v)
                && Objects.equals(h.keys.get(h.mopKey[m]), mop.get(1))) {
              keysHere.add(h.mopKey[m]);
              elemsHere.add(mopArg[m]);
            } else {
              int k = h.keyId(mop.get(1));
              keysHere.add(k);
              elemsHere.add(elems.intern(k, v));
            }
          } else if (f == READ && v instanceof List<?> l && !l.isEmpty()) {
            int k = h.keyId(mop.get(1));
            if (fullLongest[k] == null || l.size() > fullLongest[k].size()) {
              fullLongest[k] = l;
            }
          }
        }
        for (int i = 0; i < keysHere.size(); i++) {
          int k = keysHere.getInt(i);
          int el = elemsHere.getInt(i);
          unique(t, inv, k, elems.value(el), el);
          appendsAll[k]++;
          // intermediate unless it is the key's last append in this invocation
          if (keysHere.lastIndexOf(k) != i && imEntry.get(el) < inv) {
            imEntry.set(el, inv);
            imTxn.set(el, t);
          }
        }
      }
    }

    private void unique(int t, int inv, int k, Object value, int el) {
      int other = invoker.get(el);
      if (other >= 0 && other != t) {
        int otherInv = h.invokeEntry[other];
        throw new HistoryFormatException(h.history.source(), h.history.line(inv), 0,
            "value " + fmt(value) + " is appended to key " + keyText(h.keys.get(k)) + " by two invocations, entries "
                + otherInv + (h.history.line(otherInv) > 0 ? " (line " + h.history.line(otherInv) + ")" : "") + " and " + inv
                + "; list-append needs every value appended to a key to be unique");
      }
      invoker.set(el, t);
    }

    // ---- pass 3: the longest read of each key

    private void longestReads() {
      for (int t = 0; t < n; t++) {
        boolean possible = h.type[t] != FAIL;
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] != READ || !(h.mopValue[m] instanceof List<?> l) || l.isEmpty()) {
            continue;
          }
          int k = h.mopKey[m];
          if (possible && (longest[k] == null || l.size() > longest[k].size())) {
            longest[k] = l;
          }
          if (fullLongest[k] == null || l.size() > fullLongest[k].size()) {
            fullLongest[k] = l;
          }
        }
      }
    }

    // ---- the version order of each key

    private void orders() {
      orderStart = new int[keyCount];
      orderLen = new int[keyCount];
      IntArrayList flat = new IntArrayList();
      for (int k = 0; k < keyCount; k++) {
        orderStart[k] = flat.size();
        List<?> l = longest[k];
        if (l != null) {
          int pos = 0;
          for (Object x : l) {
            int el = elems.intern(k, x);
            if (elemPos.get(el) < 0) {
              elemPos.set(el, pos++);
              flat.add(el);
            }
          }
          longestHasDup[k] = pos < l.size();
          orderLen[k] = pos;
        } else if (appendsPossible[k] == 1) {
          elemPos.set(singleElem[k], 0);
          flat.add(singleElem[k]);
          orderLen[k] = 1;
        }
      }
      order = flat.toIntArray();
    }

    /** The element appended just before {@code el} in its key's order, or INIT. */
    int previous(int k, int el) {
      int pos = elemPos.get(el);
      if (pos > 0) {
        return order[orderStart[k] + pos - 1];
      }
      if (pos == 0) {
        return INIT;
      }
      return orderLen[k] > 0 ? order[orderStart[k] + orderLen[k] - 1] : INIT;
    }

    // ---- pass 4: reads (prefix checks, wr edges, G1a, G1b, duplicates, read index)

    private IntArrayList elemReaderOwner = new IntArrayList();
    private IntArrayList elemReaderTxn = new IntArrayList();
    private IntArrayList initReaderOwner = new IntArrayList();
    private IntArrayList initReaderTxn = new IntArrayList();
    private final Object2IntOpenHashMap<List<Object>> otherReads = new Object2IntOpenHashMap<>();

    private void reads() {
      for (int t = 0; t < n; t++) {
        byte type = h.type[t];
        if (type == FAIL) {
          continue;
        }
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] != READ) {
            continue;
          }
          int k = h.mopKey[m];
          List<?> v = (List<?>) h.mopValue[m];
          if (v == null || v.isEmpty()) {
            readVersion[m] = v == null ? -1 : 0;
            mopArg[m] = INIT;
            if (!(type == INFO && v == null)) {
              initReaderOwner.add(k);
              initReaderTxn.add(t);
            }
            continue;
          }
          List<?> l = longest[k];
          boolean prefix = v == l || isPrefix(v, l);
          if (prefix) {
            readVersion[m] = v.size();
          } else {
            badKey[k] = true;
            List<Object> id = new ArrayList<>(v.size() + 1);
            id.add(k);
            id.addAll(v);
            int r = otherReads.getInt(id);
            if (r == 0) {
              r = -2 - otherReads.size();
              otherReads.put(id, r);
            }
            readVersion[m] = r;
          }
          if ((!prefix || longestHasDup[k])) {
            duplicates(t, m, v);
          }
          int last = elems.intern(k, v.get(v.size() - 1));
          mopArg[m] = last;
          elemReaderOwner.add(last);
          elemReaderTxn.add(t);
          int w = writer.get(last);
          if (w >= 0 && w != t) {
            edges.add(w, t, Rels.WR);
          }
          if (type == OK) {
            int im = imEntry.get(last);
            if (im >= 0 && im != h.completeEntry[t]) {
              g1b(t, m, imTxn.get(last), last);
            }
            if (keyHasFailed[k]) {
              for (Object x : v) {
                int el = elems.get(k, x);
                if (el >= 0 && failedWriter.get(el) >= 0) {
                  g1a(t, m, failedWriter.get(el), el);
                }
              }
            }
          }
        }
      }
    }

    private void duplicates(int t, int m, List<?> v) {
      Map<Object, Integer> counts = new LinkedHashMap<>();
      for (Object x : v) {
        counts.merge(x, 1, Integer::sum);
      }
      Map<String, Object> dups = new LinkedHashMap<>();
      StringBuilder which = new StringBuilder();
      for (Map.Entry<Object, Integer> e : counts.entrySet()) {
        if (e.getValue() > 1) {
          dups.put(fmt(e.getKey()), e.getValue());
          if (which.length() > 0) {
            which.append(", ");
          }
          which.append(fmt(e.getKey())).append(" ").append(e.getValue()).append(" times");
        }
      }
      if (dups.isEmpty()) {
        return;
      }
      int k = h.mopKey[m];
      add(new Anomaly("duplicate-elements",
          "T1 read a list in which an appended element occurs more than once; every element is appended once",
          List.of(Evidence.txn(h, t, "T1")),
          List.of(Evidence.step("T1 read " + keyText(h.keys.get(k)) + " = " + fmt(v) + ": " + which + ".",
              data("key", h.keys.get(k), "mopIndex", m - h.mopStart[t]))),
          Map.of("duplicates", dups)));
    }

    private void g1a(int t, int m, int w, int el) {
      int k = h.mopKey[m];
      Object key = h.keys.get(k);
      add(new Anomaly("G1a", "T1 read an element appended by T2, a transaction that failed (aborted read)",
          List.of(Evidence.txn(h, t, "T1"), Evidence.txn(h, w, "T2")),
          List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(h.mopValue[m]) + ", which contains "
                  + fmt(elems.value(el)) + ".", data("key", key, "mopIndex", m - h.mopStart[t])),
              Evidence.step("T2 appended " + fmt(elems.value(el)) + " to " + keyText(key)
                  + " and failed: it never happened, so no one may see its append.")),
          data("key", key, "element", elems.value(el))));
    }

    private void g1b(int t, int m, int w, int el) {
      int k = h.mopKey[m];
      Object key = h.keys.get(k);
      add(new Anomaly("G1b", "T1 read a state of a key that T2 wrote and then overwrote within itself (intermediate read)",
          List.of(Evidence.txn(h, t, "T1"), Evidence.txn(h, w, "T2")),
          List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(h.mopValue[m]) + ", ending with "
                  + fmt(elems.value(el)) + ".", data("key", key, "mopIndex", m - h.mopStart[t])),
              Evidence.step("T2 appended " + fmt(elems.value(el)) + " to " + keyText(key)
                  + " and then appended more to it: a state ending at " + fmt(elems.value(el))
                  + " existed only inside T2.")),
          data("key", key, "element", elems.value(el))));
    }

    private void readIndex() {
      int e = elems.size();
      elemReaderOff = new int[e + 1];
      elemReaders = csr(elemReaderOwner, elemReaderTxn, e, elemReaderOff);
      initReaderOff = new int[keyCount + 1];
      initReaders = csr(initReaderOwner, initReaderTxn, keyCount, initReaderOff);
      elemReaderOwner = null;
      elemReaderTxn = null;
      initReaderOwner = null;
      initReaderTxn = null;
    }

    private static int[] csr(IntArrayList owner, IntArrayList txn, int n, int[] off) {
      int size = owner.size();
      for (int i = 0; i < size; i++) {
        off[owner.getInt(i) + 1]++;
      }
      for (int v = 0; v < n; v++) {
        off[v + 1] += off[v];
      }
      int[] fill = Arrays.copyOf(off, n);
      int[] out = new int[size];
      for (int i = 0; i < size; i++) {
        out[fill[owner.getInt(i)]++] = txn.getInt(i);
      }
      return out;
    }

    // ---- pass 5: ww and rw edges, from every append of an ok or info transaction

    private void writeEdges() {
      for (int t = 0; t < n; t++) {
        if (h.type[t] == FAIL) {
          continue;
        }
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] != APPEND) {
            continue;
          }
          int k = h.mopKey[m];
          int prev = previous(k, mopArg[m]);
          if (prev != INIT) {
            int w = writer.get(prev);
            if (w >= 0 && w != t) {
              edges.add(w, t, Rels.WW);
            }
          }
          int from;
          int to;
          int[] readers;
          if (prev == INIT) {
            readers = initReaders;
            from = initReaderOff[k];
            to = initReaderOff[k + 1];
          } else {
            readers = elemReaders;
            from = elemReaderOff[prev];
            to = elemReaderOff[prev + 1];
          }
          int last = -1;
          for (int i = from; i < to; i++) {
            int r = readers[i];
            if (r != t && r != last) {
              edges.add(r, t, Rels.RW);
              last = r;
            }
          }
        }
      }
    }

    // ---- dirty updates

    private void dirtyUpdates() {
      boolean anyFailedAppend = false;
      for (boolean b : keyHasFailed) {
        anyFailedAppend |= b;
      }
      if (!anyFailedAppend) {
        return; // a dirty update builds on a failed append
      }
      for (int k = 0; k < keyCount; k++) {
        int[] ord = fullOrder(k);
        if (ord.length == 0) {
          continue;
        }
        int t1 = -1; // the initial state: committed
        byte t1Type = OK;
        List<Object> vs = new ArrayList<>();
        for (int el : ord) {
          vs.add(elems.value(el));
          int t2 = anyWriter.get(el);
          byte t2Type = t2 < 0 ? INFO : h.type[t2];
          if (t2Type == OK) {
            if (t1Type == FAIL) {
              dirtyUpdate(k, t1, t2, vs);
            }
            t1 = t2;
            t1Type = t2Type;
            vs = new ArrayList<>(List.of(elems.value(el)));
          } else if (t2Type == FAIL) {
            if (t1Type != FAIL) {
              t1 = t2;
              t1Type = t2Type;
              vs = new ArrayList<>(List.of(elems.value(el)));
            }
          }
          // info: cannot tell; keep t1 and the range
        }
      }
    }

    /** The key's order from every read of the history, failed transactions' and invocations' included. */
    private int[] fullOrder(int k) {
      List<?> l = fullLongest[k];
      if (l == null) {
        if (appendsAll[k] == 1) {
          return new int[] {singleOfAll(k)};
        }
        return new int[0];
      }
      if (l == longest[k] || (longest[k] != null && l.size() == longest[k].size())) {
        return Arrays.copyOfRange(order, orderStart[k], orderStart[k] + orderLen[k]);
      }
      IntArrayList out = new IntArrayList();
      for (Object x : l) {
        int el = elems.intern(k, x);
        if (!out.contains(el)) {
          out.add(el);
        }
      }
      return out.toIntArray();
    }

    private int singleOfAll(int k) {
      for (int t = 0; t < n; t++) {
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] == APPEND && h.mopKey[m] == k) {
            return mopArg[m];
          }
        }
      }
      throw new IllegalStateException("no append of key " + k + " among completions");
    }

    private void dirtyUpdate(int k, int failed, int committed, List<Object> values) {
      Object key = h.keys.get(k);
      add(new Anomaly("dirty-update",
          "T2 committed an append to " + keyText(key) + " on top of T1's, and T1 failed (dirty update)",
          List.of(Evidence.txn(h, failed, "T1"), Evidence.txn(h, committed, "T2")),
          List.of(Evidence.step("In the order of " + keyText(key) + ", the appends " + fmt(values)
              + " start with T1's, which failed, and end with T2's, which committed: T2 wrote over a state that never existed.")),
          data("key", key, "values", values)));
    }

    // ---- explaining edges

    private final class Explainer implements Analysis.EdgeExplainer {
      @Override
      public Anomaly.Step explain(int a, int b, int rel, String an, String bn) {
        switch (rel) {
          case Rels.WW -> {
            for (int m = h.mopStart[b]; m < h.mopStart[b + 1]; m++) {
              if (h.mopF[m] == APPEND) {
                int k = h.mopKey[m];
                int prev = previous(k, mopArg[m]);
                if (prev != INIT && writer.get(prev) == a) {
                  Object key = h.keys.get(k);
                  String how = elemPos.get(mopArg[m]) >= 0 ? ""
                      : " (no read saw " + fmt(h.mopValue[m]) + ", so it follows the last element read)";
                  return Evidence.edge(rel, an, bn, bn + " appended " + fmt(h.mopValue[m]) + " to " + keyText(key) + " after "
                      + an + "'s append of " + fmt(elems.value(prev)) + how + ".",
                      data("key", key, "value", elems.value(prev), "value'", h.mopValue[m]));
                }
              }
            }
          }
          case Rels.WR -> {
            for (int m = h.mopStart[b]; m < h.mopStart[b + 1]; m++) {
              if (h.mopF[m] == READ && mopArg[m] >= 0 && writer.get(mopArg[m]) == a) {
                Object key = h.keys.get(h.mopKey[m]);
                return Evidence.edge(rel, an, bn, bn + " read " + keyText(key) + " = " + fmt(h.mopValue[m]) + ", which ends with "
                    + an + "'s append of " + fmt(elems.value(mopArg[m])) + ".",
                    data("key", key, "value", elems.value(mopArg[m])));
              }
            }
          }
          case Rels.RW -> {
            for (int m = h.mopStart[b]; m < h.mopStart[b + 1]; m++) {
              if (h.mopF[m] != APPEND) {
                continue;
              }
              int k = h.mopKey[m];
              int prev = previous(k, mopArg[m]);
              for (int r = h.mopStart[a]; r < h.mopStart[a + 1]; r++) {
                if (h.mopF[r] != READ || h.mopKey[r] != k || mopArg[r] != prev) {
                  continue;
                }
                if (prev == INIT && h.type[a] == INFO && h.mopValue[r] == null) {
                  continue;
                }
                Object key = h.keys.get(k);
                String seen = prev == INIT ? an + " read " + keyText(key) + " as empty (" + fmt(h.mopValue[r]) + ")"
                    : an + " read " + keyText(key) + " = " + fmt(h.mopValue[r]);
                return Evidence.edge(rel, an, bn, seen + " and so did not see " + bn + "'s append of " + fmt(h.mopValue[m])
                    + (prev == INIT ? ", the first" : elemPos.get(mopArg[m]) >= 0 ? ", which came right after " + fmt(elems.value(prev))
                        : ", which no read saw and so came after " + fmt(elems.value(prev))) + ": "
                    + an + " must precede " + bn + ".",
                    data("key", key, "value", prev == INIT ? null : elems.value(prev), "value'", h.mopValue[m]));
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
