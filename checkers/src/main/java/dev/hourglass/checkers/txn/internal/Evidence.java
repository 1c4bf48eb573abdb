package dev.hourglass.checkers.txn.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.txn.Anomaly;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the pieces of evidence: transactions, steps, and the order-edge explanations. */
final class Evidence {
  private Evidence() {}

  static Anomaly.Txn txn(TxnHistory h, int t, String name) {
    return new Anomaly.Txn(name, h.describe(t), h.toJson(t));
  }

  static Anomaly.Step step(String text) {
    return new Anomaly.Step(null, null, null, text, Map.of());
  }

  static Anomaly.Step step(String text, Map<String, Object> data) {
    return new Anomaly.Step(null, null, null, text, data);
  }

  static Anomaly.Step edge(int rel, String a, String b, String why, Map<String, Object> data) {
    return new Anomaly.Step(Rels.name(rel), a, b, a + " < " + b + " (" + Rels.name(rel) + "): " + why, data);
  }

  static String fmt(Object v) {
    return Values.format(v);
  }

  /** A key in prose: a keyword as itself ({@code :x}), anything else as {@code key 9}. */
  static String keyText(Object key) {
    return key instanceof dev.hourglass.checkers.Keyword ? Values.format(key) : "key " + Values.format(key);
  }

  static Map<String, Object> data(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      m.put((String) kv[i], jsonValue(v));
    }
    return m;
  }

  /** EDN values as JSON-friendly data: numbers, booleans and strings as they are, the rest as EDN text. */
  static Object jsonValue(Object v) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Evidence::jsonValue).toList();
    }
    return Values.format(v);
  }

  /** Real-time and process edges, the same for every workload. */
  static Anomaly.Step orderEdge(TxnHistory h, int a, int b, int rel, String an, String bn) {
    History hist = h.history;
    if (rel == Rels.PROCESS) {
      String p = hist.processName(h.valueEntry(a));
      return edge(rel, an, bn, "process " + p + " completed " + an + " before it started " + bn + ".",
          data("process", p));
    }
    int done = h.completeEntry[a];
    int inv = h.invokeEntry[b];
    String delta = "";
    long t1 = hist.timeNanos(done);
    long t2 = hist.timeNanos(inv);
    if (t1 != History.NO_TIME && t2 != History.NO_TIME && t2 > t1) {
      delta = String.format(java.util.Locale.ROOT, ", %.3f s", (t2 - t1) / 1e9);
    }
    return edge(rel, an, bn, an + " completed (entry #" + done + ") before " + bn + " was invoked (entry #" + inv + delta
        + "), so " + an + " must come first.", data("completeIndex", done, "invokeIndex", inv));
  }
}
