package dev.hourglass.checkers.txn.internal;

import static dev.hourglass.checkers.txn.internal.Evidence.data;

import dev.hourglass.checkers.txn.Anomaly;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds and names the dependency cycles of an {@link Analysis}, as Elle's {@code elle.txn}
 * does, component by component.
 *
 * <ol>
 *   <li>The strongly connected components (two or more transactions) of the whole graph —
 *       data edges, process edges, real-time order — are the only places a cycle can be.
 *   <li>In each component, "cycle exists" tests: for each model, is the subgraph the model
 *       must keep acyclic (read committed: ww ∪ wr; snapshot isolation: ww ∪ wr extended by one
 *       rw; …) cyclic? Each yes is a {@code <model>-cycle-exists} anomaly; each no rules out
 *       every cycle kind that model forbids, which the search then skips.
 *   <li>Then each cycle kind in Elle's order (the worst first), skipping kinds already implied
 *       by one found: a breadth-first search from candidate transactions over (transaction,
 *       automaton state) pairs gives the shortest closed walk of that kind through each;
 *       a walk that repeats a transaction is split into simple cycles, one of which is of the
 *       kind. Rarely no split works; then a depth-first search of simple paths decides.
 *   <li>Each component has a step budget (and optionally a deadline). Past it, the component
 *       reports what it found, {@code cycle-search-timeout}, one cycle of any kind, and its
 *       cycle-exists anomalies — which then say that a cycle forbidden by the model exists.
 * </ol>
 */
public final class CycleSearch {
  private CycleSearch() {}

  /** The models whose cycle-freedom is tested, in Elle's order, with their subgraphs. */
  private record Exists(String model, int rels, int extensionRels) {}

  private static final List<Exists> EXISTS = List.of(
      new Exists("PL-1", Rels.WW, 0),
      new Exists("PL-2", Rels.WW | Rels.WR, 0),
      new Exists("PL-SI", Rels.WW | Rels.WR, Rels.RW),
      new Exists("PL-2.99", Rels.DATA, 0),
      new Exists("PL-3", Rels.DATA, 0),
      new Exists("strong-session-PL-1", Rels.WW | Rels.PROCESS, 0),
      new Exists("strong-session-PL-2", Rels.WW | Rels.WR | Rels.PROCESS, 0),
      new Exists("strong-session-snapshot-isolation", Rels.WW | Rels.WR | Rels.PROCESS, Rels.RW),
      new Exists("strong-session-serializable", Rels.DATA | Rels.PROCESS, 0),
      new Exists("strong-PL-1", Rels.WW | Rels.REALTIME, 0),
      new Exists("strong-PL-2", Rels.WW | Rels.WR | Rels.REALTIME, 0),
      new Exists("strong-snapshot-isolation", Rels.WW | Rels.WR | Rels.REALTIME, Rels.RW),
      new Exists("PL-SS", Rels.DATA | Rels.REALTIME, 0));

  private static final List<CycleSpec> SPECS = sortSpecs();

  private static List<CycleSpec> sortSpecs() {
    List<CycleSpec> all = new ArrayList<>(CycleSpec.all());
    all.sort((a, b) -> {
      int d = Integer.compare(ModelGraph.depth(a.name()), ModelGraph.depth(b.name()));
      return d != 0 ? d : a.name().compareTo(b.name());
    });
    return all;
  }

  /** The kinds in the order they are searched. */
  public static List<String> searchOrder() {
    return SPECS.stream().map(CycleSpec::name).toList();
  }

  /**
   * Searches every strongly connected component of the analysis's graph and adds what it finds
   * to {@code an.anomalies}; returns the number of components.
   */
  public static int run(Analysis an, long stepsMax, long timeoutNanos) {
    Csr g = an.graph;
    Orders.Realtime rt = an.realtime;
    Tarjan scc = rt == null ? Tarjan.of(g, 0xff, null) : Tarjan.of(g, 0xff, rt.lo, rt.hi, rt.walkable, null);
    int[] count = new int[scc.count];
    int components = 0;
    for (int c = 0; c < scc.count; c++) {
      if (scc.nontrivial(c)) {
        count[c] = scc.size[c];
        components++;
      }
    }
    if (components == 0) {
      return 0;
    }
    int[][] members = new int[scc.count][];
    int[] fill = new int[scc.count];
    for (int v = 0; v < g.n; v++) {
      int c = scc.comp[v];
      if (count[c] > 0) {
        if (members[c] == null) {
          members[c] = new int[count[c]];
        }
        members[c][fill[c]++] = v;
      }
    }
    List<int[]> ordered = new ArrayList<>();
    for (int[] m : members) {
      if (m != null) {
        ordered.add(m);
      }
    }
    ordered.sort((a, b) -> Integer.compare(a[0], b[0]));
    int[] localOf = new int[g.n];
    Arrays.fill(localOf, -1);
    for (int[] m : ordered) {
      Budget budget = new Budget(stepsMax, timeoutNanos);
      new Component(an, m, Component.localGraph(an, m, localOf), an.wrFirst, budget).search();
    }
    return components;
  }

  /**
   * Test hook: searches {@code graph} (vertices 0..n-1, edges with relation sets) as one
   * component for a cycle of the named kind; returns the relations explaining its edges, in
   * order, or null if there is none.
   */
  static int[] findKind(Csr graph, boolean wrFirst, String kind, long stepsMax) {
    CycleSpec spec = SPECS.stream().filter(s -> s.name().equals(kind)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a searchable kind: " + kind));
    int[] members = new int[graph.n];
    for (int i = 0; i < members.length; i++) {
      members[i] = i;
    }
    Component c = new Component(null, members, graph, wrFirst, new Budget(stepsMax, 0));
    int[] cycle = c.kinds.find(spec);
    if (cycle == null) {
      return null;
    }
    int len = cycle.length / 2;
    int[] labels = new int[len];
    for (int i = 0; i < len; i++) {
      int e = cycle[len + i];
      labels[i] = c.labelGraph.rels[e];
      if (e < graph.off[cycle[i]] || e >= graph.off[cycle[i] + 1] || graph.adj[e] != cycle[(i + 1) % len]) {
        throw new IllegalStateException("edge " + i + " of the cycle does not join vertices " + i + " and " + (i + 1));
      }
      for (int j = 0; j < i; j++) {
        if (cycle[j] == cycle[i]) {
          throw new IllegalStateException("the cycle visits vertex " + cycle[i] + " twice");
        }
      }
    }
    return labels;
  }

  /** One strongly connected component, with its own local numbering 0..m-1. */
  private static final class Component {
    private final Analysis an;
    private final int[] members;
    private final int m;
    private final Csr relGraph;
    private final Csr labelGraph;
    private final Budget budget;
    private final KindSearch kinds;

    Component(Analysis an, int[] members, Csr relGraph, boolean wrFirst, Budget budget) {
      this.an = an;
      this.members = members;
      this.m = members.length;
      this.budget = budget;
      this.relGraph = relGraph;
      byte[] labels = new byte[relGraph.edgeCount()];
      for (int e = 0; e < labels.length; e++) {
        labels[e] = (byte) Rels.label(relGraph.rels[e], wrFirst);
      }
      labelGraph = new Csr(m, relGraph.off, relGraph.adj, labels);
      kinds = new KindSearch(relGraph, labelGraph, budget);
    }

    /** The component's edges among its members, real-time ones included, numbered locally. */
    static Csr localGraph(Analysis an, int[] members, int[] localOf) {
      int m = members.length;
      for (int i = 0; i < m; i++) {
        localOf[members[i]] = i;
      }
      Csr g = an.graph;
      Orders.Realtime rt = an.realtime;
      Csr.Builder b = new Csr.Builder();
      for (int i = 0; i < m; i++) {
        int u = members[i];
        for (int e = g.off[u]; e < g.off[u + 1]; e++) {
          int w = localOf[g.adj[e]];
          if (w >= 0) {
            b.add(i, w, g.rels[e]);
          }
        }
        if (rt != null && an.h.isOk(u)) {
          for (int w = rt.lo[u]; w < rt.hi[u]; w++) {
            int lw = localOf[w];
            if (lw >= 0 && an.h.invokeEntry[w] >= 0) {
              b.add(i, lw, Rels.REALTIME);
            }
          }
        }
      }
      for (int i = 0; i < m; i++) {
        localOf[members[i]] = -1;
      }
      return b.build(m);
    }

    void search() {
      List<Anomaly> exists = new ArrayList<>();
      List<String> types = new ArrayList<>();
      List<Anomaly> found = new ArrayList<>();
      try {
        Set<String> redundantModels = new TreeSet<>();
        Set<String> cyclicModels = new TreeSet<>();
        for (Exists x : EXISTS) {
          if (redundantModels.contains(x.model())) {
            continue;
          }
          int[] scc = x.extensionRels() == 0 ? smallestCycle(x.rels()) : smallestExtensionCycle(x.rels(), x.extensionRels());
          if (scc != null) {
            exists.add(existsAnomaly(x, scc));
            cyclicModels.add(x.model());
            redundantModels.addAll(ModelGraph.allImpossibleModels(List.of(x.model())));
          }
        }
        Set<String> redundant = new TreeSet<>(impossibleCycleTypes(cyclicModels));
        for (CycleSpec spec : SPECS) {
          if (redundant.contains(spec.name())) {
            continue;
          }
          types.add(spec.name());
          Anomaly a = find(spec);
          if (a != null) {
            found.add(a);
            redundant.addAll(ModelGraph.allImpliedAnomalies(List.of(spec.name())));
          }
        }
      } catch (Budget.Exhausted e) {
        String current = types.isEmpty() ? null : types.get(types.size() - 1);
        Set<String> foundTypes = new TreeSet<>();
        found.forEach(a -> foundTypes.add(a.type()));
        List<String> notContained = new ArrayList<>();
        for (int i = 0; i + 1 < types.size(); i++) {
          if (!foundTypes.contains(types.get(i))) {
            notContained.add(types.get(i));
          }
        }
        // One cycle of the component, whatever its kind, as evidence that the component is
        // cyclic. It is not reported under its own kind: the search for the worst kinds was cut
        // short, and which cycle this walk meets first is arbitrary. What it proves about models,
        // the cycle-exists anomalies say.
        Anomaly example = anyCycle();
        List<Anomaly.Step> steps = new ArrayList<>();
        steps.add(Evidence.step("The search stopped: " + e.getMessage() + ". It had not found "
            + (notContained.isEmpty() ? "-" : String.join(", ", notContained)) + " in this component before that; "
            + "what it found is reported, and the models some cycle here violates are the cycle-exists anomalies."));
        steps.add(Evidence.step("For example, this cycle (" + example.type() + "):"));
        steps.addAll(example.steps());
        an.add(new Anomaly("cycle-search-timeout",
            "the cycle search in a strongly connected component of " + m + " transactions ran out of budget"
                + (current == null ? "" : " while looking for " + current),
            example.transactions(), steps,
            data("anomalySpecType", current, "doesNotContain", notContained, "sccSize", m, "stepsUsed", budget.used(),
                "exampleCycleType", example.type())));
      }
      exists.forEach(an::add);
      found.forEach(an::add);
    }

    // ---- cycle existence

    /** The transactions (local) of the smallest cyclic component over edges with {@code rels}, or null. */
    private int[] smallestCycle(int rels) {
      // Not budgeted, as in Elle: linear, and what a timeout report relies on.
      Tarjan t = Tarjan.of(relGraph, rels, null);
      return smallest(t, m, null);
    }

    /**
     * The same over A ∪ (A;B) — an A edge, optionally followed by one B edge — computed on a
     * doubled graph: (v, 0) -A-> (w, 1), (v, 1) -B-> (w, 0), (v, 1) -> (v, 0).
     */
    private int[] smallestExtensionCycle(int a, int bRels) {
      Csr.Builder b = new Csr.Builder();
      for (int v = 0; v < m; v++) {
        for (int e = relGraph.off[v]; e < relGraph.off[v + 1]; e++) {
          int w = relGraph.adj[e];
          int r = relGraph.rels[e];
          if ((r & a) != 0) {
            b.add(v, m + w, Rels.WW);
          }
          if ((r & bRels) != 0) {
            b.add(m + v, w, Rels.WW);
          }
        }
        b.add(m + v, v, Rels.WW);
      }
      Tarjan t = Tarjan.of(b.build(2 * m), Rels.WW, null);
      return smallest(t, m, t.comp);
    }

    private static int[] smallest(Tarjan t, int m, int[] doubled) {
      int best = -1;
      for (int c = 0; c < t.count; c++) {
        if (t.nontrivial(c) && (best < 0 || t.size[c] < t.size[best])) {
          best = c;
        }
      }
      if (best < 0) {
        return null;
      }
      TreeSet<Integer> vs = new TreeSet<>();
      for (int v = 0; v < t.comp.length; v++) {
        if (t.comp[v] == best) {
          vs.add(v % m);
        }
      }
      return vs.stream().mapToInt(Integer::intValue).toArray();
    }

    private Anomaly existsAnomaly(Exists x, int[] scc) {
      String friendly = ModelGraph.friendly(x.model());
      String sub = x.extensionRels() == 0 ? Rels.describe(x.rels())
          : "(" + Rels.describe(x.rels()) + "), each step optionally followed by one " + Rels.describe(x.extensionRels());
      List<Anomaly.Txn> txns = new ArrayList<>();
      List<Integer> indices = new ArrayList<>();
      for (int i = 0; i < scc.length; i++) {
        int t = members[scc[i]];
        indices.add(an.h.valueEntry(t));
        if (i < 10) {
          txns.add(Evidence.txn(an.h, t, "T" + (i + 1)));
        }
      }
      return new Anomaly(x.model() + "-cycle-exists",
          "a cycle that " + friendly + " forbids exists among " + scc.length + " transactions",
          txns,
          List.of(Evidence.step("Over " + sub + ", these " + scc.length + " transactions"
              + (scc.length > txns.size() ? " (the first " + txns.size() + " shown)" : "")
              + " are strongly connected: some cycle through them violates " + friendly + ".")),
          data("not", friendly, "subgraph", sub, "sccSize", scc.length, "scc", indices));
    }

    /** Cycle kinds that no cycle-exists test allows: the models they violate are not known to be violated. */
    private static Set<String> impossibleCycleTypes(Set<String> cyclicModels) {
      Set<String> impossible = ModelGraph.allImpossibleModels(cyclicModels);
      List<String> possible = new ArrayList<>();
      for (Exists x : EXISTS) {
        if (!impossible.contains(x.model())) {
          possible.add(x.model());
        }
      }
      Set<String> out = new TreeSet<>(ModelGraph.anomaliesProhibitedBy(possible));
      out.retainAll(CycleSpec.cycleTypes());
      return out;
    }

    // ---- searching one kind

    private Anomaly find(CycleSpec spec) {
      int[] cycle = kinds.find(spec);
      return cycle == null ? null : cycleAnomaly(cycle);
    }

    // ---- after a timeout: some cycle, of whatever kind

    /**
     * Elle's fallback: walk from the component's first transaction, always to the first
     * successor, until a successor is already on the path; that closes a cycle. Cheap (each
     * transaction visited once) and always succeeds in a strongly connected component.
     */
    private Anomaly anyCycle() {
      int[] pos = new int[m];
      Arrays.fill(pos, -1);
      IntArrayList path = new IntArrayList();
      IntArrayList pathEdges = new IntArrayList();
      int v = 0;
      pos[v] = 0;
      path.add(v);
      while (true) {
        int closing = -1;
        for (int e = labelGraph.off[v]; e < labelGraph.off[v + 1]; e++) {
          if (pos[labelGraph.adj[e]] >= 0) {
            closing = e;
            break;
          }
        }
        if (closing >= 0) {
          int from = pos[labelGraph.adj[closing]];
          int len = path.size() - from;
          int[] cycle = new int[2 * len];
          for (int i = 0; i < len; i++) {
            cycle[i] = path.getInt(from + i);
            cycle[len + i] = i < len - 1 ? pathEdges.getInt(from + i) : closing;
          }
          return cycleAnomaly(cycle);
        }
        if (labelGraph.off[v] == labelGraph.off[v + 1]) {
          throw new IllegalStateException("transaction without successor in a strongly connected component of " + m);
        }
        int e = labelGraph.off[v];
        pathEdges.add(e);
        v = labelGraph.adj[e];
        pos[v] = path.size();
        path.add(v);
      }
    }

    // ---- evidence

    private Anomaly cycleAnomaly(int[] cycle) {
      int len = cycle.length / 2;
      int[] labels = new int[len];
      for (int i = 0; i < len; i++) {
        labels[i] = labelGraph.rels[cycle[len + i]];
      }
      String type = CycleSpec.classify(labels);
      List<Anomaly.Txn> txns = new ArrayList<>();
      List<Anomaly.Step> steps = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < len; i++) {
        names.add("T" + (i + 1));
        txns.add(Evidence.txn(an.h, members[cycle[i]], "T" + (i + 1)));
      }
      for (int i = 0; i < len; i++) {
        int a = members[cycle[i]];
        int b = members[cycle[(i + 1) % len]];
        steps.add(an.explainer.explain(a, b, labels[i], names.get(i), names.get((i + 1) % len)));
      }
      steps.add(Evidence.step("So " + String.join(" < ", names) + " < T1: a cycle, so no order of the transactions "
          + "explains what they observed."));
      List<String> relations = new ArrayList<>();
      for (int l : labels) {
        relations.add(Rels.name(l));
      }
      return new Anomaly(type, CycleSpec.summary(type), txns, steps, Map.of("cycle", names, "relations", relations));
    }
  }
}
