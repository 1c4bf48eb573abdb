package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.Evidence.data;
import static dev.hourglass.checkers.txn.internal.Evidence.fmt;
import static dev.hourglass.checkers.txn.internal.Evidence.keyText;
import static dev.hourglass.checkers.txn.internal.TxnHistory.APPEND;
import static dev.hourglass.checkers.txn.internal.TxnHistory.FAIL;
import static dev.hourglass.checkers.txn.internal.TxnHistory.OK;
import static dev.hourglass.checkers.txn.internal.TxnHistory.READ;

import dev.hourglass.checkers.txn.Anomaly;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * List-append anomalies that need no dependency graph, as Elle's: within one committed
 * transaction, {@code internal} (a read disagrees with the transaction's own earlier reads and
 * appends of the key: Cerone et al.'s INT) and {@code future-read} (a read contains an element
 * the transaction appends only later); across transactions, {@code lost-update} (two committed
 * transactions read the same state of a key, then append to it) and {@code incompatible-order}
 * (two reads of a key that are not prefixes of one another).
 */
final class ListAppendChecks {
  private final TxnHistory h;
  private final int n;
  private final int[] readVersion;
  private final Consumer<Anomaly> report;

  /**
   * @param readVersion per read micro-op, an int equal for equal reads of a key (see ListAppend)
   */
  ListAppendChecks(TxnHistory h, int[] readVersion, Consumer<Anomaly> report) {
    this.h = h;
    this.n = h.n;
    this.readVersion = readVersion;
    this.report = report;
  }

  void perTransaction() {
    Long2ObjectOpenHashMap<IntArrayList> lost = new Long2ObjectOpenHashMap<>();
    Long2IntOpenHashMap lostMop = new Long2IntOpenHashMap();
    List<Long> lostOrder = new ArrayList<>();
    int[] readKeys = new int[8];
    int[] readVers = new int[8];
    int[] writtenKeys = new int[8];
    for (int t = 0; t < n; t++) {
      if (h.type[t] != OK) {
        continue;
      }
      int s = h.mopStart[t];
      int e = h.mopStart[t + 1];
      if (e - s > readKeys.length) {
        readKeys = new int[e - s];
        readVers = new int[e - s];
        writtenKeys = new int[e - s];
      }
      if (!repeatsKey(s, e)) {
        continue; // internal, future-read and lost-update all need a key touched twice
      }
      internal(t, s, e);
      futureRead(t, s, e);
      // lost update: the first read of a key, then its first append
      int reads = 0;
      int writes = 0;
      for (int m = s; m < e; m++) {
        int k = h.mopKey[m];
        int ri = indexOf(readKeys, reads, k);
        if (h.mopF[m] == APPEND) {
          if (indexOf(writtenKeys, writes, k) < 0 && ri >= 0) {
            long g = ((long) k << 32) | (readVers[ri] & 0xffffffffL);
            IntArrayList txns = lost.get(g);
            if (txns == null) {
              txns = new IntArrayList(2);
              lost.put(g, txns);
              lostOrder.add(g);
              lostMop.put(g, firstReadMop(s, m, k));
            }
            txns.add(t);
            writtenKeys[writes++] = k;
          }
        } else if (ri < 0) {
          readKeys[reads] = k;
          readVers[reads++] = readVersion[m];
        }
      }
    }
    for (long g : lostOrder) {
      IntArrayList txns = lost.get(g);
      if (txns.size() >= 2) {
        lostUpdate((int) (g >>> 32), lostMop.get(g), txns);
      }
    }
  }

  private boolean repeatsKey(int s, int e) {
    for (int m = s + 1; m < e; m++) {
      for (int p = s; p < m; p++) {
        if (h.mopKey[p] == h.mopKey[m]) {
          return true;
        }
      }
    }
    return false;
  }

  private int firstReadMop(int s, int m, int k) {
    for (int i = s; i < m; i++) {
      if (h.mopF[i] == READ && h.mopKey[i] == k) {
        return i;
      }
    }
    throw new IllegalStateException("no read of key " + k + " before micro-op " + m);
  }

  private static int indexOf(int[] a, int size, int x) {
    for (int i = 0; i < size; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private void lostUpdate(int k, int readMop, IntArrayList txns) {
    Object key = h.keys.get(k);
    List<Anomaly.Txn> ts = new ArrayList<>();
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < txns.size(); i++) {
      String name = "T" + (i + 1);
      ts.add(Evidence.txn(h, txns.getInt(i), name));
      if (i > 0) {
        names.append(i == txns.size() - 1 ? " and " : ", ");
      }
      names.append(name);
    }
    Object value = h.mopValue[readMop];
    report.accept(new Anomaly("lost-update",
        names + (txns.size() == 2 ? " both" : " all") + " read the same state of " + keyText(key) + " and then appended to it: all but one of those updates is lost",
        ts,
        List.of(Evidence.step(names + " each read " + keyText(key) + " = " + fmt(value) + ", then appended to "
            + keyText(key) + ", and all committed; in any serial order one of them would have read another's append.")),
        data("key", key, "value", value)));
  }

  /** Elle's INT: a read must agree with the transaction's own earlier reads and appends of the key. */
  private void internal(int t, int s, int e) {
    // Per key seen so far: the known list (null: only a postfix is known), appends since.
    int size = e - s;
    int[] keys = new int[size];
    List<?>[] base = new List<?>[size];
    boolean[] nil = new boolean[size];
    boolean[] known = new boolean[size];
    List<List<Object>> appended = new ArrayList<>(size);
    int used = 0;
    for (int m = s; m < e; m++) {
      int k = h.mopKey[m];
      int slot = indexOf(keys, used, k);
      if (h.mopF[m] == APPEND) {
        if (slot < 0) {
          slot = used++;
          keys[slot] = k;
          known[slot] = false;
          nil[slot] = false;
          base[slot] = null;
          appended.add(new ArrayList<>());
        } else if (nil[slot]) {
          nil[slot] = false;
          known[slot] = true;
          base[slot] = List.of();
          appended.get(slot).clear();
        }
        appended.get(slot).add(h.mopValue[m]);
        continue;
      }
      List<?> v = (List<?>) h.mopValue[m];
      if (slot >= 0 && !nil[slot]) {
        List<Object> expected = new ArrayList<>();
        boolean ok;
        List<Object> post = appended.get(slot);
        if (known[slot]) {
          expected.addAll(base[slot]);
          expected.addAll(post);
          ok = v != null && v.equals(expected);
        } else {
          int i = (v == null ? 0 : v.size()) - post.size();
          ok = i >= 0 && v.subList(i, v.size()).equals(post);
        }
        if (!ok) {
          String exp = known[slot] ? fmt(expected) : "[... " + String.join(" ", post.stream().map(Evidence::fmt).toList()) + "]";
          Object key = h.keys.get(k);
          report.accept(new Anomaly("internal",
              "T1's read disagrees with its own earlier reads and appends of the key (internal inconsistency)",
              List.of(Evidence.txn(h, t, "T1")),
              List.of(Evidence.step("From its earlier micro-ops, T1 should have read " + keyText(key) + " as " + exp
                  + (known[slot] ? "" : " (ending with its own appends)") + ", but it read " + fmt(v) + ".",
                  data("key", key, "mopIndex", m - s))),
              data("key", key, "expected", exp)));
          return;
        }
      }
      if (slot < 0) {
        slot = used++;
        keys[slot] = k;
        appended.add(new ArrayList<>());
      }
      nil[slot] = v == null;
      known[slot] = v != null;
      base[slot] = v;
      appended.get(slot).clear();
    }
  }

  /** A read that observes an element this transaction appends only later. */
  private void futureRead(int t, int s, int e) {
    for (int m = s; m < e; m++) {
      if (h.mopF[m] != APPEND) {
        continue;
      }
      int k = h.mopKey[m];
      Object v = h.mopValue[m];
      for (int r = s; r < m; r++) {
        if (h.mopF[r] == READ && h.mopKey[r] == k && h.mopValue[r] instanceof List<?> l && l.contains(v)) {
          Object key = h.keys.get(k);
          report.accept(new Anomaly("future-read", "T1 read an element that it only appends later (future read)",
              List.of(Evidence.txn(h, t, "T1")),
              List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(l) + ", which contains " + fmt(v)
                  + ", and only afterwards appended " + fmt(v) + " itself.",
                  data("key", key, "mopIndex", r - s, "element", v))),
              data("key", key, "element", v)));
          return;
        }
      }
    }
  }

  // ---- incompatible orders

  void incompatibleOrders(boolean[] badKey) {
    for (int k = 0; k < badKey.length; k++) {
      if (!badKey[k]) {
        continue;
      }
      LinkedHashSet<List<?>> distinct = new LinkedHashSet<>();
      Map<List<?>, Integer> readerOf = new LinkedHashMap<>();
      for (int t = 0; t < n; t++) {
        if (h.type[t] == FAIL) {
          continue;
        }
        for (int m = h.mopStart[t]; m < h.mopStart[t + 1]; m++) {
          if (h.mopF[m] == READ && h.mopKey[m] == k && h.mopValue[m] instanceof List<?> l && !l.isEmpty()) {
            if (distinct.add(l)) {
              readerOf.put(l, t);
            }
          }
        }
      }
      List<List<?>> sorted = new ArrayList<>(distinct);
      sorted.sort((a, b) -> Integer.compare(a.size(), b.size()));
      for (int i = 0; i + 1 < sorted.size(); i++) {
        List<?> a = sorted.get(i);
        List<?> b = sorted.get(i + 1);
        if (!ListAppend.isPrefix(a, b)) {
          Object key = h.keys.get(k);
          report.accept(new Anomaly("incompatible-order",
              "two reads of " + keyText(key) + " cannot both be prefixes of one order of appends",
              List.of(Evidence.txn(h, readerOf.get(a), "T1"), Evidence.txn(h, readerOf.get(b), "T2")),
              List.of(Evidence.step("T1 read " + keyText(key) + " = " + fmt(a) + " and T2 read " + keyText(key) + " = " + fmt(b)
                  + ": the shorter is not a prefix of the longer, so no single history of appends produced both.")),
              data("key", key, "values", List.of(a, b))));
          break;
        }
      }
    }
  }
}
