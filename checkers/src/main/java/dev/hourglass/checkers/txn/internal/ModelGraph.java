package dev.hourglass.checkers.txn.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The relations between anomalies and consistency models that Elle uses
 * ({@code elle.consistency-model}): which anomalies imply which, which models imply which, and
 * which anomalies each model forbids directly. From these follow the anomalies a list of models
 * rules out, and the models a set of anomalies rules out ({@code :not}, {@code :also-not}).
 *
 * <p>Models have friendly names ({@code read-committed}) and canonical ones ({@code PL-2});
 * the graphs use canonical names, results friendly ones, as Elle does. All sets here are sorted
 * by name, so every output is deterministic.
 */
public final class ModelGraph {
  private ModelGraph() {}

  /** a -> b: anomaly a is also an instance of anomaly b. */
  private static final Map<String, List<String>> IMPLIED = new LinkedHashMap<>();

  /** Extra "worse than" edges that only order the cycle search (Elle's severity graph). */
  private static final Map<String, List<String>> SEVERITY = new LinkedHashMap<>();

  /** friendly (or alias) -> canonical. */
  private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

  /** canonical -> friendly. */
  private static final Map<String, String> FRIENDLY = new HashMap<>();

  /** a -> b (canonical): a history satisfying a satisfies b. */
  private static final Map<String, Set<String>> MODELS_OUT = new HashMap<>();

  private static final Map<String, Set<String>> MODELS_IN = new HashMap<>();

  /** canonical model -> the anomalies it forbids directly. */
  private static final Map<String, Set<String>> PROSCRIBED = new HashMap<>();

  /** anomaly -> the canonical models that forbid it directly. */
  private static final Map<String, Set<String>> PROSCRIBED_BY = new HashMap<>();

  private static final Map<String, Set<String>> IMPLIED_OUT = new HashMap<>();
  private static final Map<String, Set<String>> IMPLIED_IN = new HashMap<>();

  private static final SortedSet<String> ALL_MODELS = new TreeSet<>();
  private static final SortedSet<String> ALL_ANOMALIES = new TreeSet<>();
  private static final Map<String, Integer> DEPTHS = new HashMap<>();

  private static void implies(String a, String... bs) {
    IMPLIED.put(a, List.of(bs));
  }

  private static void severity(String a, String... bs) {
    SEVERITY.put(a, List.of(bs));
  }

  private static void model(String a, String... bs) {
    String ca = canonical(a);
    for (String b : bs) {
      String cb = canonical(b);
      MODELS_OUT.computeIfAbsent(ca, k -> new TreeSet<>()).add(cb);
      MODELS_IN.computeIfAbsent(cb, k -> new TreeSet<>()).add(ca);
      MODELS_OUT.computeIfAbsent(cb, k -> new TreeSet<>());
      MODELS_IN.computeIfAbsent(ca, k -> new TreeSet<>());
    }
  }

  private static void proscribes(String model, String... anomalies) {
    String m = canonical(model);
    for (String a : anomalies) {
      PROSCRIBED.computeIfAbsent(m, k -> new TreeSet<>()).add(a);
      PROSCRIBED_BY.computeIfAbsent(a, k -> new TreeSet<>()).add(m);
    }
  }

  static {
    // Anomaly implications. Each plain anomaly implies its -process variant, which implies its
    // -realtime variant (processes are single-threaded).
    implies("G0", "G1c", "G0-process");
    implies("G0-process", "G1c-process", "G0-realtime");
    implies("G0-realtime", "G1c-realtime");
    implies("G1a", "G1");
    implies("G1b", "G1");
    implies("G1c", "G1", "G1c-process");
    implies("G1c-process", "G1c-realtime", "G1-process");
    implies("G1c-realtime", "G1-realtime");
    implies("G1", "G1-process");
    implies("G1-process", "G1-realtime");
    implies("G-single-item", "G-single", "G-single-item-process", "G-nonadjacent-item");
    implies("G-single-item-process", "G-single-process", "G-single-item-realtime", "G-nonadjacent-item-process");
    implies("G-single-item-realtime", "G-single-realtime", "G-nonadjacent-item-realtime");
    implies("G-single", "G-nonadjacent", "GSIb", "G-single-process");
    implies("G-single-process", "G-nonadjacent-process", "G-single-realtime");
    implies("G-single-realtime", "G-nonadjacent-realtime");
    implies("G-nonadjacent-item", "G-nonadjacent", "G2-item", "G-nonadjacent-item-process");
    implies("G-nonadjacent-item-process", "G-nonadjacent-process", "G2-item-process", "G-nonadjacent-item-realtime");
    implies("G-nonadjacent-item-realtime", "G2-item-realtime", "G-nonadjacent-realtime");
    implies("G-nonadjacent", "G2", "G-nonadjacent-process");
    implies("G-nonadjacent-process", "G2-process", "G-nonadjacent-realtime");
    implies("G-nonadjacent-realtime", "G2-realtime");
    implies("G2", "G2-process");
    implies("G2-item", "G2", "G2-item-process");
    implies("G2-item-process", "G2-process", "G2-item-realtime");
    implies("G2-item-realtime", "G2-realtime");
    implies("G2-process", "G2-realtime");
    implies("GSIa", "GSI");
    implies("GSIb", "GSI");
    // Two read orders no history of appends can produce: something read a state that never
    // committed.
    implies("incompatible-order", "G1a");
    // A transaction that reads its own later write is a trivial wr cycle.
    implies("future-read", "G1c");
    // A committed write built on an aborted one: as bad as reading it.
    implies("dirty-update", "G1a");
    implies("lost-update", "write-skew", "G2-item");
    implies("write-skew", "G2");

    severity("G0", "G1c");
    severity("G0-process", "G1c-process");
    severity("G0-realtime", "G1c-realtime");
    severity("G1c", "G-single", "G2-item");
    severity("G1c-process", "G-single-process", "G2-item-process");
    severity("G1c-realtime", "G-single-realtime", "G2-item-realtime");
    severity("G2", "G0-process");
    severity("G2-process", "G0-realtime");

    CANONICAL.put("consistent-view", "PL-2+");
    CANONICAL.put("conflict-serializable", "PL-3");
    CANONICAL.put("cursor-stability", "PL-CS");
    CANONICAL.put("forward-consistent-view", "PL-FCV");
    CANONICAL.put("monotonic-snapshot-read", "PL-MSR");
    CANONICAL.put("monotonic-view", "PL-2L");
    CANONICAL.put("read-committed", "PL-2");
    CANONICAL.put("read-uncommitted", "PL-1");
    CANONICAL.put("repeatable-read", "PL-2.99");
    CANONICAL.put("serializable", "PL-3");
    CANONICAL.put("snapshot-isolation", "PL-SI");
    CANONICAL.put("strict-serializable", "PL-SS");
    CANONICAL.put("strong-serializable", "PL-SS");
    CANONICAL.put("update-serializable", "PL-3U");
    CANONICAL.put("strong-session-read-uncommitted", "strong-session-PL-1");
    CANONICAL.put("strong-session-read-committed", "strong-session-PL-2");
    CANONICAL.put("strong-read-uncommitted", "strong-PL-1");
    CANONICAL.put("strong-read-committed", "strong-PL-2");
    for (Map.Entry<String, String> e : CANONICAL.entrySet()) {
      FRIENDLY.put(e.getValue(), e.getKey());
    }
    // Where two names share a canonical one, Elle's choice.
    FRIENDLY.put("PL-3", "serializable");
    FRIENDLY.put("PL-SS", "strong-serializable");

    model("causal-cerone", "read-atomic");
    model("consistent-view", "cursor-stability", "monotonic-view");
    model("conflict-serializable", "view-serializable");
    model("cursor-stability", "read-committed", "PL-2");
    model("forward-consistent-view", "consistent-view");
    model("PL-2", "PL-1");
    model("PL-3", "repeatable-read", "update-serializable");
    model("update-serializable", "forward-consistent-view");
    model("monotonic-atomic-view", "read-committed");
    model("monotonic-view", "PL-2");
    model("monotonic-snapshot-read", "PL-2");
    model("parallel-snapshot-isolation", "causal-cerone", "update-atomic");
    model("prefix", "causal-cerone");
    model("read-atomic", "monotonic-atomic-view");
    model("read-committed", "read-uncommitted");
    model("repeatable-read", "cursor-stability", "monotonic-atomic-view");
    model("update-atomic", "read-atomic");
    model("serializable", "repeatable-read", "snapshot-isolation", "view-serializable");
    model("session-serializable", "1SR");
    model("snapshot-isolation", "forward-consistent-view", "monotonic-atomic-view", "monotonic-snapshot-read",
        "parallel-snapshot-isolation", "prefix");
    model("strict-serializable", "PL-3", "serializable", "linearizable", "snapshot-isolation",
        "strong-snapshot-isolation", "strong-session-serializable");
    model("strong-session-PL-1", "PL-1");
    model("strong-session-PL-2", "PL-2", "strong-session-PL-1");
    model("strong-PL-1", "strong-session-PL-1");
    model("strong-PL-2", "strong-session-PL-2", "strong-PL-1");
    model("strong-session-serializable", "serializable", "strong-session-snapshot-isolation");
    model("strong-session-snapshot-isolation", "snapshot-isolation", "strong-session-PL-2");
    model("strong-serializable", "session-serializable");
    model("strong-snapshot-isolation", "strong-session-snapshot-isolation", "strong-PL-2");
    model("linearizable", "sequential");
    model("sequential", "causal");
    model("causal", "writes-follow-reads", "PRAM");
    model("PRAM", "monotonic-reads", "monotonic-writes", "read-your-writes");

    proscribes("causal-cerone", "internal", "G1a");
    proscribes("cursor-stability", "G1", "G-cursor", "lost-update");
    proscribes("monotonic-view", "G1", "G-monotonic");
    proscribes("monotonic-snapshot-read", "G1", "G-MSR");
    proscribes("consistent-view", "G1", "G-single");
    proscribes("forward-consistent-view", "G1", "G-SIb");
    proscribes("parallel-snapshot-isolation", "internal", "G1a");
    proscribes("PL-3", "G1", "G2", "predicate-read-miss", "PL-3-cycle-exists");
    proscribes("PL-2", "G1", "PL-2-cycle-exists");
    proscribes("PL-1", "G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists");
    proscribes("prefix", "internal", "G1a");
    proscribes("serializable", "internal");
    proscribes("snapshot-isolation", "internal", "G1", "G-SI", "G-nonadjacent", "PL-SI-cycle-exists");
    proscribes("read-atomic", "internal", "G1a", "future-read");
    proscribes("repeatable-read", "G1", "G2-item", "PL-2.99-cycle-exists", "lost-update");
    proscribes("update-atomic", "lost-update");
    proscribes("strict-serializable", "G1", "G1c-realtime", "G2-realtime", "PL-SS-cycle-exists");
    proscribes("strong-session-PL-1", "strong-session-PL-1-cycle-exists", "G0-process");
    proscribes("strong-session-PL-2", "strong-session-PL-2-cycle-exists", "G1c-process");
    proscribes("strong-PL-1", "strong-PL-1-cycle-exists", "G0-realtime");
    proscribes("strong-PL-2", "strong-PL-2-cycle-exists", "G1c-realtime");
    proscribes("strong-session-snapshot-isolation", "internal", "G1-process", "G-nonadjacent-process",
        "strong-session-snapshot-isolation-cycle-exists");
    proscribes("strong-snapshot-isolation", "internal", "G1-realtime", "G-nonadjacent-realtime",
        "strong-snapshot-isolation-cycle-exists");
    proscribes("strong-session-serializable", "G1-process", "G2-process", "strong-session-serializable-cycle-exists");
    proscribes("update-serializable", "G1", "G-update");

    for (Map.Entry<String, List<String>> e : IMPLIED.entrySet()) {
      for (String b : e.getValue()) {
        IMPLIED_OUT.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(b);
        IMPLIED_IN.computeIfAbsent(b, k -> new TreeSet<>()).add(e.getKey());
      }
    }
    ALL_MODELS.addAll(MODELS_OUT.keySet());
    ALL_MODELS.addAll(CANONICAL.keySet());
    ALL_MODELS.addAll(CANONICAL.values());
    ALL_ANOMALIES.addAll(IMPLIED_OUT.keySet());
    ALL_ANOMALIES.addAll(IMPLIED_IN.keySet());
    ALL_ANOMALIES.addAll(PROSCRIBED_BY.keySet());
    computeDepths();
  }

  /**
   * Depth of each anomaly in the union of the implication and severity graphs: 0 for anomalies
   * nothing implies, one more than the deepest predecessor otherwise. The cycle search looks
   * for anomalies in this order (the worst first), names tied by name.
   */
  private static void computeDepths() {
    Map<String, Set<String>> out = new HashMap<>();
    for (Map<String, List<String>> g : List.of(IMPLIED, SEVERITY)) {
      for (Map.Entry<String, List<String>> e : g.entrySet()) {
        out.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(e.getValue());
        for (String b : e.getValue()) {
          out.computeIfAbsent(b, k -> new TreeSet<>());
        }
      }
    }
    Set<String> remaining = new TreeSet<>(out.keySet());
    int depth = 0;
    while (!remaining.isEmpty()) {
      Set<String> top = new TreeSet<>(remaining);
      for (String a : remaining) {
        for (String b : out.get(a)) {
          top.remove(b);
        }
      }
      if (top.isEmpty()) {
        throw new IllegalStateException("anomaly graph has a cycle among " + remaining);
      }
      for (String a : top) {
        DEPTHS.put(a, depth);
      }
      remaining.removeAll(top);
      depth++;
    }
    for (String a : PROSCRIBED_BY.keySet()) {
      DEPTHS.putIfAbsent(a, 0);
    }
  }

  /** The canonical name of a model ({@code read-committed} -> {@code PL-2}); others unchanged. */
  public static String canonical(String model) {
    return CANONICAL.getOrDefault(model, model);
  }

  /** The friendly name of a canonical model ({@code PL-2} -> {@code read-committed}). */
  public static String friendly(String model) {
    return FRIENDLY.getOrDefault(model, model);
  }

  /** Every model name this graph knows, friendly and canonical. */
  public static SortedSet<String> allModels() {
    return Collections.unmodifiableSortedSet(ALL_MODELS);
  }

  /** Every anomaly name this graph knows. */
  public static SortedSet<String> allAnomalies() {
    return Collections.unmodifiableSortedSet(ALL_ANOMALIES);
  }

  /** The search-order depth of an anomaly (0 = searched first). */
  public static int depth(String anomaly) {
    Integer d = DEPTHS.get(anomaly);
    if (d == null) {
      throw new IllegalArgumentException("unknown anomaly: " + anomaly);
    }
    return d;
  }

  /** @throws IllegalArgumentException naming the unknown models and listing the known ones */
  public static void validateModels(Collection<String> models) {
    Set<String> unknown = new TreeSet<>();
    for (String m : models) {
      if (!ALL_MODELS.contains(m)) {
        unknown.add(m);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown consistency model" + (unknown.size() > 1 ? "s " : " ")
          + String.join(", ", unknown) + "; known models: " + String.join(", ", ALL_MODELS));
    }
  }

  /** The given anomalies and every anomaly that implies one of them. */
  public static SortedSet<String> allAnomaliesImplying(Collection<String> anomalies) {
    return bfs(anomalies, IMPLIED_IN);
  }

  /** The given anomalies and every anomaly they imply. */
  public static SortedSet<String> allImpliedAnomalies(Collection<String> anomalies) {
    return bfs(anomalies, IMPLIED_OUT);
  }

  /** The given models (canonicalised) and every model they imply. */
  public static SortedSet<String> allImpliedModels(Collection<String> models) {
    validateModels(models);
    return bfs(models.stream().map(ModelGraph::canonical).toList(), MODELS_OUT);
  }

  /** The given models (canonicalised) and every model that implies one of them. */
  public static SortedSet<String> allImpossibleModels(Collection<String> models) {
    validateModels(models);
    return bfs(models.stream().map(ModelGraph::canonical).toList(), MODELS_IN);
  }

  /** The anomalies that cannot occur if all of {@code models} hold. */
  public static SortedSet<String> anomaliesProhibitedBy(Collection<String> models) {
    Set<String> direct = new TreeSet<>();
    for (String m : allImpliedModels(models)) {
      direct.addAll(PROSCRIBED.getOrDefault(m, Set.of()));
    }
    return allAnomaliesImplying(direct);
  }

  /** The (canonical) models that cannot hold given {@code anomalies}. */
  public static SortedSet<String> impossibleModels(Collection<String> anomalies) {
    Set<String> direct = new TreeSet<>();
    for (String a : allImpliedAnomalies(anomalies)) {
      direct.addAll(PROSCRIBED_BY.getOrDefault(a, Set.of()));
    }
    return allImpossibleModels(direct);
  }

  /** The models of {@code models} (canonical) that no other member of the set implies. */
  public static SortedSet<String> weakest(Collection<String> models) {
    Set<String> set = new TreeSet<>();
    for (String m : models) {
      set.add(canonical(m));
    }
    SortedSet<String> out = new TreeSet<>();
    for (String m : set) {
      boolean covered = false;
      for (String weaker : bfs(List.of(m), MODELS_OUT)) {
        if (!weaker.equals(m) && set.contains(weaker)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Elle's boundary, in friendly names: {@code not} = the weakest models {@code anomalies} rule
   * out, {@code alsoNot} = the other models they rule out.
   */
  public record Boundary(SortedSet<String> not, SortedSet<String> alsoNot) {}

  public static Boundary boundary(Collection<String> anomalies) {
    SortedSet<String> impossible = impossibleModels(anomalies);
    SortedSet<String> weakest = weakest(impossible);
    SortedSet<String> not = new TreeSet<>();
    SortedSet<String> alsoNot = new TreeSet<>();
    for (String m : impossible) {
      (weakest.contains(m) ? not : alsoNot).add(friendly(m));
    }
    return new Boundary(Collections.unmodifiableSortedSet(not), Collections.unmodifiableSortedSet(alsoNot));
  }

  private static SortedSet<String> bfs(Collection<String> start, Map<String, Set<String>> next) {
    SortedSet<String> seen = new TreeSet<>();
    Deque<String> queue = new ArrayDeque<>();
    for (String s : start) {
      if (seen.add(s)) {
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      String a = queue.poll();
      for (String b : next.getOrDefault(a, Set.of())) {
        if (seen.add(b)) {
          queue.add(b);
        }
      }
    }
    return seen;
  }
}
