package dev.hourglass.checkers.txn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One anomaly and its evidence: the transactions involved, named T1, T2, … and a step-by-step
 * explanation. For a dependency cycle each step is one edge ("T1 < T2 (ww): …") and the last
 * step closes the cycle; for other anomalies the steps say what was observed and why it cannot
 * happen.
 *
 * @param type Elle's name, e.g. {@code G-single-item}, {@code lost-update}
 * @param summary one sentence: what the anomaly is here
 * @param transactions the transactions, in the order the steps use them
 * @param steps the explanation, one step per line
 * @param details JSON-ready data specific to the anomaly type (keys, values, sizes)
 */
public record Anomaly(String type, String summary, List<Txn> transactions, List<Step> steps, Map<String, Object> details) {

  public Anomaly {
    transactions = List.copyOf(transactions);
    steps = List.copyOf(steps);
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * A transaction as evidence.
   *
   * @param name its name in the explanation ({@code T1})
   * @param description {@code p3 ok #12..#15 [[:append :x 1] [:r :y [1]]]}: process, outcome,
   *     entry indices of invocation and completion, value
   * @param json the same as data: process, type, invokeIndex, completeIndex, line, value
   */
  public record Txn(String name, String description, Map<String, Object> json) {}

  /**
   * One step of an explanation.
   *
   * @param relation for a cycle edge, {@code ww}, {@code wr}, {@code rw}, {@code realtime} or
   *     {@code process}; null for other steps
   * @param from the transaction the edge leaves (T1), or null
   * @param to the transaction it enters, or null
   * @param text the step in words
   * @param data JSON-ready detail (key, values, entry indices)
   */
  public record Step(String relation, String from, String to, String text, Map<String, Object> data) {}

  /** The anomaly as text: its type and summary, the transactions, then the steps. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(type).append(": ").append(summary).append('\n');
    for (Txn t : transactions) {
      sb.append("  ").append(t.name()).append(" = ").append(t.description()).append('\n');
    }
    for (Step s : steps) {
      sb.append("  ").append(s.text()).append('\n');
    }
    return sb.toString();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("summary", summary);
    List<Object> txns = new ArrayList<>();
    for (Txn t : transactions) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("name", t.name());
      j.putAll(t.json());
      txns.add(j);
    }
    m.put("transactions", txns);
    List<Object> steps = new ArrayList<>();
    for (Step s : this.steps) {
      Map<String, Object> j = new LinkedHashMap<>();
      if (s.relation() != null) {
        j.put("relation", s.relation());
        j.put("from", s.from());
        j.put("to", s.to());
      }
      j.put("text", s.text());
      j.putAll(s.data());
      steps.add(j);
    }
    m.put("steps", steps);
    m.putAll(details);
    return m;
  }
}
