package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue consumed by dequeues, checked the way Jepsen's {@code total-queue} checker does: every
 * element comes out at most as often as it went in, nothing comes out that did not go in, and — if
 * the queue was drained at the end — every acknowledged element came out. Order is not checked
 * here (the linearizability checker's {@code queue} model does that, at a higher cost).
 *
 * <p><b>Operations.</b> {@code enqueue x} (any value but nil; integers compare as longs); {@code
 * dequeue}, whose ok completion carries the element taken, or nil if the queue was empty; {@code
 * drain}, whose ok completion carries a vector of the elements taken (Jepsen's final drain; each
 * counts as a dequeue). A {@code fail} dequeue or drain took nothing. An {@code info} dequeue may
 * have taken one element, an {@code info} drain any number: their elements are unknown, so they
 * can excuse missing elements (below) but never show one.
 *
 * <p><b>Findings</b>, each a violation:
 *
 * <ul>
 *   <li>{@link Evidence.Kind#UNEXPECTED}: an element dequeued that was never enqueued, enqueued
 *       only by enqueues that failed, or dequeued by a dequeue that completed before any enqueue
 *       of it was invoked;
 *   <li>{@link Evidence.Kind#DUPLICATED}: an element dequeued more times than it was enqueued (by
 *       enqueues that did not fail);
 *   <li>{@link Evidence.Kind#LOST}, only when the queue was drained at the end: an element
 *       acknowledged (ok-enqueued) more times than it was dequeued. If the {@code info} dequeues
 *       could have taken every missing element (there are at least as many, or an {@code info}
 *       drain), nothing is reported lost and the missing ones are counted as {@code
 *       missing-excused}.
 * </ul>
 *
 * An {@code info} enqueue whose element was dequeued is <em>recovered</em> (counted).
 *
 * <p><b>Verdict.</b> {@code INVALID} on any finding; else {@code UNKNOWN} if nothing was ever
 * dequeued or drained (ok) — the queue was never observed; else {@code VALID}.
 *
 * <p><b>Counts</b>: {@code enqueues}, {@code enqueues-ok}, {@code enqueues-info}, {@code
 * enqueues-fail}, {@code dequeued} (elements taken by ok dequeues and drains), {@code
 * dequeues-empty}, {@code dequeues-info}, {@code drains}, {@code drained-at-end} (1 or 0), {@code
 * recovered}, {@code not-dequeued} (ok-enqueued elements never taken, drained or not), {@code
 * missing-excused}, {@code lost}, {@code unexpected}, {@code duplicated}.
 */
public final class QueueChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "queue";

  private QueueChecker() {}

  /** Checks {@code history}, taking it as drained at the end iff it has an ok {@code drain}. */
  public static InvariantResult check(History history) {
    checkNotNull(history, "history");
    return check(history.operations(), null, OperationErrors.forHistory(history, NAME));
  }

  /**
   * @param drainedAtEnd true if the queue was emptied at the end (by a drain, or by dequeues until
   *     one found it empty), so that every acknowledged element must have been dequeued
   */
  public static InvariantResult check(History history, boolean drainedAtEnd) {
    checkNotNull(history, "history");
    return check(history.operations(), drainedAtEnd, OperationErrors.forHistory(history, NAME));
  }

  /** Operations (e.g. from a simulation's recorder); drained at the end iff there is an ok {@code drain}. */
  public static InvariantResult check(List<Operation> operations) {
    return check(operations, null, OperationErrors.forOperations(NAME));
  }

  public static InvariantResult check(List<Operation> operations, boolean drainedAtEnd) {
    return check(operations, drainedAtEnd, OperationErrors.forOperations(NAME));
  }

  private static final class Element {
    final Object value;
    Operation firstAttempt; // first-invoked enqueue that did not fail
    Operation failedEnqueue;
    int attempts; // enqueues that did not fail
    int acknowledged; // ok enqueues
    Operation acknowledgedBy;
    boolean indeterminate; // some enqueue was info
    final List<Operation> dequeues = new ArrayList<>(1);
    Operation earliestDequeue; // the one that completed first

    Element(Object value) {
      this.value = value;
    }
  }

  private static InvariantResult check(List<Operation> operations, Boolean drainedGiven, OperationErrors errors) {
    checkNotNull(operations, "operations");
    Map<Object, Element> elements = new LinkedHashMap<>();
    long[] enqueues = new long[OpType.values().length];
    long dequeued = 0;
    long dequeuesEmpty = 0;
    long dequeuesInfo = 0;
    long drains = 0;
    boolean infoDrain = false;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "enqueue" -> {
            Element e = elements.computeIfAbsent(Shapes.requiredElement(op.value(), "the element to enqueue"), Element::new);
            enqueues[op.completion().ordinal()]++;
            if (op.completion() == OpType.FAIL) {
              e.failedEnqueue = e.failedEnqueue == null ? op : e.failedEnqueue;
              continue;
            }
            e.attempts++;
            if (e.firstAttempt == null || op.invokeIndex() < e.firstAttempt.invokeIndex()) {
              e.firstAttempt = op;
            }
            if (op.completion() == OpType.OK) {
              e.acknowledged++;
              e.acknowledgedBy = e.acknowledgedBy == null ? op : e.acknowledgedBy;
            } else {
              e.indeterminate = true;
            }
          }
          case "dequeue" -> {
            if (op.completion() == OpType.INFO) {
              dequeuesInfo++;
            } else if (op.completion() == OpType.OK) {
              if (op.value() == null) {
                dequeuesEmpty++;
              } else {
                dequeued++;
                took(elements, Shapes.element(op.value()), op);
              }
            }
          }
          case "drain" -> {
            if (op.completion() == OpType.INFO) {
              infoDrain = true;
            } else if (op.completion() == OpType.OK) {
              drains++;
              for (Object x : Shapes.list(op.value(), "of the elements taken [x ...] (an ok drain returns them)")) {
                dequeued++;
                took(elements, Shapes.requiredElement(x, "drained elements (a queue holds no nil)"), op);
              }
            }
          }
          default -> throw Shapes.unknownFunction(op, "enqueue, dequeue or drain");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }
    boolean drained = drainedGiven != null ? drainedGiven : drains > 0;

    List<Evidence> lost = new ArrayList<>();
    List<Evidence> unexpected = new ArrayList<>();
    List<Evidence> duplicated = new ArrayList<>();
    long recovered = 0;
    long notDequeued = 0;
    List<Element> missing = new ArrayList<>();
    for (Element e : elements.values()) {
      String x = "element " + Values.format(e.value);
      int taken = e.dequeues.size();
      if (taken > 0 && e.firstAttempt == null) {
        unexpected.add(e.failedEnqueue == null
            ? new Evidence(Evidence.Kind.UNEXPECTED, true, x + " was dequeued but never enqueued", List.of(e.earliestDequeue))
            : new Evidence(Evidence.Kind.UNEXPECTED, true, x + " was dequeued but every enqueue of it failed",
                List.of(e.failedEnqueue, e.earliestDequeue)));
        continue;
      }
      if (taken > 0 && e.earliestDequeue.completeIndex() < e.firstAttempt.invokeIndex()) {
        unexpected.add(new Evidence(Evidence.Kind.UNEXPECTED, true,
            x + " was dequeued by an operation that completed (#" + e.earliestDequeue.completeIndex()
                + ") before any enqueue of it was invoked (#" + e.firstAttempt.invokeIndex() + ")",
            List.of(e.earliestDequeue, e.firstAttempt)));
      }
      if (taken > e.attempts) {
        List<Operation> ops = new ArrayList<>();
        ops.add(e.firstAttempt);
        ops.addAll(e.dequeues);
        duplicated.add(new Evidence(Evidence.Kind.DUPLICATED, true,
            x + " was dequeued " + taken + " times but enqueued " + times(e.attempts), ops));
      }
      if (e.indeterminate && taken > e.acknowledged) {
        recovered++;
      }
      if (e.acknowledged > taken) {
        notDequeued += e.acknowledged - taken;
        missing.add(e);
      }
    }
    long excused = 0;
    if (drained && notDequeued > 0) {
      if (infoDrain || notDequeued <= dequeuesInfo) {
        excused = notDequeued;
      } else {
        String excuse = dequeuesInfo == 0 ? ""
            : " (" + dequeuesInfo + " info dequeue(s) could account for at most " + dequeuesInfo + " of the "
                + notDequeued + " missing)";
        for (Element e : missing) {
          int taken = e.dequeues.size();
          lost.add(new Evidence(Evidence.Kind.LOST, true,
              "element " + Values.format(e.value) + " was enqueued ok " + times(e.acknowledged)
                  + (taken == 0 ? " and never dequeued" : " but dequeued only " + times(taken))
                  + ", though the queue was drained at the end" + excuse,
              List.of(e.acknowledgedBy)));
        }
      }
    }

    List<Evidence> evidence = new ArrayList<>(lost);
    evidence.addAll(unexpected);
    evidence.addAll(duplicated);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("enqueues", enqueues[OpType.OK.ordinal()] + enqueues[OpType.INFO.ordinal()] + enqueues[OpType.FAIL.ordinal()]);
    counts.put("enqueues-ok", enqueues[OpType.OK.ordinal()]);
    counts.put("enqueues-info", enqueues[OpType.INFO.ordinal()]);
    counts.put("enqueues-fail", enqueues[OpType.FAIL.ordinal()]);
    counts.put("dequeued", dequeued);
    counts.put("dequeues-empty", dequeuesEmpty);
    counts.put("dequeues-info", dequeuesInfo);
    counts.put("drains", drains);
    counts.put("drained-at-end", drained ? 1L : 0L);
    counts.put("recovered", recovered);
    counts.put("not-dequeued", notDequeued);
    counts.put("missing-excused", excused);
    counts.put("lost", (long) lost.size());
    counts.put("unexpected", (long) unexpected.size());
    counts.put("duplicated", (long) duplicated.size());
    String unknown = dequeued + dequeuesEmpty + drains == 0 ? "nothing was dequeued or drained: the queue was never observed" : null;
    return InvariantResult.of(NAME, counts, evidence, unknown);
  }

  private static void took(Map<Object, Element> elements, Object x, Operation op) {
    Element e = elements.computeIfAbsent(x, Element::new);
    e.dequeues.add(op);
    if (e.earliestDequeue == null || op.completeIndex() < e.earliestDequeue.completeIndex()) {
      e.earliestDequeue = op;
    }
  }

  private static String times(int n) {
    return n == 0 ? "never" : n == 1 ? "once" : n + " times";
  }
}
