package dev.hourglass.checkers.txn.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.io.HistoryReader;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayFIFOQueue;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A history's client operations as transactions, in columns: one transaction per operation
 * (an invocation paired with the next completion of its process), numbered in the order they
 * were invoked — so that everything invoked after an instant is a contiguous range of numbers —
 * and their micro-operations ("mops") flattened into arrays.
 *
 * <p>Pairing is lenient, as Elle's is: a completion with no open invocation of its process is a
 * transaction of its own (Elle's tests write histories of completions only), an invocation
 * that never completes is {@code info} with the invocation's value, and a process may have
 * several operations open (a completion closes the oldest). Entries of non-client processes
 * (the nemesis) are ignored.
 *
 * <p>A transaction's value is its completion's (what it read), or its invocation's when the
 * completion carries none. A micro-op is {@code [f k v]} or {@code [f k]} (v then nil); the
 * workload decides which {@code f} are allowed; keys are keywords, strings or integers.
 */
public final class TxnHistory {
  public static final byte APPEND = 1;
  public static final byte READ = 2;
  public static final byte WRITE = 3;

  public static final byte OK = (byte) OpType.OK.ordinal();
  public static final byte FAIL = (byte) OpType.FAIL.ordinal();
  public static final byte INFO = (byte) OpType.INFO.ordinal();

  public final History history;
  public final boolean listAppend;
  /** Number of transactions. */
  public final int n;
  public final byte[] type;
  public final int[] process;
  /** Entry index of the invocation, or -1 (a completion-only transaction). */
  public final int[] invokeEntry;
  /** Entry index of the completion, or -1 (never completed: info). */
  public final int[] completeEntry;
  /** Micro-ops of transaction t are mopStart[t] .. mopStart[t+1]-1. */
  public final int[] mopStart;
  public final byte[] mopF;
  public final int[] mopKey;
  /** The raw value of each micro-op (null for nil or a two-element read). */
  public final Object[] mopValue;
  /** Key objects by key id. */
  public final List<Object> keys;
  public final boolean anyInvoke;

  private final Object2IntOpenHashMap<Object> keyIds;

  private TxnHistory(History history, boolean listAppend, Builder b) {
    this.history = history;
    this.listAppend = listAppend;
    this.n = b.n;
    this.type = Arrays.copyOf(b.type, n);
    this.process = Arrays.copyOf(b.process, n);
    this.invokeEntry = Arrays.copyOf(b.invokeEntry, n);
    this.completeEntry = Arrays.copyOf(b.completeEntry, n);
    this.mopStart = Arrays.copyOf(b.mopStart, n + 1);
    int m = b.mops;
    this.mopF = Arrays.copyOf(b.mopF, m);
    this.mopKey = Arrays.copyOf(b.mopKey, m);
    this.mopValue = Arrays.copyOf(b.mopValue, m);
    this.keys = b.keyList;
    this.keyIds = b.keyIds;
    this.anyInvoke = b.anyInvoke;
  }

  /** Reads the transactions of {@code history}; malformed micro-ops throw naming the line. */
  public static TxnHistory of(History history, boolean listAppend) {
    Builder b = new Builder(history, listAppend);
    b.run();
    return new TxnHistory(history, listAppend, b);
  }

  public int mopCount() {
    return mopStart[n];
  }

  public boolean isOk(int t) {
    return type[t] == OK;
  }

  /** ok or info: transactions that may have happened. */
  public boolean isPossible(int t) {
    return type[t] != FAIL;
  }

  /** The id of a key, or -1 if no micro-op uses it. */
  public int keyId(Object key) {
    return keyIds.getOrDefault(key, -1);
  }

  /** The position at which the transaction was invoked (its completion's when it had none). */
  public int startEntry(int t) {
    return invokeEntry[t] >= 0 ? invokeEntry[t] : completeEntry[t];
  }

  /** The entry whose value is the transaction's (its completion, or its invocation if it has none). */
  public int valueEntry(int t) {
    return completeEntry[t] >= 0 ? completeEntry[t] : invokeEntry[t];
  }

  /** The source line of the transaction's completion (or invocation), 0 if unknown. */
  public int line(int t) {
    return history.line(valueEntry(t));
  }

  /**
   * The micro-ops of an arbitrary entry's value (e.g. an invocation's), parsed with the same
   * rules; calls {@code visitor} for each.
   */
  public void forEachMop(int entry, MopVisitor visitor) {
    Object value = history.value(entry);
    if (value == null) {
      return;
    }
    List<?> txn = (List<?>) value; // validated when the transaction was read
    for (int i = 0; i < txn.size(); i++) {
      List<?> mop = (List<?>) txn.get(i);
      byte f = decodeF(mop.get(0), listAppend);
      int key = keyIds.getOrDefault(mop.get(1), -1);
      visitor.visit(i, f, key, mop.get(1), mop.size() > 2 ? mop.get(2) : null);
    }
  }

  /** Visits one micro-op of an entry's value. */
  public interface MopVisitor {
    void visit(int position, byte f, int keyId, Object key, Object value);
  }

  /** Text of a transaction for evidence: {@code p3 ok #12..#15 [[:append :x 1] [:r :y [1]]]}. */
  public String describe(int t) {
    OpType ty = OpType.values()[type[t]];
    int inv = invokeEntry[t];
    int done = completeEntry[t];
    String when = inv < 0 ? "#" + done : "#" + inv + ".." + (done < 0 ? "never" : "#" + done);
    return "p" + processName(t) + " " + ty.wireName() + " " + when + " " + Values.format(history.value(valueEntry(t)));
  }

  /** The process's name; {@code nil} for the anonymous process of maps without {@code :process}. */
  public String processName(int t) {
    return process[t] == HistoryReader.ANONYMOUS_PROCESS ? "nil" : history.processName(valueEntry(t));
  }

  /** The JSON-ready description of a transaction. */
  public Map<String, Object> toJson(int t) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("process", processName(t));
    m.put("type", OpType.values()[type[t]].wireName());
    if (invokeEntry[t] >= 0) {
      m.put("invokeIndex", invokeEntry[t]);
    }
    if (completeEntry[t] >= 0) {
      m.put("completeIndex", completeEntry[t]);
    }
    int line = line(t);
    if (line > 0) {
      m.put("line", line);
    }
    m.put("value", Values.format(history.value(valueEntry(t))));
    return m;
  }

  static byte decodeF(Object f, boolean listAppend) {
    String name = f instanceof Keyword k ? k.name() : f instanceof String s ? s : null;
    if (name == null) {
      return 0;
    }
    return switch (name) {
      case "r" -> READ;
      case "append" -> listAppend ? APPEND : 0;
      case "w" -> listAppend ? 0 : WRITE;
      default -> 0;
    };
  }

  private static final class Builder {
    private final History h;
    private final boolean listAppend;
    private int n;
    private byte[] type = new byte[1024];
    private int[] process = new int[1024];
    private int[] invokeEntry = new int[1024];
    private int[] completeEntry = new int[1024];
    private int[] mopStart = new int[1025];
    private int mops;
    private byte[] mopF = new byte[4096];
    private int[] mopKey = new int[4096];
    private Object[] mopValue = new Object[4096];
    private final List<Object> keyList = new ArrayList<>();
    private final Object2IntOpenHashMap<Object> keyIds = new Object2IntOpenHashMap<>();
    private boolean anyInvoke;

    Builder(History h, boolean listAppend) {
      this.h = h;
      this.listAppend = listAppend;
      keyIds.defaultReturnValue(-1);
    }

    void run() {
      Int2ObjectOpenHashMap<IntArrayFIFOQueue> open = new Int2ObjectOpenHashMap<>();
      int size = h.size();
      for (int i = 0; i < size; i++) {
        if (!h.isClient(i)) {
          continue;
        }
        OpType t = h.type(i);
        int p = h.process(i);
        if (t == OpType.INVOKE) {
          anyInvoke = true;
          int id = add(p, OpType.INFO, i, -1);
          open.computeIfAbsent(p, k -> new IntArrayFIFOQueue(2)).enqueue(id);
        } else {
          IntArrayFIFOQueue q = open.get(p);
          if (q != null && !q.isEmpty()) {
            int id = q.dequeueInt();
            type[id] = (byte) t.ordinal();
            completeEntry[id] = i;
          } else {
            add(p, t, -1, i);
          }
        }
      }
      // Micro-ops, in transaction order.
      for (int id = 0; id < n; id++) {
        mopStart[id] = mops;
        int entry = completeEntry[id] >= 0 ? completeEntry[id] : invokeEntry[id];
        Object value = h.value(entry);
        if (value == null && completeEntry[id] >= 0 && invokeEntry[id] >= 0) {
          entry = invokeEntry[id];
          value = h.value(entry);
        }
        readMops(id, entry, value);
      }
      mopStart[n] = mops;
      // An invocation's value must be well formed too (list-append reads its appends).
      if (anyInvoke) {
        for (int id = 0; id < n; id++) {
          int inv = invokeEntry[id];
          if (inv >= 0 && inv != valueEntryOf(id)) {
            validate(inv, h.value(inv), NO_TXN);
          }
        }
      }
    }

    private int valueEntryOf(int id) {
      int e = completeEntry[id] >= 0 ? completeEntry[id] : invokeEntry[id];
      if (h.value(e) == null && completeEntry[id] >= 0 && invokeEntry[id] >= 0) {
        return invokeEntry[id];
      }
      return e;
    }

    private int add(int p, OpType t, int inv, int done) {
      if (n == type.length) {
        int c = n * 2;
        type = Arrays.copyOf(type, c);
        process = Arrays.copyOf(process, c);
        invokeEntry = Arrays.copyOf(invokeEntry, c);
        completeEntry = Arrays.copyOf(completeEntry, c);
        mopStart = Arrays.copyOf(mopStart, c + 1);
      }
      type[n] = (byte) t.ordinal();
      process[n] = p;
      invokeEntry[n] = inv;
      completeEntry[n] = done;
      return n++;
    }

    private void readMops(int id, int entry, Object value) {
      validate(entry, value, id);
    }

    private static final int NO_TXN = -1;

    /** Checks (and, when {@code id} is not null, records) the micro-ops of one entry's value. */
    private void validate(int entry, Object value, int id) {
      if (value == null) {
        return; // Elle reads a nil transaction as an empty one
      }
      if (!(value instanceof List<?> txn)) {
        throw bad(entry, "expected a transaction, a vector of micro-ops such as " + example()
            + ", but found " + Values.format(value));
      }
      for (int oi = 0, size = txn.size(); oi < size; oi++) {
        Object o = txn.get(oi);
        if (!(o instanceof List<?> mop) || mop.size() < 2 || mop.size() > 3) {
          throw bad(entry, "micro-op " + Values.format(o) + " has the wrong shape: expected "
              + shapes() + (o instanceof List<?> l ? " (it has " + l.size() + " elements)" : ""));
        }
        byte f = decodeF(mop.get(0), listAppend);
        if (f == 0) {
          throw bad(entry, "micro-op " + Values.format(o) + " has function " + Values.format(mop.get(0))
              + "; " + (listAppend ? "list-append" : "rw-register") + " allows " + shapes());
        }
        Object key = mop.get(1);
        if (key == null || key instanceof List<?> || key instanceof Map<?, ?> || key instanceof Set<?>) {
          throw bad(entry, "micro-op " + Values.format(o) + " has key " + Values.format(key)
              + "; expected a keyword, a string or an integer");
        }
        Object v = mop.size() > 2 ? mop.get(2) : null;
        if (f != READ && mop.size() != 3) {
          throw bad(entry, "micro-op " + Values.format(o) + " has no value; expected " + shapes());
        }
        if (f == READ && listAppend) {
          if (v != null && !(v instanceof List<?>)) {
            throw bad(entry, "read " + Values.format(o) + " should return a list (or nil) but returned "
                + Values.format(v) + "; expected " + shapes());
          }
          if (v != null) {
            List<?> list = (List<?>) v;
            for (int ei = 0, elements = list.size(); ei < elements; ei++) {
              Object e = list.get(ei);
              if (!(e instanceof Long) && (e == null || e instanceof List<?> || e instanceof Map<?, ?> || e instanceof Set<?>)) {
                throw bad(entry, "read " + Values.format(o) + " contains " + Values.format(e)
                    + "; list elements are the appended values (integers, strings or keywords)");
              }
            }
          }
        } else if (v instanceof List<?> || v instanceof Map<?, ?> || v instanceof Set<?>) {
          throw bad(entry, "micro-op " + Values.format(o) + " has value " + Values.format(v)
              + "; expected a single value, e.g. " + shapes());
        } else if (f != READ && v == null) {
          throw bad(entry, "micro-op " + Values.format(o) + " writes nil; expected a value, e.g. " + shapes());
        }
        int k = keyIds.getInt(key);
        if (k < 0) {
          k = keyList.size();
          keyList.add(key);
          keyIds.put(key, k);
        }
        if (id != NO_TXN) {
          if (mops == mopF.length) {
            int c = mops * 2;
            mopF = Arrays.copyOf(mopF, c);
            mopKey = Arrays.copyOf(mopKey, c);
            mopValue = Arrays.copyOf(mopValue, c);
          }
          mopF[mops] = f;
          mopKey[mops] = k;
          mopValue[mops] = v;
          mops++;
        }
      }
    }

    private String example() {
      return listAppend ? "[[:append :x 1] [:r :y [1 2]]]" : "[[:w :x 1] [:r :y 2]]";
    }

    private String shapes() {
      return listAppend ? "[:append k v], [:r k [v ...]], [:r k nil] or [:r k]" : "[:w k v], [:r k v], [:r k nil] or [:r k]";
    }

    private HistoryFormatException bad(int entry, String message) {
      return new HistoryFormatException(h.source(), h.line(entry), 0,
          "entry " + entry + " (process " + h.processName(entry) + ", " + h.type(entry).wireName() + "): " + message);
    }
  }
}
