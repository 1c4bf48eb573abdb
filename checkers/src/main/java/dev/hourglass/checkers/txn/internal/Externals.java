package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.TxnHistory.FAIL;
import static dev.hourglass.checkers.txn.internal.TxnHistory.INFO;
import static dev.hourglass.checkers.txn.internal.TxnHistory.OK;
import static dev.hourglass.checkers.txn.internal.TxnHistory.READ;
import static dev.hourglass.checkers.txn.internal.TxnHistory.WRITE;

import it.unimi.dsi.fastutil.ints.IntArrayList;

/**
 * The external reads and writes of rw-register transactions, and register versions as ints.
 *
 * <p>A transaction's external read of a key is its first micro-op on the key, if that is a read
 * (only ok transactions: an info read returned nothing); its external write is its last write
 * of the key (ok and info transactions). Only these relate transactions to each other; the rest
 * is internal. Version 0.. ids intern (key, value); nil is a version of its own, every key's
 * initial one.
 */
final class Externals {
  /** The initial version of every key. */
  static final Object NIL = new Object() {
    @Override
    public String toString() {
      return "nil";
    }
  };

  final TxnHistory h;
  final ValueTable versions;
  /** Per transaction: external reads and writes as (key, version) ranges into flat arrays. */
  final int[] extReadStart;
  final int[] extWriteStart;
  final IntArrayList extReadKey = new IntArrayList();
  final IntArrayList extReadVer = new IntArrayList();
  final IntArrayList extReadMop = new IntArrayList();
  final IntArrayList extWriteKey = new IntArrayList();
  final IntArrayList extWriteVer = new IntArrayList();
  final IntArrayList extWriteMop = new IntArrayList();
  /** Per mop: the version it read or wrote. */
  final int[] mopVer;
  private final int n;

  Externals(TxnHistory h) {
    this.h = h;
    this.n = h.n;
    this.versions = new ValueTable(h.mopCount() / 2);
    this.extReadStart = new int[n + 1];
    this.extWriteStart = new int[n + 1];
    this.mopVer = new int[h.mopCount()];
    externals();
  }

  int version(int k, Object v) {
    return versions.intern(k, v == null ? NIL : v);
  }

  /** A version's value, nil as null. */
  Object display(int ver) {
    Object v = versions.value(ver);
    return v == NIL ? null : v;
  }

  private void externals() {
    for (int t = 0; t < n; t++) {
      extReadStart[t] = extReadKey.size();
      extWriteStart[t] = extWriteKey.size();
      int s = h.mopStart[t];
      int e = h.mopStart[t + 1];
      for (int m = s; m < e; m++) {
        int k = h.mopKey[m];
        mopVer[m] = version(k, h.mopValue[m]);
      }
      boolean ok = h.type[t] == OK;
      boolean info = h.type[t] == INFO;
      for (int m = s; m < e; m++) {
        int k = h.mopKey[m];
        if (ok && h.mopF[m] == READ && !seenBefore(s, m, k)) {
          extReadKey.add(k);
          extReadVer.add(mopVer[m]);
          extReadMop.add(m);
        }
        if ((ok || info) && h.mopF[m] == WRITE && !writtenAfter(m, e, k)) {
          extWriteKey.add(k);
          extWriteVer.add(mopVer[m]);
          extWriteMop.add(m);
        }
      }
    }
    extReadStart[n] = extReadKey.size();
    extWriteStart[n] = extWriteKey.size();
  }

  boolean seenBefore(int s, int m, int k) {
    for (int p = s; p < m; p++) {
      if (h.mopKey[p] == k) {
        return true;
      }
    }
    return false;
  }

  boolean writtenAfter(int m, int e, int k) {
    for (int p = m + 1; p < e; p++) {
      if (h.mopKey[p] == k && h.mopF[p] == WRITE) {
        return true;
      }
    }
    return false;
  }

  /** The version transaction t externally read (or wrote) of key k, or -1. */
  int extRead(int t, int k) {
    for (int i = extReadStart[t]; i < extReadStart[t + 1]; i++) {
      if (extReadKey.getInt(i) == k) {
        return extReadVer.getInt(i);
      }
    }
    return -1;
  }

  int extWrite(int t, int k) {
    for (int i = extWriteStart[t]; i < extWriteStart[t + 1]; i++) {
      if (extWriteKey.getInt(i) == k) {
        return extWriteVer.getInt(i);
      }
    }
    return -1;
  }

  int[] touched(int t) {
    IntArrayList ks = new IntArrayList();
    if (h.type[t] == OK) {
      for (int i = extReadStart[t]; i < extReadStart[t + 1]; i++) {
        ks.add(extReadKey.getInt(i));
      }
    }
    if (h.type[t] != FAIL) {
      for (int i = extWriteStart[t]; i < extWriteStart[t + 1]; i++) {
        if (!ks.contains(extWriteKey.getInt(i))) {
          ks.add(extWriteKey.getInt(i));
        }
      }
    }
    return ks.toIntArray();
  }

  boolean touches(int t, int k) {
    if (h.type[t] == FAIL) {
      return false;
    }
    return (h.type[t] == OK && extRead(t, k) >= 0) || extWrite(t, k) >= 0;
  }

  /** The version a transaction leaves a key at: its external write, else (ok) its external read. */
  int finalVersion(int t, int k) {
    int w = extWrite(t, k);
    if (w >= 0 && display(w) != null) {
      return w;
    }
    if (h.type[t] != OK) {
      return w;
    }
    int r = extRead(t, k);
    return r >= 0 ? r : versions.intern(k, NIL);
  }

  /** The version a transaction first sees of a key: its external read, else its external write. */
  int firstVersion(int t, int k) {
    if (h.type[t] == OK) {
      int r = extRead(t, k);
      if (r >= 0 && display(r) != null) {
        return r;
      }
      int w = extWrite(t, k);
      return w >= 0 ? w : versions.intern(k, NIL);
    }
    return extWrite(t, k);
  }
}
