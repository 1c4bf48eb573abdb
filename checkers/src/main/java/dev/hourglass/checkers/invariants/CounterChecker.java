package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counter, checked the way Jepsen's {@code counter} checker does, extended to decrements: every
 * read must lie within the bounds that the adds allow at that read.
 *
 * <p><b>Operations.</b> {@code add n} adds the integer {@code n} (negative: a decrement); {@code
 * read v} returns the integer {@code v}. Only {@code ok} reads are checked; {@code info} and {@code
 * fail} reads are counted and skipped. An {@code ok} add happened, a {@code fail} add certainly did
 * not, an {@code info} add may or may not have happened, at any time after its invocation.
 *
 * <p><b>Bounds.</b> For a read invoked at entry {@code i} and completed at entry {@code c}:
 *
 * <ul>
 *   <li>an add <em>must</em> be counted if it is ok and completed before {@code i};
 *   <li>an add <em>may</em> be counted if it did not fail and was invoked before {@code c} (and
 *       is not one that must);
 * </ul>
 *
 * and the read must lie in {@code [initial + Σ must + Σ min(0, may), initial + Σ must + Σ max(0,
 * may)]}: every optional increment may be missing and every optional decrement may be applied, or
 * the other way round. With increments only this is Jepsen's rule: at least what was acknowledged
 * before the read began, at most everything attempted before it ended. The interval is the check,
 * as in Jepsen: a value inside it that no subset of the optional adds sums to is not reported.
 *
 * <p><b>Counts</b>: {@code adds}, {@code adds-ok}, {@code adds-info}, {@code adds-fail}, {@code
 * reads} (ok), {@code reads-not-ok}, {@code out-of-bounds}. Evidence: {@link
 * Evidence.Kind#OUT_OF_BOUNDS}, one per bad read, with the bounds and the difference.
 * {@code UNKNOWN} when no read completed ok.
 */
public final class CounterChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "counter";

  private CounterChecker() {}

  /** Checks a counter that starts at 0. */
  public static InvariantResult check(History history) {
    return check(history, 0);
  }

  /** An operation of the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its line. */
  public static InvariantResult check(History history, long initialValue) {
    checkNotNull(history, "history");
    return check(history.operations(), initialValue, OperationErrors.forHistory(history, NAME));
  }

  /** An operation of the wrong shape is an {@link IllegalArgumentException} naming it. */
  public static InvariantResult check(List<Operation> operations, long initialValue) {
    return check(operations, initialValue, OperationErrors.forOperations(NAME));
  }

  private record Add(long at, long amount) {}

  private static InvariantResult check(List<Operation> operations, long initialValue, OperationErrors errors) {
    checkNotNull(operations, "operations");
    List<Add> invoked = new ArrayList<>(); // adds that did not fail, by invocation index
    List<Add> acknowledged = new ArrayList<>(); // ok adds, by completion index
    List<Operation> reads = new ArrayList<>();
    List<Long> readValues = new ArrayList<>();
    long addsOk = 0;
    long addsInfo = 0;
    long addsFail = 0;
    long readsNotOk = 0;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "add" -> {
            long n = Shapes.integer(op.value(), "the amount to add");
            switch (op.completion()) {
              case OK -> {
                addsOk++;
                invoked.add(new Add(op.invokeIndex(), n));
                acknowledged.add(new Add(op.completeIndex(), n));
              }
              case INFO -> {
                addsInfo++;
                invoked.add(new Add(op.invokeIndex(), n));
              }
              default -> addsFail++;
            }
          }
          case "read" -> {
            if (op.completion() != OpType.OK) {
              readsNotOk++;
              continue;
            }
            readValues.add(Shapes.integer(op.value(), "the value read"));
            reads.add(op);
          }
          default -> throw Shapes.unknownFunction(op, "add or read");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }
    invoked.sort((a, b) -> Long.compare(a.at(), b.at()));
    acknowledged.sort((a, b) -> Long.compare(a.at(), b.at()));
    Prefix may = new Prefix(invoked);
    Prefix must = new Prefix(acknowledged);

    List<Evidence> evidence = new ArrayList<>();
    for (int r = 0; r < reads.size(); r++) {
      Operation read = reads.get(r);
      long value = readValues.get(r);
      // Adds that must count: ok, completed before the read was invoked.
      int m = must.countBefore(read.invokeIndex());
      // Adds that may count: not failed, invoked before the read completed (the "must" ones among them).
      int p = may.countBefore(read.completeIndex());
      long mustSum = overflowChecked(() -> Math.addExact(initialValue, must.sum(m)));
      long lower = overflowChecked(() -> Math.addExact(mustSum, Math.subtractExact(may.negative(p), must.negative(m))));
      long upper = overflowChecked(() -> Math.addExact(mustSum, Math.subtractExact(may.positive(p), must.positive(m))));
      if (value < lower || value > upper) {
        String off = value < lower ? (lower - value) + " too low" : (value - upper) + " too high";
        evidence.add(new Evidence(Evidence.Kind.OUT_OF_BOUNDS, true,
            "read " + value + ", outside the allowed [" + lower + ", " + upper + "] (" + off + "): "
                + m + " add(s) were acknowledged before it was invoked (#" + read.invokeIndex() + ") and "
                + (p - m) + " more may have applied before it completed (#" + read.completeIndex() + ")",
            List.of(read)));
      }
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("adds", addsOk + addsInfo + addsFail);
    counts.put("adds-ok", addsOk);
    counts.put("adds-info", addsInfo);
    counts.put("adds-fail", addsFail);
    counts.put("reads", (long) reads.size());
    counts.put("reads-not-ok", readsNotOk);
    counts.put("out-of-bounds", (long) evidence.size());
    return InvariantResult.of(NAME, counts, evidence, reads.isEmpty() ? "no read completed ok" : null);
  }

  private static long overflowChecked(java.util.function.LongSupplier f) {
    try {
      return f.getAsLong();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the sums of the adds overflow a 64-bit integer", e);
    }
  }

  /** Prefix sums of adds sorted by {@code at}: their count before an index, and the sums of their amounts. */
  private static final class Prefix {
    private final long[] at;
    private final long[] sum; // sum[k] = amounts of the first k adds
    private final long[] positive; // of max(0, amount)
    private final long[] negative; // of min(0, amount)

    Prefix(List<Add> adds) {
      int n = adds.size();
      at = new long[n];
      sum = new long[n + 1];
      positive = new long[n + 1];
      negative = new long[n + 1];
      try {
        for (int k = 0; k < n; k++) {
          Add a = adds.get(k);
          at[k] = a.at();
          sum[k + 1] = Math.addExact(sum[k], a.amount());
          positive[k + 1] = Math.addExact(positive[k], Math.max(0, a.amount()));
          negative[k + 1] = Math.addExact(negative[k], Math.min(0, a.amount()));
        }
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("the sums of the adds overflow a 64-bit integer", e);
      }
    }

    /** How many adds have {@code at < index}. */
    int countBefore(long index) {
      int lo = 0;
      int hi = at.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (at[mid] < index) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    long sum(int k) {
      return sum[k];
    }

    long positive(int k) {
      return positive[k];
    }

    long negative(int k) {
      return negative[k];
    }
  }
}
