package dev.hourglass.checkers.txn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A kind of dependency cycle to search for, as Elle specifies them, and the classification of
 * a cycle by its edges.
 *
 * <p>Classification ({@link #classify}) counts the relation that explains each edge: one rw edge
 * is G-single-item; two or more, with two of them adjacent (around the cycle), G2-item; two or
 * more, none adjacent, G-nonadjacent-item; no rw but a wr, G1c; only ww, G0. Any real-time edge
 * adds {@code -realtime}, else any process edge {@code -process}.
 *
 * <p>Searches: G0 and G1c (and their variants) look for a cycle over edges that <i>have</i> the
 * allowed relations (ww; ww or wr with at least one wr) and the cycle is then named by its
 * explanation, as Elle does; the rw kinds look for a cycle whose explanation is exactly that
 * kind. The predicate kinds (G-single, G-nonadjacent, G2 without {@code -item}) need predicate
 * reads, which neither workload has, so they are never searched.
 */
public record CycleSpec(String name, int allowed, boolean typed, Rw rw, boolean needWr, int variant) {

  /** How rw edges may appear. */
  public enum Rw {
    /** none */
    NONE,
    /** exactly one */
    SINGLE,
    /** two or more, no two adjacent */
    NONADJACENT,
    /** two or more, two of them adjacent */
    MULTI
  }

  /** Every searchable kind, base kinds then their process and real-time variants. */
  public static List<CycleSpec> all() {
    List<CycleSpec> base = List.of(
        new CycleSpec("G0", Rels.WW, false, Rw.NONE, false, 0),
        new CycleSpec("G1c", Rels.WW | Rels.WR, false, Rw.NONE, true, 0),
        new CycleSpec("G-single-item", Rels.DATA, true, Rw.SINGLE, false, 0),
        new CycleSpec("G-nonadjacent-item", Rels.DATA, true, Rw.NONADJACENT, false, 0),
        new CycleSpec("G2-item", Rels.DATA, true, Rw.MULTI, false, 0));
    List<CycleSpec> out = new ArrayList<>(base);
    for (CycleSpec s : base) {
      out.add(s.variant(Rels.PROCESS));
      out.add(s.variant(Rels.REALTIME));
    }
    return out;
  }

  /** The names of every cycle anomaly Elle can report, predicate kinds included. */
  public static Set<String> cycleTypes() {
    Set<String> out = new TreeSet<>();
    for (String b : List.of("G0", "G1c", "G-single-item", "G-single", "G-nonadjacent-item", "G-nonadjacent", "G2-item", "G2")) {
      out.add(b);
      out.add(b + "-process");
      out.add(b + "-realtime");
    }
    return out;
  }

  private CycleSpec variant(int rel) {
    return new CycleSpec(name + (rel == Rels.REALTIME ? "-realtime" : "-process"), allowed | rel, typed, rw, needWr, rel);
  }

  /**
   * Elle's name for a cycle whose edges are explained by {@code labels} (one relation each, in
   * order around the cycle).
   */
  public static String classify(int[] labels) {
    int rw = 0;
    int wr = 0;
    int ww = 0;
    int rt = 0;
    int pr = 0;
    boolean adjacent = false;
    int len = labels.length;
    for (int i = 0; i < len; i++) {
      switch (labels[i]) {
        case Rels.RW -> rw++;
        case Rels.WR -> wr++;
        case Rels.WW -> ww++;
        case Rels.REALTIME -> rt++;
        case Rels.PROCESS -> pr++;
        default -> throw new IllegalArgumentException("not a label: " + labels[i]);
      }
      if (labels[i] == Rels.RW && labels[(i + 1) % len] == Rels.RW) {
        adjacent = true;
      }
    }
    String base;
    if (rw == 1) {
      base = "G-single-item";
    } else if (rw > 1) {
      base = adjacent ? "G2-item" : "G-nonadjacent-item";
    } else if (wr > 0) {
      base = "G1c";
    } else if (ww > 0) {
      base = "G0";
    } else {
      throw new IllegalStateException("a cycle of only real-time or process edges: " + rt + " realtime, " + pr + " process");
    }
    return base + (rt > 0 ? "-realtime" : pr > 0 ? "-process" : "");
  }

  /** A one-line description of a cycle anomaly type. */
  public static String summary(String type) {
    String base = type.replace("-realtime", "").replace("-process", "");
    String what = switch (base) {
      case "G0" -> "a cycle of write-write dependencies (write cycle)";
      case "G1c" -> "a cycle of write-write and write-read dependencies (circular information flow)";
      case "G-single-item" -> "a dependency cycle with exactly one anti-dependency, rw (read skew)";
      case "G-nonadjacent-item" -> "a dependency cycle with two or more anti-dependencies, no two of them adjacent";
      case "G2-item" -> "a dependency cycle with two or more anti-dependencies (anti-dependency cycle)";
      default -> "a dependency cycle";
    };
    if (type.endsWith("-realtime")) {
      return what + ", closed by real-time order";
    }
    if (type.endsWith("-process")) {
      return what + ", closed by process order";
    }
    return what;
  }
}
