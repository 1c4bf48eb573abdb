package dev.hourglass.checkers.txn.internal;

import java.util.Arrays;

/**
 * Strongly connected components, Tarjan's algorithm without recursion (an explicit call stack),
 * so a chain of a million transactions does not overflow the thread's stack.
 *
 * <p>The successors of v are its {@link Csr} edges whose relations intersect {@code relMask},
 * then, when {@code rangeLo} is given, the vertices {@code rangeLo[v] .. rangeHi[v]-1} for which
 * {@code rangeTarget[w]} is true — how real-time order is walked without materialising its
 * edges (everything invoked in a window after v completed).
 *
 * <p>Components are numbered in the order Tarjan closes them, which is a reverse topological
 * order of the condensation: every edge between components goes from a higher number to a
 * lower one.
 */
public final class Tarjan {
  /** Component of each vertex. */
  public final int[] comp;
  /** Number of vertices in each component. */
  public final int[] size;
  public final int count;

  private Tarjan(int[] comp, int[] size, int count) {
    this.comp = comp;
    this.size = size;
    this.count = count;
  }

  public boolean nontrivial(int c) {
    return size[c] > 1;
  }

  public static Tarjan of(Csr g, int relMask, Budget budget) {
    return of(g, relMask, null, null, null, budget);
  }

  public static Tarjan of(Csr g, int relMask, int[] rangeLo, int[] rangeHi, boolean[] rangeTarget, Budget budget) {
    int n = g.n;
    int[] off = g.off;
    int[] adj = g.adj;
    byte[] rels = g.rels;
    int[] index = new int[n];
    Arrays.fill(index, -1);
    int[] low = new int[n];
    int[] comp = new int[n];
    boolean[] onStack = new boolean[n];
    int[] stack = new int[Math.max(16, Math.min(n, 1 << 16))];
    int sp = 0;
    int[] callV = new int[Math.max(16, Math.min(n, 1 << 16))];
    int[] callCursor = new int[callV.length];
    int csp = 0;
    int counter = 0;
    int compCount = 0;
    int[] sizes = new int[16];
    for (int root = 0; root < n; root++) {
      if (index[root] >= 0) {
        continue;
      }
      // push root
      index[root] = low[root] = counter++;
      if (sp == stack.length) {
        stack = Arrays.copyOf(stack, sp * 2);
      }
      stack[sp++] = root;
      onStack[root] = true;
      callV[0] = root;
      callCursor[0] = off[root];
      csp = 1;
      while (csp > 0) {
        int v = callV[csp - 1];
        int c = callCursor[csp - 1];
        int end = off[v + 1];
        int w = -1;
        // next successor
        while (true) {
          if (c < end) {
            int e = c++;
            if ((rels[e] & relMask) != 0) {
              w = adj[e];
              break;
            }
          } else if (rangeLo != null) {
            int r = rangeLo[v] + (c - end);
            if (r < rangeHi[v]) {
              c++;
              if (rangeTarget[r]) {
                w = r;
                break;
              }
            } else {
              break;
            }
          } else {
            break;
          }
        }
        callCursor[csp - 1] = c;
        if (budget != null) {
          budget.step();
        }
        if (w >= 0) {
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            if (sp == stack.length) {
              stack = Arrays.copyOf(stack, sp * 2);
            }
            stack[sp++] = w;
            onStack[w] = true;
            if (csp == callV.length) {
              callV = Arrays.copyOf(callV, csp * 2);
              callCursor = Arrays.copyOf(callCursor, csp * 2);
            }
            callV[csp] = w;
            callCursor[csp] = off[w];
            csp++;
          } else if (onStack[w] && index[w] < low[v]) {
            low[v] = index[w];
          }
          continue;
        }
        // v is done
        csp--;
        if (low[v] == index[v]) {
          int s = 0;
          int x;
          do {
            x = stack[--sp];
            onStack[x] = false;
            comp[x] = compCount;
            s++;
          } while (x != v);
          if (compCount == sizes.length) {
            sizes = Arrays.copyOf(sizes, compCount * 2);
          }
          sizes[compCount++] = s;
        }
        if (csp > 0) {
          int u = callV[csp - 1];
          if (low[v] < low[u]) {
            low[u] = low[v];
          }
        }
      }
    }
    return new Tarjan(comp, Arrays.copyOf(sizes, compCount), compCount);
  }
}
