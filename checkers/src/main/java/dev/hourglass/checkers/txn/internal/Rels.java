package dev.hourglass.checkers.txn.internal;

/**
 * Dependency relations between transactions, as bits, so an edge carries the set of relations
 * that hold between its two transactions.
 *
 * <ul>
 *   <li>{@code ww}: both wrote a key, and the first's version comes right before the second's.
 *   <li>{@code wr}: the second read what the first wrote.
 *   <li>{@code rw} (anti-dependency): the first read a version, the second wrote the next one.
 *   <li>{@code realtime}: the first completed (ok) before the second was invoked.
 *   <li>{@code process}: one process performed the first, then the second (both ok).
 * </ul>
 *
 * <p>When several relations hold between two transactions, the cycle's explanation — and so
 * the anomaly's name — uses one of them, as Elle's explainers do: data dependencies before
 * real-time and process order, and among those the workload's order (list-append: ww, wr, rw;
 * rw-register: wr, ww, rw).
 */
public final class Rels {
  private Rels() {}

  public static final int WW = 1;
  public static final int WR = 2;
  public static final int RW = 4;
  public static final int REALTIME = 8;
  public static final int PROCESS = 16;

  public static final int DATA = WW | WR | RW;

  public static String name(int rel) {
    return switch (rel) {
      case WW -> "ww";
      case WR -> "wr";
      case RW -> "rw";
      case REALTIME -> "realtime";
      case PROCESS -> "process";
      default -> throw new IllegalArgumentException("not a single relation: rels=" + rel);
    };
  }

  /** The relation that explains an edge with relations {@code rels}. */
  public static int label(int rels, boolean wrFirst) {
    if (wrFirst) {
      if ((rels & WR) != 0) {
        return WR;
      }
      if ((rels & WW) != 0) {
        return WW;
      }
    } else {
      if ((rels & WW) != 0) {
        return WW;
      }
      if ((rels & WR) != 0) {
        return WR;
      }
    }
    if ((rels & RW) != 0) {
      return RW;
    }
    if ((rels & REALTIME) != 0) {
      return REALTIME;
    }
    if ((rels & PROCESS) != 0) {
      return PROCESS;
    }
    throw new IllegalArgumentException("an edge without relations");
  }

  /** {@code ww ∪ wr ∪ realtime}-style text of a set. */
  public static String describe(int rels) {
    StringBuilder sb = new StringBuilder();
    for (int r = 1; r <= PROCESS; r <<= 1) {
      if ((rels & r) != 0) {
        if (sb.length() > 0) {
          sb.append(" ∪ ");
        }
        sb.append(name(r));
      }
    }
    return sb.toString();
  }
}
