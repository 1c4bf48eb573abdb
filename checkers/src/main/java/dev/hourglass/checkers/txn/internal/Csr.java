package dev.hourglass.checkers.txn.internal;

import java.util.Arrays;

/**
 * A directed graph over int vertices 0..n-1 in compressed sparse rows: the successors of v are
 * {@code adj[off[v] .. off[v+1]-1]}, sorted, each with its set of {@link Rels relations} in
 * {@code rels}. No per-edge objects: a million-transaction dependency graph is a few arrays.
 */
public final class Csr {
  public final int n;
  public final int[] off;
  public final int[] adj;
  public final byte[] rels;

  Csr(int n, int[] off, int[] adj, byte[] rels) {
    this.n = n;
    this.off = off;
    this.adj = adj;
    this.rels = rels;
  }

  public int edgeCount() {
    return off[n];
  }

  /** The relations of the edge a -> b, or 0 if there is none. */
  public int rels(int a, int b) {
    int i = Arrays.binarySearch(adj, off[a], off[a + 1], b);
    return i >= 0 ? rels[i] : 0;
  }

  /** Collects edges (duplicates allowed: their relations are merged). */
  public static final class Builder {
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private byte[] rel = new byte[1024];
    private int size;

    public void add(int a, int b, int rels) {
      if (a == b) {
        throw new IllegalStateException("self-edge on vertex " + a);
      }
      if (size == from.length) {
        int c = size + (size >> 1);
        from = Arrays.copyOf(from, c);
        to = Arrays.copyOf(to, c);
        rel = Arrays.copyOf(rel, c);
      }
      from[size] = a;
      to[size] = b;
      rel[size] = (byte) rels;
      size++;
    }

    public int size() {
      return size;
    }

    /** The graph over vertices 0..n-1; the builder is spent. */
    public Csr build(int n) {
      int[] off = new int[n + 1];
      for (int i = 0; i < size; i++) {
        off[from[i] + 1]++;
      }
      for (int v = 0; v < n; v++) {
        off[v + 1] += off[v];
      }
      long[] packed = new long[size];
      int[] fill = Arrays.copyOf(off, n);
      for (int i = 0; i < size; i++) {
        packed[fill[from[i]]++] = ((long) to[i] << 8) | (rel[i] & 0xff);
      }
      from = null;
      to = null;
      rel = null;
      int[] adj = new int[size];
      byte[] rels = new byte[size];
      int out = 0;
      int[] newOff = new int[n + 1];
      for (int v = 0; v < n; v++) {
        int a = off[v];
        int b = off[v + 1];
        if (b - a > 1) {
          Arrays.sort(packed, a, b);
        }
        newOff[v] = out;
        for (int i = a; i < b; i++) {
          int target = (int) (packed[i] >>> 8);
          byte r = (byte) packed[i];
          if (out > newOff[v] && adj[out - 1] == target) {
            rels[out - 1] |= r;
          } else {
            adj[out] = target;
            rels[out] = r;
            out++;
          }
        }
      }
      newOff[n] = out;
      return new Csr(n, newOff, out == size ? adj : Arrays.copyOf(adj, out), out == size ? rels : Arrays.copyOf(rels, out));
    }
  }
}
