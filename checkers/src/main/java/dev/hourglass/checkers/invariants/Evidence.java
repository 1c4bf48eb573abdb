package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.invariants.internal.Brief;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One finding of an invariant checker: its kind, whether it breaks the invariant, a one-line
 * explanation, and the operations it is about (the add that was acknowledged, the read that
 * misses it, ...), in the order the explanation mentions them.
 *
 * @param kind what was found
 * @param violation true if it breaks the invariant (the verdict is then {@code INVALID}); false
 *     for a finding reported for information only (a stale set read when the set checker is not
 *     asked for linearizability)
 * @param explanation one line for a person, naming the element, account or key
 * @param operations the operations the explanation is about, never empty
 */
public record Evidence(Kind kind, boolean violation, String explanation, List<Operation> operations) {
  /** What an invariant checker can find. Each checker's javadoc says which kinds it reports. */
  public enum Kind {
    /** An acknowledged element, entry or enqueue that is gone (set, log, queue). */
    LOST,
    /** A read invoked after an element was known present that does not contain it, though a later read does (set, log). */
    STALE,
    /** Something read, dequeued or output that was never (successfully) added, appended, enqueued or sent, or that was seen before it was. */
    UNEXPECTED,
    /** Something seen more often than it was added (set and log reads, queue dequeues, stream outputs). */
    DUPLICATED,
    /** A counter read outside the bounds its increments allow. */
    OUT_OF_BOUNDS,
    /** A bank read whose balances do not sum to the total. */
    WRONG_TOTAL,
    /** A bank read with a negative balance. */
    NEGATIVE_BALANCE,
    /** A bank read with an account whose balance is nil. */
    NIL_BALANCE,
    /** A bank read with an account that is not one of the bank's. */
    UNEXPECTED_ACCOUNT,
    /** A bank read without one of the bank's accounts. */
    MISSING_ACCOUNT,
    /** Two log reads of which neither is a prefix of the other. */
    INCOMPATIBLE_ORDER,
    /** An acknowledged stream input with no output. */
    MISSING,
    /** A stream output seen after an output of a later sequence number of the same key. */
    REORDERED;

    /** {@code lost}, {@code wrong-total}, ... */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Evidence {
    checkNotNull(kind, "kind");
    checkNotNull(explanation, "explanation");
    operations = List.copyOf(operations);
    checkArgument(!operations.isEmpty(), "evidence names at least one operation: kind=%s", kind);
  }

  /** The explanation, then each operation on its own line, indented. */
  public String describe() {
    StringBuilder sb = new StringBuilder(explanation);
    for (Operation op : operations) {
      sb.append("\n    ").append(Brief.op(op));
    }
    return sb.toString();
  }

  /** A JSON-ready map (lists, strings, numbers and booleans only). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind.wireName());
    m.put("violation", violation);
    m.put("explanation", explanation);
    m.put("operations", operations.stream().map(Brief::opJson).toList());
    return m;
  }
}
