package dev.hourglass.checkers.invariants;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import java.util.Random;

/**
 * Histories of a correct (linearizable) implementation, for property tests: processes invoke
 * operations in a random interleaving; each operation takes effect atomically at a random point
 * between its invocation and completion (that is, on the model, in the order the points fall), or
 * fails without effect, or ends {@code info} — with or without having taken effect — or never
 * completes.
 */
final class Gen {
  private Gen() {}

  /** What the next operation of a process is. */
  interface Workload {
    /** {f, value}. */
    Object[] next(Random random);
  }

  /** The system: applies an operation at its linearization point and returns the completion's value. */
  interface Model {
    Object apply(String f, Object value);

    /** An operation that took effect ended info: its client never saw {@code result}. */
    default void unacknowledged(String f, Object value, Object result) {}
  }

  record Settings(int processes, int operations, double failP, double infoP) {}

  private static final int IDLE = 0;
  private static final int INVOKED = 1;
  private static final int APPLIED = 2;

  static History.Builder run(long seed, Settings s, Workload workload, Model model) {
    Random random = new Random(seed);
    History.Builder b = History.builder("<generated seed " + seed + ">");
    int[] state = new int[s.processes()];
    String[] f = new String[s.processes()];
    Object[] value = new Object[s.processes()];
    Object[] result = new Object[s.processes()];
    int invoked = 0;
    while (true) {
      boolean busy = false;
      for (int st : state) {
        busy |= st != IDLE;
      }
      if (!busy && invoked == s.operations()) {
        break;
      }
      int p = random.nextInt(s.processes());
      switch (state[p]) {
        case IDLE -> {
          if (invoked == s.operations()) {
            continue;
          }
          Object[] op = workload.next(random);
          f[p] = (String) op[0];
          value[p] = op[1];
          invoked++;
          b.add(p, OpType.INVOKE, f[p], value[p]);
          state[p] = INVOKED;
        }
        case INVOKED -> {
          double x = random.nextDouble();
          if (x < s.failP()) {
            b.add(p, OpType.FAIL, f[p], value[p]);
            state[p] = IDLE;
          } else if (x < s.failP() + s.infoP() / 2) {
            b.add(p, OpType.INFO, f[p], value[p]); // never took effect
            state[p] = IDLE;
          } else {
            result[p] = model.apply(f[p], value[p]);
            state[p] = APPLIED;
          }
        }
        default -> {
          if (random.nextDouble() < s.infoP() / 2) {
            b.add(p, OpType.INFO, f[p], value[p]); // took effect, but the client does not know
            model.unacknowledged(f[p], value[p], result[p]);
          } else {
            b.add(p, OpType.OK, f[p], result[p]);
          }
          state[p] = IDLE;
        }
      }
    }
    return b;
  }

  /** Appends an operation of a fresh process that takes effect at once and completes ok. */
  static void finalOp(History.Builder b, int process, String f, Object value, Model model) {
    b.add(process, OpType.INVOKE, f, value);
    b.add(process, OpType.OK, f, model.apply(f, value));
  }
}
