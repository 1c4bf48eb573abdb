package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import java.io.IOException;
import java.io.Reader;
import java.util.List;

/**
 * Reads a Jepsen/Knossos/Elle EDN history, or a Porcupine kv log (the same map syntax, with a
 * {@code :key}), into a {@link History}, streaming: one map at a time, never the whole file.
 *
 * <p>Structure: one vector {@code [...]} or list {@code (...)} of maps, or a plain series of
 * top-level maps (both occur in the Knossos data; Elle writes series). Keys, in any order:
 * {@code :process}, {@code :type}, {@code :f}, {@code :value}, optional {@code :time}, {@code
 * :index}, {@code :error}; any other key is read (so it must be valid EDN) and ignored. Each entry
 * keeps the line of its map's opening brace.
 *
 * <ul>
 *   <li>{@code :process}: an integer from 0 to {@link Integer#MAX_VALUE} is a client; a keyword
 *       ({@code :nemesis}, named {@code ":nemesis"}) or a string (named by its text) is a
 *       non-client entry; absent or {@code nil} (Elle's {@code paper-example.edn}) is the one
 *       {@link #ANONYMOUS_PROCESS anonymous client process}.
 *   <li>{@code :type}: {@code :invoke}, {@code :ok}, {@code :fail} or {@code :info}; required.
 *   <li>{@code :f}: a keyword or string naming the function; required, except that a map without
 *       {@code :f} whose {@code :value} is a transaction (a vector of micro-ops such as {@code
 *       [:append :x 1]}) is a {@code txn} — Elle's test histories omit it and Elle treats every
 *       client operation as a transaction.
 *   <li>{@code :time}: integer nanoseconds, or nil. {@code :index}: an integer or nil, checked and
 *       otherwise ignored — entries are numbered by position.
 * </ul>
 */
public final class EdnHistoryParser {
  /**
   * The client process of maps with no {@code :process} (or {@code :process nil}). Elle treats
   * them as one process, {@code nil}; we give that process this number, which no real history
   * reaches. It is written back as this integer.
   */
  public static final int ANONYMOUS_PROCESS = Integer.MAX_VALUE;

  /** Which file format the maps follow. */
  public enum Mode {
    /** Jepsen operation maps. */
    EDN,
    /** Porcupine kv maps: integer process, {@code :f} get/put/append, {@code :key}; value becomes {@code [key value]}. */
    PORCUPINE_KV
  }

  private static final int PROCESS = 1;
  private static final int TYPE = 2;
  private static final int F = 4;
  private static final int VALUE = 8;
  private static final int TIME = 16;
  private static final int INDEX = 32;
  private static final int ERROR = 64;
  private static final int KEY = 128;

  private final EdnReader edn;
  private final Mode mode;
  private final History.Builder builder;
  private final Keyword kProcess;
  private final Keyword kType;
  private final Keyword kF;
  private final Keyword kValue;
  private final Keyword kTime;
  private final Keyword kIndex;
  private final Keyword kError;
  private final Keyword kKey;
  private final Keyword[] types;

  private EdnHistoryParser(Reader in, String source, Mode mode) {
    this.edn = new EdnReader(in, source);
    this.mode = mode;
    this.builder = History.builder(source);
    kProcess = edn.keyword("process");
    kType = edn.keyword("type");
    kF = edn.keyword("f");
    kValue = edn.keyword("value");
    kTime = edn.keyword("time");
    kIndex = edn.keyword("index");
    kError = edn.keyword("error");
    kKey = edn.keyword("key");
    types = new Keyword[OpType.values().length];
    for (OpType t : OpType.values()) {
      types[t.ordinal()] = edn.keyword(t.wireName());
    }
  }

  public static History read(Reader in, String source, Mode mode) throws IOException {
    return new EdnHistoryParser(in, source, mode).readHistory();
  }

  private History readHistory() throws IOException {
    edn.skipWhitespace();
    int c = edn.peek();
    if (c < 0) {
      return builder.build();
    }
    if (c == '[' || c == '(') {
      char closer = c == '[' ? ']' : ')';
      String what = c == '[' ? "vector" : "list";
      int openLine = edn.line();
      int openColumn = edn.column();
      edn.read();
      for (;;) {
        edn.skipWhitespace();
        c = edn.peek();
        if (c == closer) {
          edn.read();
          break;
        }
        if (c != '{') {
          throw found("expected an operation map '{' or '" + closer + "' closing the " + what + " opened at "
              + openLine + ":" + openColumn);
        }
        readEntry();
      }
      edn.skipWhitespace();
      if (edn.peek() >= 0) {
        throw found("expected end of file after the " + what + " of operations opened at " + openLine + ":"
            + openColumn);
      }
    } else if (c == '{') {
      for (;;) {
        readEntry();
        edn.skipWhitespace();
        c = edn.peek();
        if (c < 0) {
          break;
        }
        if (c != '{') {
          throw found("expected an operation map '{' or end of file");
        }
      }
    } else {
      throw found("expected an operation map '{', or a vector '[' or list '(' of them");
    }
    return builder.build();
  }

  /** An error at the current position: {@code expectation + " but found " + next token}. */
  private HistoryFormatException found(String expectation) throws IOException {
    int line = edn.line();
    int column = edn.column();
    return edn.error(line, column, expectation + " but found " + edn.describeNext());
  }

  private int keyBit(Object key) {
    if (!(key instanceof Keyword)) {
      return 0;
    }
    if (key.equals(kProcess)) {
      return PROCESS;
    } else if (key.equals(kType)) {
      return TYPE;
    } else if (key.equals(kF)) {
      return F;
    } else if (key.equals(kValue)) {
      return VALUE;
    } else if (key.equals(kTime)) {
      return TIME;
    } else if (key.equals(kIndex)) {
      return INDEX;
    } else if (key.equals(kError)) {
      return ERROR;
    } else if (key.equals(kKey) && mode == Mode.PORCUPINE_KV) {
      return KEY;
    }
    return 0;
  }

  private void readEntry() throws IOException {
    int mapLine = edn.line();
    int mapColumn = edn.column();
    edn.read(); // '{'
    int seen = 0;
    Object process = null;
    int processLine = 0;
    int processColumn = 0;
    OpType type = null;
    String function = null;
    int functionLine = 0;
    int functionColumn = 0;
    Object value = null;
    long time = History.NO_TIME;
    Object error = null;
    Object key = null;
    for (;;) {
      edn.skipWhitespace();
      int c = edn.peek();
      if (c == '}') {
        edn.read();
        break;
      }
      if (c < 0 || c == ']' || c == ')') {
        throw found("expected a key or '}' closing the map opened at " + mapLine + ":" + mapColumn);
      }
      Object k = edn.readValue();
      int keyLine = edn.valueLine();
      int keyColumn = edn.valueColumn();
      edn.skipWhitespace();
      c = edn.peek();
      if (c < 0 || c == '}' || c == ']' || c == ')') {
        throw found("expected a value for the key " + EdnReader.describe(k) + " (map opened at " + mapLine + ":"
            + mapColumn + ")");
      }
      int bit = keyBit(k);
      if ((seen & bit) != 0) {
        throw edn.error(keyLine, keyColumn, "expected each key once but found " + k + " again in the map opened at "
            + mapLine + ":" + mapColumn);
      }
      seen |= bit;
      Object v = edn.readValue();
      int vLine = edn.valueLine();
      int vColumn = edn.valueColumn();
      switch (bit) {
        case PROCESS -> {
          process = v;
          processLine = vLine;
          processColumn = vColumn;
        }
        case TYPE -> type = type(v, vLine, vColumn);
        case F -> {
          if (v instanceof Keyword kw) {
            function = kw.name();
          } else if (v instanceof String s && !s.isEmpty()) {
            function = s;
          } else if (v != null) {
            throw edn.error(vLine, vColumn, "expected :f to be a keyword naming the function, such as :read, but found "
                + EdnReader.describe(v));
          }
          functionLine = vLine;
          functionColumn = vColumn;
        }
        case VALUE -> value = v;
        case TIME -> {
          if (v instanceof Long t) {
            time = t;
          } else if (v != null) {
            throw edn.error(vLine, vColumn, "expected :time to be an integer (nanoseconds) but found "
                + EdnReader.describe(v));
          }
        }
        case INDEX -> {
          if (v != null && !(v instanceof Long)) {
            throw edn.error(vLine, vColumn, "expected :index to be an integer but found " + EdnReader.describe(v));
          }
        }
        case ERROR -> error = v;
        case KEY -> key = v;
        default -> {
          // Other keys (Jepsen adds e.g. :node, :debug) are not part of the history model.
        }
      }
    }
    String where = "the map at " + mapLine + ":" + mapColumn;
    if (type == null) {
      throw edn.error(mapLine, mapColumn, "expected :type (:invoke, :ok, :fail or :info) but found no :type in " + where);
    }
    if (function == null) {
      if (mode == Mode.EDN && (seen & F) == 0 && isTransaction(value)) {
        function = "txn";
      } else {
        throw edn.error(mapLine, mapColumn, "expected :f naming the function (such as :f :read) but found "
            + ((seen & F) == 0 ? "no :f" : ":f nil") + " in " + where);
      }
    }
    if (mode == Mode.PORCUPINE_KV) {
      addKv(process, processLine, processColumn, type, function, functionLine, functionColumn, key, value, time, error,
          mapLine, mapColumn, (seen & KEY) != 0);
      return;
    }
    if (process == null) {
      builder.add(ANONYMOUS_PROCESS, type, function, value, time, error, mapLine);
    } else if (process instanceof Long p) {
      if (p < 0 || p > Integer.MAX_VALUE) {
        throw edn.error(processLine, processColumn, "expected :process to be a client number from 0 to "
            + Integer.MAX_VALUE + " or a keyword such as :nemesis but found " + p);
      }
      builder.add((int) (long) p, type, function, value, time, error, mapLine);
    } else if (process instanceof Keyword kw) {
      builder.addNonClient(kw.toString(), type, function, value, time, error, mapLine);
    } else if (process instanceof String s) {
      builder.addNonClient(s, type, function, value, time, error, mapLine);
    } else {
      throw edn.error(processLine, processColumn, "expected :process to be an integer, a keyword such as :nemesis, "
          + "or a string but found " + EdnReader.describe(process));
    }
  }

  private void addKv(Object process, int processLine, int processColumn, OpType type, String function, int functionLine,
      int functionColumn, Object key, Object value, long time, Object error, int mapLine, int mapColumn,
      boolean hasKey) {
    if (!(process instanceof Long p) || p < 0 || p > Integer.MAX_VALUE) {
      int l = process == null ? mapLine : processLine;
      int c = process == null ? mapColumn : processColumn;
      throw edn.error(l, c, "expected :process to be a client number from 0 to " + Integer.MAX_VALUE + " but found "
          + (process == null ? "no :process in the map at " + mapLine + ":" + mapColumn : EdnReader.describe(process)));
    }
    if (!function.equals("get") && !function.equals("put") && !function.equals("append")) {
      throw edn.error(functionLine, functionColumn, "expected :f to be :get, :put or :append but found :" + function);
    }
    if (!hasKey) {
      throw edn.error(mapLine, mapColumn, "expected :key (such as :key \"0\") but found no :key in the map at "
          + mapLine + ":" + mapColumn);
    }
    // Jepsen's "independent" tuple: the key, then what the operation read or wrote.
    builder.add((int) (long) p, type, function, ValueList.of(key, value), time, error, mapLine);
  }

  private OpType type(Object v, int line, int column) {
    for (OpType t : OpType.values()) {
      if (types[t.ordinal()].equals(v)) {
        return t;
      }
    }
    throw edn.error(line, column, "expected :type to be :invoke, :ok, :fail or :info but found " + EdnReader.describe(v));
  }

  /** Elle's transaction shape: a vector of micro-ops, each a vector starting with a keyword ({@code [:r :x nil]}). */
  static boolean isTransaction(Object value) {
    if (!(value instanceof List<?> mops)) {
      return false;
    }
    for (Object mop : mops) {
      if (!(mop instanceof List<?> m) || m.isEmpty() || !(m.get(0) instanceof Keyword)) {
        return false;
      }
    }
    return true;
  }
}
