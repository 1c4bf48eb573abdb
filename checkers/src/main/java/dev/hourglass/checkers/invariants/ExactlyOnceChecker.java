package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An audit of a stream processor that promises exactly-once processing: inputs are sent, outputs
 * are collected, and at the end every acknowledged input must have produced exactly one output, no
 * output may come from nowhere, and outputs of one key must come out in sequence order.
 *
 * <p><b>Operations.</b> {@code send {:key k :seq n}} sends the input identified by key {@code k}
 * (an integer, keyword or string; {@code :a} and {@code "a"} are the same key) and sequence number
 * {@code n} (an integer); map keys may be keywords or strings. Sending the same {@code (k, n)} again
 * (a producer retry) is the same input. {@code receive} collects outputs: its ok completion carries
 * one output {@code {:key k :seq n}} or a vector of them (a batch, possibly empty), in the order
 * they came out. A {@code fail} or {@code info} receive observed nothing and is counted and skipped.
 * An {@code ok} send was acknowledged, a {@code fail} send certainly did not enter the stream, an
 * {@code info} send may or may not have.
 *
 * <p><b>The history is an audit:</b> it is read as complete — the receives collected everything the
 * processor will ever output — so an acknowledged input without an output is missing, not late.
 * Collect the outputs after the processor has drained before checking.
 *
 * <p><b>Findings</b>, each a violation:
 *
 * <ul>
 *   <li>{@link Evidence.Kind#MISSING}: an acknowledged (ok-sent) input with no output (an
 *       {@code info} input may have none);
 *   <li>{@link Evidence.Kind#DUPLICATED}: an input with more than one output (an {@code info}
 *       input too: at most once);
 *   <li>{@link Evidence.Kind#UNEXPECTED}: an output of an input never sent, sent only by sends that
 *       failed, or received by a receive that completed before any send of it was invoked;
 *   <li>{@link Evidence.Kind#REORDERED}: an output of key {@code k} and sequence {@code n} seen
 *       after an output of {@code k} with a larger sequence number — earlier in the same receive,
 *       or in a receive that completed before this one was invoked (concurrent receives are not
 *       ordered). Only each input's first output is considered, so a duplicate is not also a
 *       reordering.
 * </ul>
 *
 * <p><b>Verdict.</b> {@code INVALID} on any finding; else {@code UNKNOWN} if no receive completed ok
 * (nothing was audited: then nothing is reported missing either, as the outputs were never
 * collected); else {@code VALID}.
 *
 * <p><b>Counts</b>: {@code sends}, {@code sends-ok}, {@code sends-info}, {@code sends-fail}, {@code
 * inputs} (distinct, from sends that did not fail), {@code acknowledged} (distinct, with an ok
 * send), {@code receives} (ok), {@code receives-not-ok}, {@code outputs}, {@code delivered} (inputs
 * with at least one output), {@code missing}, {@code duplicated}, {@code unexpected}, {@code
 * reordered}.
 */
public final class ExactlyOnceChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "exactly-once";

  private static final String SHAPE = "{:key k :seq n}";

  private ExactlyOnceChecker() {}

  /** An operation of the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its line. */
  public static InvariantResult check(History history) {
    checkNotNull(history, "history");
    return check(history.operations(), OperationErrors.forHistory(history, NAME));
  }

  /** An operation of the wrong shape is an {@link IllegalArgumentException} naming it. */
  public static InvariantResult check(List<Operation> operations) {
    return check(operations, OperationErrors.forOperations(NAME));
  }

  /** An input's identity. */
  private record Id(Object key, long seq) {
    String text() {
      return "key " + Shapes.idText(key) + " seq " + seq;
    }
  }

  private static final class Input {
    final Id id;
    Operation firstAttempt; // first-invoked send that did not fail
    Operation failedSend;
    Operation acknowledgedBy; // first ok send
    final List<Operation> outputs = new ArrayList<>(1); // the receives that carried it, in scan order
    Operation earliestOutput; // the receive that completed first

    Input(Id id) {
      this.id = id;
    }
  }

  /** The first output of an input, and the receive that carried it. */
  private record Output(Id id, Operation receive) {}

  private static InvariantResult check(List<Operation> operations, OperationErrors errors) {
    checkNotNull(operations, "operations");
    Map<Id, Input> inputs = new LinkedHashMap<>();
    long[] sends = new long[OpType.values().length];
    List<Operation> receives = new ArrayList<>();
    List<List<Id>> received = new ArrayList<>();
    long receivesNotOk = 0;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "send" -> {
            Input in = inputs.computeIfAbsent(id(op.value()), Input::new);
            sends[op.completion().ordinal()]++;
            if (op.completion() == OpType.FAIL) {
              in.failedSend = in.failedSend == null ? op : in.failedSend;
              continue;
            }
            if (in.firstAttempt == null || op.invokeIndex() < in.firstAttempt.invokeIndex()) {
              in.firstAttempt = op;
            }
            if (op.completion() == OpType.OK && in.acknowledgedBy == null) {
              in.acknowledgedBy = op;
            }
          }
          case "receive" -> {
            if (op.completion() != OpType.OK) {
              receivesNotOk++;
              continue;
            }
            List<Id> ids = new ArrayList<>();
            if (op.value() instanceof List<?> batch) {
              for (Object o : batch) {
                ids.add(id(o));
              }
            } else if (op.value() != null) {
              ids.add(id(op.value()));
            } else {
              throw new IllegalArgumentException("expected an output " + SHAPE + " or a vector of them but found nil");
            }
            receives.add(op);
            received.add(ids);
          }
          default -> throw Shapes.unknownFunction(op, "send or receive");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }

    // Pass 1, receives in invocation order: count outputs, find each input's first output.
    Integer[] byInvoke = order(receives, Comparator.comparingLong(Operation::invokeIndex));
    List<List<Output>> firsts = new ArrayList<>(receives.size()); // per receive, its first outputs in batch order
    for (int r = 0; r < receives.size(); r++) {
      firsts.add(new ArrayList<>());
    }
    long outputs = 0;
    for (int r : byInvoke) {
      Operation op = receives.get(r);
      for (Id id : received.get(r)) {
        outputs++;
        Input in = inputs.computeIfAbsent(id, Input::new);
        if (in.outputs.isEmpty()) {
          firsts.get(r).add(new Output(id, op));
        }
        in.outputs.add(op);
        if (in.earliestOutput == null || op.completeIndex() < in.earliestOutput.completeIndex()) {
          in.earliestOutput = op;
        }
      }
    }

    // Pass 2: per key, the largest sequence output by receives that completed before this one was invoked.
    List<Evidence> reordered = new ArrayList<>();
    Integer[] byCompletion = order(receives, Comparator.comparingLong(Operation::completeIndex));
    Map<Object, Output> committed = new LinkedHashMap<>();
    int next = 0;
    for (int r : byInvoke) {
      Operation op = receives.get(r);
      while (next < byCompletion.length && receives.get(byCompletion[next]).completeIndex() < op.invokeIndex()) {
        for (Output o : firsts.get(byCompletion[next])) {
          committed.merge(o.id().key(), o, (a, b) -> b.id().seq() > a.id().seq() ? b : a);
        }
        next++;
      }
      Map<Object, Output> inBatch = new LinkedHashMap<>();
      for (Output o : firsts.get(r)) {
        Output before = committed.get(o.id().key());
        Output earlier = inBatch.get(o.id().key());
        if (earlier != null && earlier.id().seq() > o.id().seq()) {
          reordered.add(new Evidence(Evidence.Kind.REORDERED, true,
              o.id().text() + " comes after seq " + earlier.id().seq() + " in the same receive", List.of(op)));
        } else if (before != null && before.id().seq() > o.id().seq()) {
          reordered.add(new Evidence(Evidence.Kind.REORDERED, true,
              o.id().text() + " was received (invoked at #" + op.invokeIndex() + ") after seq " + before.id().seq()
                  + " had been (completed at #" + before.receive().completeIndex() + ")",
              List.of(before.receive(), op)));
        }
        if (earlier == null || o.id().seq() > earlier.id().seq()) {
          inBatch.put(o.id().key(), o);
        }
      }
    }

    List<Evidence> missing = new ArrayList<>();
    List<Evidence> duplicated = new ArrayList<>();
    List<Evidence> unexpected = new ArrayList<>();
    long distinct = 0;
    long acknowledged = 0;
    long delivered = 0;
    for (Input in : inputs.values()) {
      int n = in.outputs.size();
      delivered += n > 0 ? 1 : 0;
      if (in.firstAttempt == null) {
        if (n > 0) {
          unexpected.add(in.failedSend == null
              ? new Evidence(Evidence.Kind.UNEXPECTED, true, in.id.text() + " was output but never sent",
                  List.of(in.earliestOutput))
              : new Evidence(Evidence.Kind.UNEXPECTED, true, in.id.text() + " was output but every send of it failed",
                  List.of(in.failedSend, in.earliestOutput)));
        }
        continue;
      }
      distinct++;
      if (in.acknowledgedBy != null) {
        acknowledged++;
        if (n == 0 && !receives.isEmpty()) {
          missing.add(new Evidence(Evidence.Kind.MISSING, true,
              in.id.text() + " was sent ok but never output", List.of(in.acknowledgedBy)));
        }
      }
      if (n > 0 && in.earliestOutput.completeIndex() < in.firstAttempt.invokeIndex()) {
        unexpected.add(new Evidence(Evidence.Kind.UNEXPECTED, true,
            in.id.text() + " was received by a receive that completed (#" + in.earliestOutput.completeIndex()
                + ") before any send of it was invoked (#" + in.firstAttempt.invokeIndex() + ")",
            List.of(in.earliestOutput, in.firstAttempt)));
      }
      if (n > 1) {
        List<Operation> ops = new ArrayList<>();
        ops.add(in.acknowledgedBy != null ? in.acknowledgedBy : in.firstAttempt);
        ops.addAll(in.outputs);
        duplicated.add(new Evidence(Evidence.Kind.DUPLICATED, true,
            in.id.text() + " was output " + n + " times", ops));
      }
    }

    List<Evidence> evidence = new ArrayList<>(missing);
    evidence.addAll(duplicated);
    evidence.addAll(unexpected);
    evidence.addAll(reordered);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sends", sends[OpType.OK.ordinal()] + sends[OpType.INFO.ordinal()] + sends[OpType.FAIL.ordinal()]);
    counts.put("sends-ok", sends[OpType.OK.ordinal()]);
    counts.put("sends-info", sends[OpType.INFO.ordinal()]);
    counts.put("sends-fail", sends[OpType.FAIL.ordinal()]);
    counts.put("inputs", distinct);
    counts.put("acknowledged", acknowledged);
    counts.put("receives", (long) receives.size());
    counts.put("receives-not-ok", receivesNotOk);
    counts.put("outputs", outputs);
    counts.put("delivered", delivered);
    counts.put("missing", (long) missing.size());
    counts.put("duplicated", (long) duplicated.size());
    counts.put("unexpected", (long) unexpected.size());
    counts.put("reordered", (long) reordered.size());
    return InvariantResult.of(NAME, counts, evidence,
        receives.isEmpty() ? "no receive completed ok: nothing was audited" : null);
  }

  private static Id id(Object value) {
    Map<?, ?> m = Shapes.map(value, SHAPE);
    return new Id(Shapes.id(Shapes.field(m, "key", SHAPE), "the :key"), Shapes.integer(Shapes.field(m, "seq", SHAPE), "the :seq"));
  }

  private static Integer[] order(List<Operation> ops, Comparator<Operation> by) {
    Integer[] order = new Integer[ops.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> by.compare(ops.get(a), ops.get(b)));
    return order;
  }
}
