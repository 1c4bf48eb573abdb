package dev.hourglass.checkers.txn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.txn.internal.Analysis;
import dev.hourglass.checkers.txn.internal.CycleSearch;
import dev.hourglass.checkers.txn.internal.CycleSpec;
import dev.hourglass.checkers.txn.internal.ListAppend;
import dev.hourglass.checkers.txn.internal.ModelGraph;
import dev.hourglass.checkers.txn.internal.Orders;
import dev.hourglass.checkers.txn.internal.RwRegister;
import dev.hourglass.checkers.txn.internal.TxnHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks a history of transactions for the anomalies of Adya's isolation levels, Elle's way:
 * infer version orders from what reads returned, build the dependency graph between
 * transactions (ww, wr, rw; plus real-time or process order when the requested models need
 * them), find its strongly connected components and the shortest cycles in them, and name each
 * anomaly (G0, G1c, G-single-item, G2-item, …); besides cycles, look for the anomalies a single
 * transaction or pair shows (aborted and intermediate reads, internal inconsistency, lost
 * updates, …). The anomalies found decide which consistency models the history rules out.
 *
 * <pre>{@code
 * History h = HistoryReader.read(Path.of("history.edn"), HistoryFormat.EDN);
 * TxnResult r = TxnChecker.check(h, Workload.LIST_APPEND,
 *     TxnOptions.defaults().withConsistencyModels(List.of("serializable")));
 * r.validity();      // VALID, INVALID or UNKNOWN
 * r.anomalyTypes();  // [G-single-item, ...] in Elle's order
 * r.describe();      // the same as text, with the evidence
 * }</pre>
 *
 * <p>Validity is Elle's: {@code INVALID} if an anomaly that the requested models (or the
 * requested anomalies) forbid was found; otherwise {@code UNKNOWN} if nothing could be inferred
 * or the cycle search ran out of budget; otherwise {@code VALID}.
 */
public final class TxnChecker {
  private TxnChecker() {}

  /** Checks against strict serializability (Elle's default). */
  public static TxnResult check(History history, Workload workload) {
    return check(history, workload, TxnOptions.defaults());
  }

  /**
   * @throws HistoryFormatException if a transaction is malformed for the workload (naming the
   *     line), or the history breaks the workload's rules (a value appended or written twice)
   */
  public static TxnResult check(History history, Workload workload, TxnOptions options) {
    checkNotNull(history, "history");
    checkNotNull(workload, "workload");
    checkNotNull(options, "options");
    long started = System.nanoTime();
    SortedSet<String> prohibited = new TreeSet<>(ModelGraph.allAnomaliesImplying(options.anomalies()));
    prohibited.addAll(ModelGraph.anomaliesProhibitedBy(options.consistencyModels()));
    Set<String> reportable = new TreeSet<>(prohibited);
    reportable.add("empty-transaction-graph");
    reportable.add("cycle-search-timeout");

    // Real-time order if a real-time anomaly matters (it covers process order too, processes
    // being sequential), else process order if a process anomaly does.
    boolean realtime = false;
    boolean process = false;
    for (String t : CycleSpec.cycleTypes()) {
      if (reportable.contains(t)) {
        realtime |= t.endsWith("-realtime");
        process |= t.endsWith("-process");
      }
    }
    process &= !realtime;

    boolean listAppend = workload == Workload.LIST_APPEND;
    TxnHistory h = TxnHistory.of(history, listAppend);
    Orders.Realtime rt = realtime ? Orders.realtime(h) : null;
    int[] next = process ? Orders.processNext(h) : null;
    Analysis an = listAppend
        ? ListAppend.analyze(h, rt, next)
        : RwRegister.analyze(h, rt, next, options.wfrKeys(), options.sequentialKeys(), options.linearizableKeys());
    if (an.empty) {
      an.add(new Anomaly("empty-transaction-graph",
          "no dependency between any two transactions could be inferred, so nothing can be said about cycles",
          List.of(), List.of(), Map.of()));
    }
    int components = CycleSearch.run(an, options.cycleSearchStepsMax(), options.cycleSearchTimeout().toNanos());

    Map<String, List<Anomaly>> all = an.anomalies;
    boolean bad = false;
    Map<String, List<Anomaly>> reported = new TreeMap<>();
    for (Map.Entry<String, List<Anomaly>> e : all.entrySet()) {
      bad |= prohibited.contains(e.getKey());
      if (reportable.contains(e.getKey())) {
        reported.put(e.getKey(), e.getValue());
      }
    }
    removeRedundantCycleExists(reported);
    long elapsed = System.nanoTime() - started;
    if (reported.isEmpty()) {
      return new TxnResult(Validity.VALID, List.of(), Map.of(), new TreeSet<>(), new TreeSet<>(), workload, h.n,
          an.graph.edgeCount(), components, elapsed);
    }
    ModelGraph.Boundary boundary = ModelGraph.boundary(all.keySet());
    return new TxnResult(bad ? Validity.INVALID : Validity.UNKNOWN, new ArrayList<>(reported.keySet()),
        new LinkedHashMap<>(reported), boundary.not(), boundary.alsoNot(), workload, h.n, an.graph.edgeCount(),
        components, elapsed);
  }

  /**
   * A {@code <model>-cycle-exists} anomaly says only that some cycle violating the model exists;
   * it is dropped when the other reported anomalies already rule the model out.
   */
  private static void removeRedundantCycleExists(Map<String, List<Anomaly>> reported) {
    List<String> others = new ArrayList<>();
    for (String t : reported.keySet()) {
      if (!t.endsWith("-cycle-exists")) {
        others.add(t);
      }
    }
    Set<String> impossible = ModelGraph.impossibleModels(others);
    reported.keySet().removeIf(t -> t.endsWith("-cycle-exists")
        && impossible.contains(t.substring(0, t.length() - "-cycle-exists".length())));
  }
}
