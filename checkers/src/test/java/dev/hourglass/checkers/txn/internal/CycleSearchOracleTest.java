package dev.hourglass.checkers.txn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cycle search against brute force: on thousands of small random graphs whose edges carry
 * random sets of relations, for every kind, the search finds a cycle exactly when enumerating
 * every simple cycle finds one, and what it returns is a simple cycle of that kind.
 */
class CycleSearchOracleTest {
  private static final int[] ONE = {Rels.WW, Rels.WR, Rels.RW};

  @Test
  @DisplayName("every kind: found by the search if and only if some simple cycle is of that kind")
  void matchesBruteForce() {
    SplittableRandom random = new SplittableRandom(20240601);
    List<String> kinds = CycleSearch.searchOrder();
    int graphs = 4000;
    int[] found = new int[kinds.size()];
    long before = KindSearch.DEPTH_FIRST_SEARCHES.get();
    for (int g = 0; g < graphs; g++) {
      int n = 2 + random.nextInt(6);
      int x = random.nextBoolean() ? Rels.REALTIME : Rels.PROCESS;
      boolean wrFirst = random.nextBoolean();
      double p = 0.2 + random.nextDouble() * 0.5;
      int[][] rels = new int[n][n];
      Csr.Builder b = new Csr.Builder();
      for (int u = 0; u < n; u++) {
        for (int v = 0; v < n; v++) {
          if (u != v && random.nextDouble() < p) {
            int r = 0;
            while (r == 0) {
              for (int one : ONE) {
                if (random.nextInt(3) == 0) {
                  r |= one;
                }
              }
              if (u < v && random.nextInt(4) == 0) {
                r |= x; // real-time and process order point forward: never a cycle of their own
              }
            }
            rels[u][v] = r;
            b.add(u, v, r);
          }
        }
      }
      Csr graph = b.build(n);
      List<int[]> cycles = simpleCycles(rels);
      for (int k = 0; k < kinds.size(); k++) {
        String kind = kinds.get(k);
        boolean expected = exists(kind, cycles, rels, wrFirst);
        int[] labels = CycleSearch.findKind(graph, wrFirst, kind, Long.MAX_VALUE);
        assertEquals(expected, labels != null, "graph " + g + " kind " + kind + " " + describe(rels));
        if (labels != null) {
          found[k]++;
          if (!kind.startsWith("G0") && !kind.startsWith("G1c")) {
            assertEquals(kind, CycleSpec.classify(labels), "graph " + g + " " + describe(rels));
          }
        }
      }
    }
    // Dense random graphs also exercise the exhaustive fallback (walks that split into no simple
    // cycle of their kind), not only the breadth-first search.
    assertTrue(KindSearch.DEPTH_FIRST_SEARCHES.get() > before, "the depth-first fallback never ran");
    for (int k = 0; k < kinds.size(); k++) {
      // the random graphs exercise every kind, not just the easy ones
      assertNotNull(found[k] > 0 ? kinds.get(k) : null, kinds.get(k) + " was never present");
    }
  }

  private static boolean exists(String kind, List<int[]> cycles, int[][] rels, boolean wrFirst) {
    boolean typed = !kind.startsWith("G0") && !kind.startsWith("G1c");
    int variant = kind.endsWith("-realtime") ? Rels.REALTIME : kind.endsWith("-process") ? Rels.PROCESS : 0;
    int allowed = (kind.startsWith("G0") ? Rels.WW : Rels.WW | Rels.WR) | variant;
    boolean needWr = kind.startsWith("G1c");
    for (int[] c : cycles) {
      int len = c.length;
      if (typed) {
        int[] labels = new int[len];
        for (int i = 0; i < len; i++) {
          labels[i] = Rels.label(rels[c[i]][c[(i + 1) % len]], wrFirst);
        }
        if (CycleSpec.classify(labels).equals(kind)) {
          return true;
        }
        continue;
      }
      boolean ok = true;
      boolean wr = false;
      boolean x = false;
      for (int i = 0; i < len && ok; i++) {
        int r = rels[c[i]][c[(i + 1) % len]];
        ok = (r & allowed) != 0;
        wr |= (r & Rels.WR) != 0;
        x |= (r & variant) != 0;
      }
      if (ok && (!needWr || wr) && (variant == 0 || x)) {
        return true;
      }
    }
    return false;
  }

  /** Every simple cycle, once, starting at its smallest vertex. */
  private static List<int[]> simpleCycles(int[][] rels) {
    int n = rels.length;
    List<int[]> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      extend(rels, s, new ArrayList<>(List.of(s)), new boolean[n], out);
    }
    return out;
  }

  private static void extend(int[][] rels, int s, List<Integer> path, boolean[] on, List<int[]> out) {
    int v = path.get(path.size() - 1);
    on[v] = true;
    for (int w = 0; w < rels.length; w++) {
      if (rels[v][w] == 0) {
        continue;
      }
      if (w == s) {
        out.add(path.stream().mapToInt(Integer::intValue).toArray());
      } else if (w > s && !on[w]) {
        path.add(w);
        extend(rels, s, path, on, out);
        path.remove(path.size() - 1);
      }
    }
    on[v] = false;
  }

  private static String describe(int[][] rels) {
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < rels.length; u++) {
      for (int v = 0; v < rels.length; v++) {
        if (rels[u][v] != 0) {
          sb.append(u).append("->").append(v).append(' ').append(Rels.describe(rels[u][v])).append("; ");
        }
      }
    }
    return sb.toString();
  }
}
