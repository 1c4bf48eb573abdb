package dev.hourglass.checkers.txn;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A compact notation for transactional histories in tests, after Elle's test helper.
 *
 * <p>A transaction is a string of micro-ops, each a function letter, a key letter and a value:
 * {@code ax1} appends 1 to :x; {@code rx12} reads :x as the list [1 2] (list-append: one element
 * per digit), {@code rx} is the two-element read {@code [:r :x]}, {@code rx.} reads the empty
 * list []; {@code wx1} writes 1 to :x and {@code rx1} reads 1 (rw-register), {@code rx_} reads
 * nil. Keys are single letters other than a, r and w ({@code x y z t u}); values single digits.
 * Example: {@code "ax1ry1"} is {@code [[:append :x 1] [:r :y [1]]]}.
 *
 * <p>Entries: {@link #ok(String)} adds a completion without invocation (process 0), {@link
 * #pair(int, String)} an invocation (reads with nil values) and its ok completion, {@link
 * #invoke}/{@link #complete} the two halves separately.
 */
final class TxnHist {
  private final boolean listAppend;
  private final History.Builder b = History.builder("<test>");
  private int line;
  private long time;

  private TxnHist(boolean listAppend) {
    this.listAppend = listAppend;
  }

  static TxnHist listAppend() {
    return new TxnHist(true);
  }

  static TxnHist rwRegister() {
    return new TxnHist(false);
  }

  /** An ok completion of process 0, with no invocation. */
  TxnHist ok(String txn) {
    return complete(0, OpType.OK, txn);
  }

  TxnHist ok(int process, String txn) {
    return complete(process, OpType.OK, txn);
  }

  TxnHist fail(int process, String txn) {
    return complete(process, OpType.FAIL, txn);
  }

  TxnHist info(int process, String txn) {
    return complete(process, OpType.INFO, txn);
  }

  /** The invocation of {@code txn}: its reads carry nil. */
  TxnHist invoke(int process, String txn) {
    List<Object> mops = new ArrayList<>();
    for (Object o : txn(txn, listAppend)) {
      List<?> mop = (List<?>) o;
      mops.add(mop.get(0).equals(Keyword.of("r")) ? Collections.unmodifiableList(Arrays.asList(mop.get(0), mop.get(1), null)) : mop);
    }
    b.add(process, OpType.INVOKE, "txn", List.copyOf(mops), time++, null, ++line);
    return this;
  }

  TxnHist complete(int process, OpType type, String txn) {
    b.add(process, type, "txn", txn(txn, listAppend), time++, null, ++line);
    return this;
  }

  /** Invocation then ok completion. */
  TxnHist pair(int process, String txn) {
    return invoke(process, txn).complete(process, OpType.OK, txn);
  }

  History build() {
    return b.build();
  }

  /** Parses a transaction in the notation above. */
  static List<Object> txn(String s, boolean listAppend) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char f = s.charAt(i++);
      Keyword fn = switch (f) {
        case 'a' -> Keyword.of("append");
        case 'r' -> Keyword.of("r");
        case 'w' -> Keyword.of("w");
        default -> throw new IllegalArgumentException("expected a, r or w at " + (i - 1) + " in " + s);
      };
      Keyword key = Keyword.of(String.valueOf(s.charAt(i++)));
      StringBuilder v = new StringBuilder();
      while (i < s.length() && "arw".indexOf(s.charAt(i)) < 0) {
        v.append(s.charAt(i++));
      }
      String val = v.toString();
      if (f == 'r' && val.isEmpty()) {
        out.add(List.of(fn, key));
      } else if (val.equals("_")) {
        out.add(Collections.unmodifiableList(Arrays.asList(fn, key, null)));
      } else if (f == 'r' && listAppend) {
        List<Object> list = new ArrayList<>();
        if (!val.equals(".")) {
          for (char c : val.toCharArray()) {
            list.add((long) (c - '0'));
          }
        }
        out.add(List.of(fn, key, List.copyOf(list)));
      } else {
        out.add(List.of(fn, key, Long.parseLong(val)));
      }
    }
    return List.copyOf(out);
  }
}
