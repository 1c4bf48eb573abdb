package dev.hourglass.checkers.txn.internal;

import dev.hourglass.checkers.txn.Anomaly;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a workload analysis produces: the dependency graph (data edges, and process edges when
 * asked for; real-time order as ranges), the anomalies found without cycles, and an explainer
 * for edges.
 */
public final class Analysis {
  public final TxnHistory h;
  public final Csr graph;
  /** The reduced real-time order, or null when no requested anomaly needs it. */
  public final Orders.Realtime realtime;
  /** rw-register explains wr before ww; list-append ww before wr. */
  public final boolean wrFirst;
  /** No dependency at all could be inferred (Elle's empty transaction graph). */
  public final boolean empty;
  public final EdgeExplainer explainer;
  /** Anomalies by type, sorted by name. */
  public final Map<String, List<Anomaly>> anomalies;

  Analysis(TxnHistory h, Csr graph, Orders.Realtime realtime, boolean wrFirst, boolean empty, EdgeExplainer explainer,
      Map<String, List<Anomaly>> anomalies) {
    this.h = h;
    this.graph = graph;
    this.realtime = realtime;
    this.wrFirst = wrFirst;
    this.empty = empty;
    this.explainer = explainer;
    this.anomalies = new TreeMap<>(anomalies);
  }

  public void add(Anomaly a) {
    anomalies.computeIfAbsent(a.type(), k -> new ArrayList<>()).add(a);
  }

  /** Explains one dependency edge of a cycle. */
  public interface EdgeExplainer {
    /**
     * @param rel the single relation the step uses
     * @return the step, whose text reads "T1 < T2 (ww): ..."
     */
    Anomaly.Step explain(int a, int b, int rel, String aName, String bName);
  }
}
