package dev.hourglass.checkers.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The outcome of a transactional check, as Elle reports it.
 *
 * @param validity valid, invalid (an anomaly the requested models forbid) or unknown
 * @param anomalyTypes the reported anomaly types in Elle's order (sorted by name); empty when
 *     valid
 * @param anomalies the evidence, by type, in the same order
 * @param not the weakest consistency models the history's anomalies rule out (Elle's {@code
 *     :not}), friendly names
 * @param alsoNot every other model they rule out ({@code :also-not})
 * @param workload what was checked
 * @param transactions transactions in the history (ok, info and failed)
 * @param edges dependency edges inferred (ww, wr, rw, process; real-time order is not counted)
 * @param cyclicComponents strongly connected components searched for cycles
 * @param elapsedNanos wall time of the check
 */
public record TxnResult(
    Validity validity,
    List<String> anomalyTypes,
    Map<String, List<Anomaly>> anomalies,
    SortedSet<String> not,
    SortedSet<String> alsoNot,
    Workload workload,
    int transactions,
    long edges,
    int cyclicComponents,
    long elapsedNanos) {

  public TxnResult {
    anomalyTypes = List.copyOf(anomalyTypes);
    Map<String, List<Anomaly>> copy = new LinkedHashMap<>();
    anomalies.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    anomalies = java.util.Collections.unmodifiableMap(copy);
  }

  public boolean isValid() {
    return validity == Validity.VALID;
  }

  /** {@code anomalies: G1c,incompatible-order}, or {@code anomalies: none}. */
  public String anomaliesLine() {
    return "anomalies: " + (anomalyTypes.isEmpty() ? "none" : String.join(",", anomalyTypes));
  }

  /**
   * The CLI's output: the validity, the anomalies line, the models ruled out, then up to {@code
   * evidenceMax} pieces of evidence per anomaly type.
   */
  public String describe(int evidenceMax) {
    StringBuilder sb = new StringBuilder();
    sb.append(validity.wireName()).append('\n');
    sb.append(anomaliesLine()).append('\n');
    if (!not.isEmpty()) {
      sb.append("ruled out: ").append(String.join(", ", not));
      if (!alsoNot.isEmpty()) {
        sb.append(" (and stronger: ").append(String.join(", ", alsoNot)).append(')');
      }
      sb.append('\n');
    }
    for (Map.Entry<String, List<Anomaly>> e : anomalies.entrySet()) {
      List<Anomaly> list = e.getValue();
      int shown = Math.min(list.size(), evidenceMax);
      for (int i = 0; i < shown; i++) {
        sb.append('\n').append(list.get(i).describe());
      }
      if (list.size() > shown && shown > 0) {
        sb.append("\n(").append(list.size() - shown).append(" more ").append(e.getKey()).append(")\n");
      }
    }
    return sb.toString();
  }

  public String describe() {
    return describe(3);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", validity.wireName());
    m.put("anomalyTypes", anomalyTypes);
    m.put("not", List.copyOf(not));
    m.put("alsoNot", List.copyOf(alsoNot));
    Map<String, Object> a = new LinkedHashMap<>();
    anomalies.forEach((k, v) -> {
      List<Object> list = new ArrayList<>();
      v.forEach(x -> list.add(x.toJson()));
      a.put(k, list);
    });
    m.put("anomalies", a);
    m.put("workload", workload.cliName());
    m.put("transactions", transactions);
    m.put("edges", edges);
    m.put("cyclicComponents", cyclicComponents);
    m.put("elapsedMillis", elapsedNanos / 1_000_000.0);
    return m;
  }
}
