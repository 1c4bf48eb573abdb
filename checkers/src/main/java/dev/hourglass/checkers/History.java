package dev.hourglass.checkers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable history of client operations (and non-client entries such as a nemesis's), in
 * real-time order. Stored column by column in primitive arrays — process, type and interned
 * function per entry, values by reference — so a million-entry history costs tens of bytes per
 * entry beyond its values.
 */
public final class History {
  /** OpType.values() copies its array on every call; entries index this one. */
  private static final OpType[] TYPES = OpType.values();

  /** Time of an entry that has none. */
  public static final long NO_TIME = Long.MIN_VALUE;

  private final String source;
  private final int size;
  private final int[] process; // >= 0 client; < 0 non-client, named in processNames
  private final byte[] type;
  private final int[] function; // index into functions
  private final Object[] value;
  private final long[] time;
  private final Object[] error; // null when no entry has an error
  private final int[] line; // source line, 0 if unknown
  private final String[] functions;
  private final String[] nonClientNames; // name of process -1 - k is nonClientNames[k]
  private List<Operation> operations;

  private History(Builder b) {
    this.source = b.source;
    this.size = b.size;
    this.process = Arrays.copyOf(b.process, size);
    this.type = Arrays.copyOf(b.type, size);
    this.function = Arrays.copyOf(b.function, size);
    this.value = Arrays.copyOf(b.value, size);
    this.time = Arrays.copyOf(b.time, size);
    this.error = b.anyError ? Arrays.copyOf(b.error, size) : null;
    this.line = Arrays.copyOf(b.line, size);
    this.functions = b.functions.toArray(new String[0]);
    this.nonClientNames = b.nonClientNames.toArray(new String[0]);
  }

  public static Builder builder(String source) {
    return new Builder(source);
  }

  /** Where the history came from (a file name), for messages. */
  public String source() {
    return source;
  }

  public int size() {
    return size;
  }

  public boolean isClient(int i) {
    return process[checkElementIndex(i, size)] >= 0;
  }

  /** The client process of entry {@code i}; negative for non-client entries. */
  public int process(int i) {
    return process[i];
  }

  public String processName(int i) {
    int p = process[i];
    return p >= 0 ? Integer.toString(p) : nonClientNames[-1 - p];
  }

  public OpType type(int i) {
    return TYPES[type[i]];
  }

  public String function(int i) {
    return functions[function[i]];
  }

  public Object value(int i) {
    return value[i];
  }

  public long timeNanos(int i) {
    return time[i];
  }

  public Object error(int i) {
    return error == null ? null : error[i];
  }

  /** The source line of entry {@code i}, or 0 if unknown. */
  public int line(int i) {
    return line[i];
  }

  public HistoryEntry entry(int i) {
    checkElementIndex(i, size);
    return new HistoryEntry(
        i,
        process[i] >= 0 ? Optional.of(process[i]) : Optional.empty(),
        processName(i),
        type(i),
        function(i),
        value[i],
        time[i] == NO_TIME ? Optional.empty() : Optional.of(time[i]),
        Optional.ofNullable(error(i)));
  }

  public List<HistoryEntry> entries() {
    List<HistoryEntry> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(entry(i));
    }
    return out;
  }

  /**
   * The client operations, each invocation paired with its completion, in invocation order.
   * Non-client entries are skipped. A history of completions only (no invocation at all) is read
   * as operations that each took effect at the point of their completion.
   *
   * @throws HistoryFormatException if a process invokes while it has an operation open, or a
   *     completion has no open invocation of its process
   */
  public List<Operation> operations() {
    if (operations == null) {
      operations = List.copyOf(pair());
    }
    return operations;
  }

  private List<Operation> pair() {
    boolean completionsOnly = true;
    for (int i = 0; i < size; i++) {
      if (process[i] >= 0 && type[i] == OpType.INVOKE.ordinal()) {
        completionsOnly = false;
        break;
      }
    }
    List<Operation> out = new ArrayList<>();
    Int2IntOpenHashMap open = new Int2IntOpenHashMap(); // process -> entry index of open invoke
    open.defaultReturnValue(-1);
    List<int[]> pairs = new ArrayList<>(); // {invoke, completion or -1}, by invocation
    Int2IntOpenHashMap pairOf = new Int2IntOpenHashMap(); // invoke entry -> position in pairs
    for (int i = 0; i < size; i++) {
      int p = process[i];
      if (p < 0) {
        continue;
      }
      if (type[i] == OpType.INVOKE.ordinal()) {
        int previous = open.get(p);
        if (previous >= 0) {
          throw new HistoryFormatException(source, line[i], 0,
              "process " + p + " invokes again (entry " + i + ") while its operation of entry " + previous
                  + " is still open; expected a completion (ok, fail or info) of process " + p + " first");
        }
        open.put(p, i);
        pairOf.put(i, pairs.size());
        pairs.add(new int[] {i, -1});
      } else if (completionsOnly) {
        pairs.add(new int[] {i, i});
      } else {
        int inv = open.remove(p);
        if (inv < 0) {
          throw new HistoryFormatException(source, line[i], 0,
              "a " + type(i).wireName() + " of process " + p + " (entry " + i
                  + ") has no open invocation; expected an invoke of process " + p + " before it");
        }
        pairs.get(pairOf.get(inv))[1] = i;
      }
    }
    for (int[] pair : pairs) {
      int inv = pair[0];
      int done = pair[1];
      OpType completion = done < 0 ? OpType.INFO : type(done);
      // Knossos's rule: an ok operation did what its completion says (a read's invocation
      // carries nil). A completion that repeats nothing (nil after a non-nil invocation) keeps
      // the invocation's value.
      Object v = completion == OpType.OK && value[done] != null ? value[done] : value[inv];
      out.add(new Operation(out.size(), process[inv], function(inv), value[inv], v, completion, inv, done,
          done < 0 ? null : error(done)));
    }
    return out;
  }

  /** Appends entries; not thread-safe. */
  public static final class Builder {
    private final String source;
    private int size;
    private int[] process = new int[64];
    private byte[] type = new byte[64];
    private int[] function = new int[64];
    private Object[] value = new Object[64];
    private long[] time = new long[64];
    private Object[] error = new Object[64];
    private int[] line = new int[64];
    private boolean anyError;
    private final List<String> functions = new ArrayList<>();
    private final Object2IntOpenHashMap<String> functionIds = new Object2IntOpenHashMap<>();
    private final List<String> nonClientNames = new ArrayList<>();
    private final Object2IntOpenHashMap<String> nonClientIds = new Object2IntOpenHashMap<>();

    private Builder(String source) {
      this.source = checkNotNull(source, "source");
      functionIds.defaultReturnValue(-1);
      nonClientIds.defaultReturnValue(0);
    }

    /** Adds a client entry; {@code timeNanos} may be {@link #NO_TIME}; {@code line} 0 if unknown. */
    public Builder add(int process, OpType type, String function, Object value, long timeNanos, Object error, int line) {
      checkArgument(process >= 0, "a client process is >= 0: process=%s", process);
      return append(process, type, function, value, timeNanos, error, line);
    }

    /** Adds a client entry without time, error or line. */
    public Builder add(int process, OpType type, String function, Object value) {
      return add(process, type, function, value, NO_TIME, null, 0);
    }

    /** Adds a non-client entry (e.g. the nemesis's), which checkers skip. */
    public Builder addNonClient(String processName, OpType type, String function, Object value, long timeNanos, int line) {
      return addNonClient(processName, type, function, value, timeNanos, null, line);
    }

    /**
     * Adds a non-client entry that carries an error (Jepsen nemesis entries do, e.g. {@code :error
     * "indeterminate: ..."}); {@code error} may be null.
     */
    public Builder addNonClient(
        String processName, OpType type, String function, Object value, long timeNanos, Object error, int line) {
      checkNotNull(processName, "processName");
      int id = nonClientIds.getInt(processName);
      if (id == 0) {
        nonClientNames.add(processName);
        id = -nonClientNames.size();
        nonClientIds.put(processName, id);
      }
      return append(id, type, function, value, timeNanos, error, line);
    }

    private Builder append(int p, OpType t, String f, Object v, long timeNanos, Object err, int sourceLine) {
      checkNotNull(t, "type");
      checkNotNull(f, "function");
      if (size == process.length) {
        int n = size * 2;
        process = Arrays.copyOf(process, n);
        type = Arrays.copyOf(type, n);
        function = Arrays.copyOf(function, n);
        value = Arrays.copyOf(value, n);
        time = Arrays.copyOf(time, n);
        error = Arrays.copyOf(error, n);
        line = Arrays.copyOf(line, n);
      }
      int fid = functionIds.getInt(f);
      if (fid < 0) {
        fid = functions.size();
        functions.add(f);
        functionIds.put(f, fid);
      }
      process[size] = p;
      type[size] = (byte) t.ordinal();
      function[size] = fid;
      value[size] = v;
      time[size] = timeNanos;
      error[size] = err;
      anyError |= err != null;
      line[size] = sourceLine;
      size++;
      return this;
    }

    public int size() {
      return size;
    }

    public History build() {
      return new History(this);
    }
  }
}
