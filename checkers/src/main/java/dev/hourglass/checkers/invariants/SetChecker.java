package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.invariants.internal.Membership;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grow-only set, checked the way Jepsen's {@code set-full} checker does: elements are added and
 * the whole set is read, many times, concurrently.
 *
 * <p><b>Operations.</b> {@code add x} adds the element {@code x} (any value but nil; integers
 * compare as longs); {@code read} returns the set, as a set {@code #{1 2}} or a vector {@code [1 2]}
 * (a vector may repeat an element, which is then reported). Only {@code ok} reads are evidence;
 * {@code info} and {@code fail} reads are counted and skipped. An {@code ok} add happened, a
 * {@code fail} add certainly did not, an {@code info} add may or may not have happened.
 *
 * <p><b>Terms.</b> Time is the history's entry order: "invoked after X" means the invocation entry
 * comes after X's completion entry. Reads are ordered by invocation; the <em>final read</em> is the
 * last ok read to be invoked. An element is <em>attempted</em> if some add of
 * it did not fail. It is <em>known</em> from the earliest completion that shows it is in the set —
 * the completion of an ok add of it, or of an ok read that contains it (so an indeterminate add
 * that a read shows is known too). Then each attempted element is exactly one of:
 *
 * <ul>
 *   <li><b>stable</b>: present in the final read — the last read containing it was invoked after
 *       the last read missing it;
 *   <li><b>lost</b> (a violation): it was known, and the final read, invoked after it was known,
 *       does not contain it: the set dropped an element it had acknowledged or shown. (Present in
 *       some read and absent from every later one is the common case.)
 *   <li><b>never-read</b>: neither — no read invoked after it was known decides it (it was added
 *       at the very end, or concurrently with the last reads), or it was never known (an
 *       indeterminate add that no read shows: it may never have happened).
 * </ul>
 *
 * and, independently:
 *
 * <ul>
 *   <li><b>stale</b>: a stable element missing from some read invoked after it was known, although
 *       a later read contains it again. A linearizable set never does this; an eventually
 *       consistent one may. A violation only with {@link Options#linearizable()}, as in Jepsen;
 *       reported either way.
 *   <li><b>unexpected</b> (a violation): present in a read, but never added, or added only by adds
 *       that failed, or present in a read that completed before any of its adds was invoked.
 *   <li><b>duplicated</b> (a violation): appears more than once in one read (a vector).
 * </ul>
 *
 * <p><b>Verdict.</b> {@code INVALID} if anything is lost, unexpected or duplicated (or stale, when
 * linearizable); else {@code UNKNOWN} if no element is stable — nothing was confirmed by a read,
 * which is Jepsen's rule too; else {@code VALID}.
 *
 * <p><b>Counts</b>: {@code attempted}, {@code acknowledged} (elements with an ok add), {@code
 * failed} (elements whose adds all failed), {@code adds}, {@code reads} (ok reads), {@code
 * reads-not-ok}, {@code stable}, {@code lost}, {@code stale}, {@code never-read}, {@code
 * unexpected}, {@code duplicated} (reads × elements that repeat). Evidence kinds: {@link
 * Evidence.Kind#LOST}, {@link Evidence.Kind#STALE}, {@link Evidence.Kind#UNEXPECTED}, {@link
 * Evidence.Kind#DUPLICATED}.
 */
public final class SetChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "set";

  /**
   * @param linearizable true: a stale read is a violation, as a linearizable set never shows one.
   *     Default false (Jepsen's default): stale reads are reported but allowed.
   */
  public record Options(boolean linearizable) {
    public static Options defaults() {
      return new Options(false);
    }
  }

  private SetChecker() {}

  public static InvariantResult check(History history) {
    return check(history, Options.defaults());
  }

  /** An operation of the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its line. */
  public static InvariantResult check(History history, Options options) {
    checkNotNull(history, "history");
    return check(history.operations(), options, OperationErrors.forHistory(history, NAME));
  }

  /** An operation of the wrong shape is an {@link IllegalArgumentException} naming it. */
  public static InvariantResult check(List<Operation> operations, Options options) {
    return check(operations, options, OperationErrors.forOperations(NAME));
  }

  private static InvariantResult check(List<Operation> operations, Options options, OperationErrors errors) {
    checkNotNull(operations, "operations");
    checkNotNull(options, "options");
    Membership set = new Membership("element", "add", false);
    long adds = 0;
    long readsOk = 0;
    long readsNotOk = 0;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "add" -> {
            adds++;
            set.add(op, Shapes.requiredElement(op.value(), "the element to add"));
          }
          case "read" -> {
            if (op.completion() != OpType.OK) {
              readsNotOk++;
              continue;
            }
            readsOk++;
            set.read(op, Shapes.collection(op.value(), "of elements #{...} or [...] (an ok read returns the set)"));
          }
          default -> throw Shapes.unknownFunction(op, "add or read");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }
    Membership.Report r = set.analyse(options.linearizable());
    List<Evidence> evidence = new ArrayList<>(r.lost());
    evidence.addAll(r.stale());
    evidence.addAll(r.unexpected());
    evidence.addAll(r.duplicated());
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("attempted", r.attempted());
    counts.put("acknowledged", r.acknowledged());
    counts.put("failed", r.failed());
    counts.put("adds", adds);
    counts.put("reads", readsOk);
    counts.put("reads-not-ok", readsNotOk);
    counts.put("stable", r.stable());
    counts.put("lost", (long) r.lost().size());
    counts.put("stale", (long) r.stale().size());
    counts.put("never-read", r.neverRead());
    counts.put("unexpected", (long) r.unexpected().size());
    counts.put("duplicated", (long) r.duplicated().size());
    String unknown = null;
    if (r.stable() == 0) {
      unknown = r.attempted() == 0 ? "no element was added"
          : readsOk == 0 ? "no read completed ok"
          : "no read confirmed any element (all " + r.attempted() + " attempted elements are never-read)";
    }
    return InvariantResult.of(NAME, counts, evidence, unknown);
  }
}
