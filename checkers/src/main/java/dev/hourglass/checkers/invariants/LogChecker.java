package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.invariants.internal.Membership;
import dev.hourglass.checkers.invariants.internal.OperationErrors;
import dev.hourglass.checkers.invariants.internal.Shapes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only log (or a queue read as a whole): entries are appended, and the whole log is read.
 * A correct log loses no acknowledged entry, shows each entry once, and shows every reader a prefix
 * of one total order.
 *
 * <p><b>Operations.</b> {@code append x} or {@code enqueue x} appends the entry {@code x} (any
 * value but nil; integers compare as longs); {@code read} returns the log as a vector {@code [x
 * ...]}, oldest first. Only {@code ok} reads are evidence; others are counted and skipped. An
 * {@code ok} append happened, a {@code fail} append certainly did not, an {@code info} append may
 * or may not have happened. Entries are meant to be unique; an entry appended k times may appear k
 * times.
 *
 * <p><b>Terms</b> (as for {@link SetChecker}, with entries for elements). Reads are ordered by
 * invocation. An entry is <em>known</em> from the earliest completion that shows it is in the log:
 * an ok append of it, or an ok read that contains it. Findings, each a violation:
 *
 * <ul>
 *   <li>{@link Evidence.Kind#LOST}: the entry was known and the final read, invoked after that,
 *       does not contain it;
 *   <li>{@link Evidence.Kind#STALE}: a read invoked after the entry was known does not contain it,
 *       although a later read does (every read invoked after an append's ok must contain it, so
 *       unlike in the set checker this is always a violation);
 *   <li>{@link Evidence.Kind#UNEXPECTED}: a read contains an entry never appended, appended only by
 *       appends that failed, or before any append of it was invoked;
 *   <li>{@link Evidence.Kind#DUPLICATED}: a read contains an entry more often than it was appended
 *       (by appends that did not fail; at least once);
 *   <li>{@link Evidence.Kind#INCOMPATIBLE_ORDER}: a read that is not a prefix of the longest read
 *       (the first such, by invocation, if several are longest). Reads are pairwise
 *       prefix-compatible exactly when each is a prefix of the longest, so this finds every read
 *       that breaks "every reader sees a prefix of one order", naming the first index where it
 *       differs.
 * </ul>
 *
 * An entry known but never contained by a read invoked after it was known is <em>never-read</em>
 * (counted, not a violation): it was appended too late for any read to tell.
 *
 * <p><b>Verdict.</b> {@code INVALID} on any finding; else {@code UNKNOWN} if no entry is stable
 * (present in the final read) — nothing was confirmed; else {@code VALID}.
 *
 * <p><b>Counts</b>: {@code appends}, {@code attempted}, {@code acknowledged}, {@code failed}, {@code
 * reads} (ok), {@code reads-not-ok}, {@code longest-read}, {@code stable}, {@code lost}, {@code
 * stale}, {@code never-read}, {@code unexpected}, {@code duplicated}, {@code incompatible-order}.
 */
public final class LogChecker {
  /** The checker's name in results and messages. */
  public static final String NAME = "log";

  private LogChecker() {}

  /** An operation of the wrong shape is a {@link dev.hourglass.checkers.HistoryFormatException} naming its line. */
  public static InvariantResult check(History history) {
    checkNotNull(history, "history");
    return check(history.operations(), OperationErrors.forHistory(history, NAME));
  }

  /** An operation of the wrong shape is an {@link IllegalArgumentException} naming it. */
  public static InvariantResult check(List<Operation> operations) {
    return check(operations, OperationErrors.forOperations(NAME));
  }

  private record Read(Operation op, List<Object> entries) {}

  private static InvariantResult check(List<Operation> operations, OperationErrors errors) {
    checkNotNull(operations, "operations");
    Membership log = new Membership("entry", "append", true);
    List<Read> reads = new ArrayList<>();
    long appends = 0;
    long readsNotOk = 0;
    for (Operation op : operations) {
      try {
        switch (op.function()) {
          case "append", "enqueue" -> {
            appends++;
            log.add(op, Shapes.requiredElement(op.value(), "the entry to " + op.function()));
          }
          case "read" -> {
            if (op.completion() != OpType.OK) {
              readsNotOk++;
              continue;
            }
            List<?> raw = Shapes.list(op.value(), "of entries [x ...], oldest first (an ok read returns the log)");
            List<Object> entries = new ArrayList<>(raw.size());
            for (Object x : raw) {
              entries.add(Shapes.requiredElement(x, "entries (a log holds no nil)"));
            }
            reads.add(new Read(op, entries));
            log.read(op, entries);
          }
          default -> throw Shapes.unknownFunction(op, "append, enqueue or read");
        }
      } catch (IllegalArgumentException e) {
        throw errors.wrap(op, e);
      }
    }
    Membership.Report r = log.analyse(true);

    // One total order: every read must be a prefix of the longest (the first-invoked longest).
    Read longest = null;
    for (Read read : reads) {
      if (longest == null || read.entries().size() > longest.entries().size()
          || (read.entries().size() == longest.entries().size() && read.op().invokeIndex() < longest.op().invokeIndex())) {
        longest = read;
      }
    }
    List<Evidence> incompatible = new ArrayList<>();
    reads.sort((a, b) -> Long.compare(a.op().invokeIndex(), b.op().invokeIndex()));
    for (Read read : reads) {
      if (read == longest) {
        continue;
      }
      List<Object> mine = read.entries();
      List<Object> ref = longest.entries();
      for (int i = 0; i < mine.size(); i++) {
        if (!mine.get(i).equals(ref.get(i))) {
          incompatible.add(new Evidence(Evidence.Kind.INCOMPATIBLE_ORDER, true,
              "the read invoked at #" + read.op().invokeIndex() + " has " + Values.format(mine.get(i)) + " at index " + i
                  + " where the longest read (invoked at #" + longest.op().invokeIndex() + ") has "
                  + Values.format(ref.get(i)) + ": neither is a prefix of the other",
              List.of(read.op(), longest.op())));
          break;
        }
      }
    }

    List<Evidence> evidence = new ArrayList<>(r.lost());
    evidence.addAll(r.stale());
    evidence.addAll(r.unexpected());
    evidence.addAll(r.duplicated());
    evidence.addAll(incompatible);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("appends", appends);
    counts.put("attempted", r.attempted());
    counts.put("acknowledged", r.acknowledged());
    counts.put("failed", r.failed());
    counts.put("reads", (long) reads.size());
    counts.put("reads-not-ok", readsNotOk);
    counts.put("longest-read", longest == null ? 0L : longest.entries().size());
    counts.put("stable", r.stable());
    counts.put("lost", (long) r.lost().size());
    counts.put("stale", (long) r.stale().size());
    counts.put("never-read", r.neverRead());
    counts.put("unexpected", (long) r.unexpected().size());
    counts.put("duplicated", (long) r.duplicated().size());
    counts.put("incompatible-order", (long) incompatible.size());
    String unknown = null;
    if (r.stable() == 0) {
      unknown = r.attempted() == 0 ? "no entry was appended"
          : reads.isEmpty() ? "no read completed ok"
          : "no read confirmed any entry (all " + r.attempted() + " attempted entries are never-read)";
    }
    return InvariantResult.of(NAME, counts, evidence, unknown);
  }
}
