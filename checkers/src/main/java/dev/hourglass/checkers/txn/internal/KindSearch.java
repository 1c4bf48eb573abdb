package dev.hourglass.checkers.txn.internal;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds one simple cycle of a given kind ({@link CycleSpec}) in a strongly connected component,
 * the shortest through the first transaction that has one.
 *
 * <p>Each kind is a small automaton over the relations of the edges taken: how many rw edges so
 * far (none, one, two or more), whether the last was rw, whether two were adjacent, whether a
 * wr edge or a real-time/process edge was taken. A breadth-first search over (transaction,
 * state) pairs from a start transaction gives the shortest closed walk of the kind through it.
 * A walk that repeats a transaction is split at the repeat into two closed walks until one is a
 * simple cycle of the kind. Walks that no split reduces (rare: the kind's constraints are not
 * all inherited by the pieces) are settled by an exhaustive depth-first search of simple paths,
 * under the budget.
 *
 * <p>Starts: rw kinds start at the tail of an rw edge (every such cycle can be rotated to start
 * with one); exactly-one-rw kinds only at rw edges whose head reaches their tail without rw,
 * found 64 tails at a time by bit-parallel reachability over the condensation; the others at a
 * transaction of each component of the subgraph they may use.
 */
final class KindSearch {
  /** Times the exhaustive depth-first search ran; for tests. */
  static final AtomicLong DEPTH_FIRST_SEARCHES = new AtomicLong();

  private static final int WR_SEEN = 1;
  private static final int X_SEEN = 2;
  private static final int RW_TWO = 4;
  private static final int LAST_RW = 8;
  private static final int ADJ = 16;

  private final int m;
  private final Csr relGraph;
  private final Csr labelGraph;
  private final Budget budget;
  // breadth-first scratch, over (vertex, compact state)
  private int[] seen;
  private int[] parent;
  private int[] parentEdge;
  private int stamp;
  // repeated-vertex detection in closed walks
  private int[] pos;
  private int[] posStamp;
  private int posNow;

  /**
   * @param relGraph the component's edges with their relation sets
   * @param labelGraph the same edges, each with the one relation that explains it
   */
  KindSearch(Csr relGraph, Csr labelGraph, Budget budget) {
    this.m = relGraph.n;
    this.relGraph = relGraph;
    this.labelGraph = labelGraph;
    this.budget = budget;
  }

  /** A simple cycle of the kind, as [local vertices..., edge indices...], or null. */
  int[] find(CycleSpec spec) {
    int[] used = {spec.needWr() ? WR_SEEN : 0, spec.variant() != 0 ? X_SEEN : 0,
        spec.rw() == CycleSpec.Rw.NONADJACENT || spec.rw() == CycleSpec.Rw.MULTI ? RW_TWO | LAST_RW : 0,
        spec.rw() == CycleSpec.Rw.MULTI ? ADJ : 0};
    int usedMask = used[0] | used[1] | used[2] | used[3];
    Kind k = new Kind(spec, usedMask);
    // Components of the subgraph this kind may use.
    Tarjan sub = spec.typed() ? Tarjan.of(labelGraph, spec.allowed(), budget) : Tarjan.of(relGraph, spec.allowed(), budget);
    int[] starts = starts(k, sub);
    if (starts.length == 0) {
      return null;
    }
    ensureScratch(k.q);
    IntArrayList uncertain = new IntArrayList();
    for (int s : starts) {
      int[] cycle = bfs(k, sub, s);
      if (cycle == null) {
        continue;
      }
      if (cycle.length > 0) {
        return cycle;
      }
      uncertain.add(s);
    }
    for (int i = 0; i < uncertain.size(); i++) {
      DEPTH_FIRST_SEARCHES.incrementAndGet();
      int[] cycle = dfs(k, sub, uncertain.getInt(i));
      if (cycle != null) {
        return cycle;
      }
    }
    return null;
  }

  /** A spec with its state packing. */
  private static final class Kind {
    final CycleSpec spec;
    final int usedMask;
    final int q;
    final int[] compact = new int[32];
    final int[] expand;

    Kind(CycleSpec spec, int usedMask) {
      this.spec = spec;
      this.usedMask = usedMask;
      int count = 0;
      Arrays.fill(compact, -1);
      int[] ex = new int[32];
      for (int st = 0; st < 32; st++) {
        if ((st & ~usedMask) == 0) {
          compact[st] = count;
          ex[count] = st;
          count++;
        }
      }
      this.q = count;
      this.expand = Arrays.copyOf(ex, count);
    }

    boolean rwKind() {
      return spec.rw() != CycleSpec.Rw.NONE;
    }
  }

  private void ensureScratch(int q) {
    long size = (long) m * q;
    if (size > Integer.MAX_VALUE - 8) {
      throw new Budget.Exhausted("component of " + m + " transactions is too large to search");
    }
    if (seen == null || seen.length < size) {
      seen = new int[(int) size];
      parent = new int[(int) size];
      parentEdge = new int[(int) size];
      stamp = 0;
    }
  }

  /** The state after taking edge e from state st, or -1 if the kind forbids it (not for the first rw edge). */
  private int next(Kind k, int st, int e) {
    CycleSpec s = k.spec;
    if (s.typed()) {
      int label = labelGraph.rels[e];
      if ((label & s.allowed()) == 0) {
        return -1;
      }
      if (label == Rels.RW) {
        switch (s.rw()) {
          case NONE, SINGLE -> {
            return -1;
          }
          case NONADJACENT -> {
            if ((st & LAST_RW) != 0) {
              return -1;
            }
            st |= RW_TWO | LAST_RW;
          }
          case MULTI -> {
            if ((st & LAST_RW) != 0) {
              st |= ADJ;
            }
            st |= RW_TWO | LAST_RW;
          }
        }
      } else {
        st &= ~LAST_RW;
      }
      if (label == s.variant()) {
        st |= X_SEEN;
      }
      return st;
    }
    int rels = relGraph.rels[e];
    if ((rels & s.allowed()) == 0) {
      return -1;
    }
    if (s.needWr() && (rels & Rels.WR) != 0) {
      st |= WR_SEEN;
    }
    if (s.variant() != 0 && (rels & s.variant()) != 0) {
      st |= X_SEEN;
    }
    return st;
  }

  /** The state after a first edge e of a walk, or -1. Rw kinds start with an rw edge. */
  private int first(Kind k, int e) {
    if (!k.rwKind()) {
      return next(k, 0, e);
    }
    if (labelGraph.rels[e] != Rels.RW) {
      return -1;
    }
    return k.spec.rw() == CycleSpec.Rw.SINGLE ? 0 : LAST_RW;
  }

  private boolean accepts(Kind k, int st, int closingEdge) {
    CycleSpec s = k.spec;
    if (s.variant() != 0 && (st & X_SEEN) == 0) {
      return false;
    }
    if (!s.typed()) {
      return !s.needWr() || (st & WR_SEEN) != 0;
    }
    boolean closingRw = labelGraph.rels[closingEdge] == Rels.RW;
    return switch (s.rw()) {
      case SINGLE -> !closingRw;
      case NONADJACENT -> (st & RW_TWO) != 0 && !closingRw;
      case MULTI -> (st & RW_TWO) != 0 && ((st & ADJ) != 0 || closingRw);
      case NONE -> true;
    };
  }

  // ---- where to start

  private int[] starts(Kind k, Tarjan sub) {
    CycleSpec s = k.spec;
    int[] comp = sub.comp;
    Csr g = s.typed() ? labelGraph : relGraph;
    if (s.typed() && s.rw() == CycleSpec.Rw.SINGLE) {
      return singleStarts(k, sub);
    }
    // per sub-component: has an rw edge (count), wr edge, variant edge inside
    int[] rwEdges = new int[sub.count];
    boolean[] hasWr = new boolean[sub.count];
    boolean[] hasX = new boolean[sub.count];
    for (int v = 0; v < m; v++) {
      for (int e = g.off[v]; e < g.off[v + 1]; e++) {
        int w = g.adj[e];
        int r = g.rels[e];
        if ((r & s.allowed()) == 0 || comp[v] != comp[w]) {
          continue;
        }
        int c = comp[v];
        if (s.typed() ? r == Rels.RW : false) {
          rwEdges[c]++;
        }
        if ((r & Rels.WR) != 0) {
          hasWr[c] = true;
        }
        if (s.variant() != 0 && (r & s.variant()) != 0) {
          hasX[c] = true;
        }
      }
    }
    budget.steps(g.edgeCount() + 1);
    TreeSet<Integer> out = new TreeSet<>();
    boolean[] taken = new boolean[sub.count];
    for (int v = 0; v < m; v++) {
      int c = comp[v];
      if (!sub.nontrivial(c) || (s.variant() != 0 && !hasX[c]) || (s.needWr() && !hasWr[c])) {
        continue;
      }
      if (k.rwKind() && rwEdges[c] < 2) {
        continue;
      }
      if (!k.rwKind() && !s.needWr() && s.variant() == 0) {
        if (!taken[c]) {
          taken[c] = true;
          out.add(v); // any vertex of a cyclic component starts a cycle: its first
        }
        continue;
      }
      for (int e = g.off[v]; e < g.off[v + 1]; e++) {
        int r = g.rels[e];
        if (comp[g.adj[e]] != c || (r & s.allowed()) == 0) {
          continue;
        }
        boolean starter = k.rwKind() ? r == Rels.RW : s.needWr() ? (r & Rels.WR) != 0 : (r & s.variant()) != 0;
        if (starter) {
          out.add(v);
          break;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Exactly one rw edge u -> v, closed by a path v ~> u without rw: the rw edges whose head
   * reaches their tail in the rest of the allowed subgraph, found 64 tails at a time over the
   * condensation of that subgraph.
   */
  private int[] singleStarts(Kind k, Tarjan sub) {
    CycleSpec s = k.spec;
    int rest = s.allowed() & ~Rels.RW;
    Tarjan t = Tarjan.of(labelGraph, rest, budget);
    int[] comp = t.comp;
    Csr.Builder cb = new Csr.Builder();
    for (int v = 0; v < m; v++) {
      for (int e = labelGraph.off[v]; e < labelGraph.off[v + 1]; e++) {
        int w = labelGraph.adj[e];
        if ((labelGraph.rels[e] & rest) != 0 && comp[v] != comp[w]) {
          cb.add(comp[v], comp[w], Rels.WW);
        }
      }
    }
    Csr cond = cb.build(t.count);
    // rw edges inside one component of the allowed subgraph
    IntArrayList tails = new IntArrayList();
    IntArrayList heads = new IntArrayList();
    for (int v = 0; v < m; v++) {
      for (int e = labelGraph.off[v]; e < labelGraph.off[v + 1]; e++) {
        if (labelGraph.rels[e] == Rels.RW && sub.comp[v] == sub.comp[labelGraph.adj[e]]) {
          tails.add(v);
          heads.add(labelGraph.adj[e]);
        }
      }
    }
    TreeSet<Integer> out = new TreeSet<>();
    LinkedHashSet<Integer> targets = new LinkedHashSet<>();
    for (int i = 0; i < tails.size(); i++) {
      int cu = comp[tails.getInt(i)];
      int cv = comp[heads.getInt(i)];
      if (cu == cv) {
        out.add(tails.getInt(i));
      } else if (cv > cu) {
        targets.add(cu); // reachable only "downhill": Tarjan numbers sinks first
      }
    }
    Integer[] targetList = targets.toArray(new Integer[0]);
    int[] bitOf = new int[t.count];
    long[] reach = new long[t.count];
    for (int from = 0; from < targetList.length; from += 64) {
      Arrays.fill(bitOf, -1);
      int to = Math.min(targetList.length, from + 64);
      for (int i = from; i < to; i++) {
        bitOf[targetList[i]] = i - from;
      }
      for (int c = 0; c < t.count; c++) {
        long r = bitOf[c] >= 0 ? 1L << bitOf[c] : 0L;
        for (int e = cond.off[c]; e < cond.off[c + 1]; e++) {
          r |= reach[cond.adj[e]];
        }
        reach[c] = r;
      }
      budget.steps(t.count + cond.edgeCount() + 1);
      for (int i = 0; i < tails.size(); i++) {
        int cu = comp[tails.getInt(i)];
        int cv = comp[heads.getInt(i)];
        if (cu != cv && bitOf[cu] >= 0 && (reach[cv] & (1L << bitOf[cu])) != 0) {
          out.add(tails.getInt(i));
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  // ---- breadth-first search from one transaction

  /**
   * The shortest closed walk of the kind through {@code s}, as a simple cycle (local
   * vertices, then the edge indices: length 2L). Null if there is no closed walk of the kind
   * through s; an empty array if there are some but none splits into a simple cycle of the
   * kind (the depth-first search then decides).
   */
  private int[] bfs(Kind k, Tarjan sub, int s) {
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(seen, 0);
      stamp = 1;
    }
    int q = k.q;
    int[] queue = new int[64];
    int head = 0;
    int tail = 0;
    int cs = sub.comp[s];
    boolean anyWalk = false;
    for (int e = labelGraph.off[s]; e < labelGraph.off[s + 1]; e++) {
      budget.step();
      int st = first(k, e);
      int w = labelGraph.adj[e];
      if (st < 0 || sub.comp[w] != cs) {
        continue;
      }
      int node = w * q + k.compact[st];
      if (seen[node] != stamp) {
        seen[node] = stamp;
        parent[node] = -1;
        parentEdge[node] = e;
        if (tail == queue.length) {
          queue = Arrays.copyOf(queue, tail * 2);
        }
        queue[tail++] = node;
      }
    }
    while (head < tail) {
      int node = queue[head++];
      int v = node / q;
      int st = k.expand[node % q];
      for (int e = labelGraph.off[v]; e < labelGraph.off[v + 1]; e++) {
        budget.step();
        int st2 = next(k, st, e);
        if (st2 < 0) {
          continue;
        }
        int w = labelGraph.adj[e];
        if (w == s) {
          if (accepts(k, st2, e)) {
            anyWalk = true;
            int[] cycle = simple(k, walk(node, e, s, q));
            if (cycle != null) {
              return cycle;
            }
          }
          continue;
        }
        if (sub.comp[w] != cs) {
          continue;
        }
        int n2 = w * q + k.compact[st2];
        if (seen[n2] != stamp) {
          seen[n2] = stamp;
          parent[n2] = node;
          parentEdge[n2] = e;
          if (tail == queue.length) {
            queue = Arrays.copyOf(queue, tail * 2);
          }
          queue[tail++] = n2;
        }
      }
    }
    return anyWalk ? new int[0] : null;
  }

  /** The edges of the walk s -> ... -> node's vertex -> s. */
  private int[] walk(int node, int closing, int s, int q) {
    IntArrayList edges = new IntArrayList();
    edges.add(closing);
    int x = node;
    while (x >= 0) {
      edges.add(parentEdge[x]);
      x = parent[x];
    }
    int[] out = new int[edges.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = edges.getInt(out.length - 1 - i);
    }
    return out;
  }

  /** Splits a closed walk (edge indices) into simple cycles until one is of the kind; null if none. */
  private int[] simple(Kind k, int[] walkEdges) {
    if (pos == null) {
      pos = new int[m];
      posStamp = new int[m];
    }
    List<int[]> todo = new ArrayList<>();
    todo.add(walkEdges);
    while (!todo.isEmpty()) {
      int[] w = todo.remove(todo.size() - 1);
      int len = w.length;
      int[] verts = new int[len];
      for (int i = 0; i < len; i++) {
        verts[i] = tailOf(w[i]);
      }
      int ri = -1;
      int rj = -1;
      posNow++;
      for (int j = 0; j < len; j++) {
        int v = verts[j];
        if (posStamp[v] == posNow) {
          ri = pos[v];
          rj = j;
          break;
        }
        posStamp[v] = posNow;
        pos[v] = j;
      }
      if (ri < 0) {
        if (valid(k, w)) {
          return cycleOf(k, w);
        }
        continue;
      }
      int[] a = Arrays.copyOfRange(w, ri, rj);
      int[] b = new int[len - (rj - ri)];
      System.arraycopy(w, rj, b, 0, len - rj);
      System.arraycopy(w, 0, b, len - rj, ri);
      if (valid(k, a)) {
        todo.add(a);
      }
      if (valid(k, b)) {
        todo.add(b);
      }
    }
    return null;
  }

  private int tailOf(int e) {
    // edges are stored by tail: find v with off[v] <= e < off[v+1]
    int lo = 0;
    int hi = m;
    int[] off = labelGraph.off;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (off[mid + 1] <= e) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Whether a cyclic sequence of edges is of the kind (its rotation may start anywhere). */
  private boolean valid(Kind k, int[] edges) {
    CycleSpec s = k.spec;
    int len = edges.length;
    if (len < 2) {
      return false;
    }
    if (!s.typed()) {
      boolean wr = false;
      boolean x = false;
      for (int e : edges) {
        int r = relGraph.rels[e];
        if ((r & s.allowed()) == 0) {
          return false;
        }
        wr |= (r & Rels.WR) != 0;
        x |= s.variant() != 0 && (r & s.variant()) != 0;
      }
      return (!s.needWr() || wr) && (s.variant() == 0 || x);
    }
    int[] labels = new int[len];
    for (int i = 0; i < len; i++) {
      labels[i] = labelGraph.rels[edges[i]];
      if ((labels[i] & s.allowed()) == 0) {
        return false;
      }
    }
    return CycleSpec.classify(labels).equals(s.name());
  }

  /** A simple cycle as [vertices..., edges...], rotated to start with an rw edge for rw kinds. */
  private int[] cycleOf(Kind k, int[] edges) {
    int len = edges.length;
    int start = 0;
    if (k.rwKind()) {
      for (int i = 0; i < len; i++) {
        if (labelGraph.rels[edges[i]] == Rels.RW) {
          start = i;
          break;
        }
      }
    }
    int[] out = new int[2 * len];
    for (int i = 0; i < len; i++) {
      int e = edges[(start + i) % len];
      out[i] = tailOf(e);
      out[len + i] = e;
    }
    return out;
  }

  // ---- depth-first search of simple paths: exhaustive, budgeted

  private int[] dfs(Kind k, Tarjan sub, int s) {
    int cs = sub.comp[s];
    boolean[] onPath = new boolean[m];
    int[] pathV = new int[m + 1];
    int[] pathSt = new int[m + 1];
    int[] pathEdge = new int[m + 1]; // edge taken into pathV[i]
    int[] cursor = new int[m + 1];
    int depth = 0;
    pathV[0] = s;
    pathSt[0] = 0;
    cursor[0] = labelGraph.off[s];
    onPath[s] = true;
    while (depth >= 0) {
      int v = pathV[depth];
      int e = cursor[depth];
      if (e >= labelGraph.off[v + 1]) {
        onPath[v] = false;
        depth--;
        continue;
      }
      cursor[depth] = e + 1;
      budget.step();
      int st2 = depth == 0 ? first(k, e) : next(k, pathSt[depth], e);
      if (st2 < 0) {
        continue;
      }
      int w = labelGraph.adj[e];
      if (w == s) {
        if (depth > 0 && accepts(k, st2, e)) {
          int[] edges = new int[depth + 1];
          for (int i = 1; i <= depth; i++) {
            edges[i - 1] = pathEdge[i];
          }
          edges[depth] = e;
          if (valid(k, edges)) {
            return cycleOf(k, edges);
          }
        }
        continue;
      }
      if (onPath[w] || sub.comp[w] != cs) {
        continue;
      }
      depth++;
      pathV[depth] = w;
      pathSt[depth] = st2;
      pathEdge[depth] = e;
      cursor[depth] = labelGraph.off[w];
      onPath[w] = true;
    }
    return null;
  }
}
