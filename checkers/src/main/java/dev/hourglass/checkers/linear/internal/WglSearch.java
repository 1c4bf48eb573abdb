package dev.hourglass.checkers.linear.internal;

import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.linear.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wing–Gong–Lowe search for one partition, with memoisation of (linearized set, state).
 *
 * <p>The history is a doubly linked list of call and return events in real-time order. Walking
 * it from the head, a call may be linearized now if its operation is legal in the current state
 * and the resulting configuration is new: the operation's events are lifted out of the list and
 * the walk restarts. Reaching a return whose operation is not yet linearized means the current
 * prefix cannot be extended: undo the last choice and try the next call after it. When no
 * return is left, every determinate operation has a place: the history is linearizable.
 *
 * <p>Two departures from the textbook, both defended here:
 *
 * <ul>
 *   <li>Indeterminate ({@code info}) operations have no return event: they may be linearized at
 *       any point after their invocation, or never. Success needs only the determinate ones.
 *   <li>Symmetry: identical indeterminate operations (same function and value) are linearized
 *       in invocation order. If a linearization uses k of them at points p1 < … < pk, then at
 *       least i of the group were invoked before pi, so the i-th earliest-invoked one can take
 *       pi: giving them out in invocation order loses no linearization, and it removes the k!
 *       equivalent orders the plain search would memoise separately.
 * </ul>
 */
public final class WglSearch<S, I> {
  private static final int HEAD = 0;
  private static final int CHECK_EVERY = 1 << 12;

  /** What one partition's search found. */
  public record Outcome(
      Status status,
      long configurations,
      List<Operation> longestPrefix,
      List<Operation> unplaceable,
      List<String> candidateStates) {}

  /** Result of one partition. */
  public enum Status {
    LINEARIZABLE,
    NOT_LINEARIZABLE,
    STOPPED
  }

  private final Model<S, I> model;
  private final List<Operation> ops;
  private final List<I> inputs;
  private final S initial;
  private final Budget budget;

  public WglSearch(Model<S, I> model, List<Operation> ops, List<I> inputs, S initial, Budget budget) {
    this.model = model;
    this.ops = ops;
    this.inputs = inputs;
    this.initial = initial;
    this.budget = budget;
  }

  @SuppressWarnings("unchecked")
  public Outcome run() {
    int n = ops.size();
    if (n >= 1 << 24) {
      throw new IllegalArgumentException("a partition may hold at most 16,777,215 operations: operations=" + n);
    }
    // Events: a call per operation, a return per determinate one, in history order.
    long[] keys = new long[2 * n];
    int events = 0;
    int determinate = 0;
    for (int k = 0; k < n; k++) {
      Operation op = ops.get(k);
      keys[events++] = (op.invokeIndex() * 2) << 24 | k;
      if (op.completion() == OpType.OK) {
        keys[events++] = (op.completeIndex() * 2 + 1) << 24 | k;
        determinate++;
      }
    }
    keys = Arrays.copyOf(keys, events);
    Arrays.sort(keys);
    int nodes = events + 1;
    int[] next = new int[nodes + 1];
    int[] prev = new int[nodes + 1];
    int[] nodeOp = new int[nodes + 1];
    boolean[] isCall = new boolean[nodes + 1];
    int[] callNode = new int[n];
    int[] returnNode = new int[n];
    Arrays.fill(returnNode, -1);
    for (int e = 0; e < events; e++) {
      int node = e + 1;
      int k = (int) (keys[e] & 0xFFFFFF);
      boolean call = ((keys[e] >>> 24) & 1) == 0;
      nodeOp[node] = k;
      isCall[node] = call;
      if (call) {
        callNode[k] = node;
      } else {
        returnNode[k] = node;
      }
    }
    int end = nodes; // sentinel past the last node
    for (int node = 0; node < nodes; node++) {
      next[node] = node + 1;
      prev[node + 1] = node;
    }
    next[end] = end;

    // Identical indeterminate operations go in invocation order (see class comment).
    int[] symPrev = new int[n];
    Arrays.fill(symPrev, -1);
    Map<List<Object>, Integer> lastOfGroup = new HashMap<>();
    for (int k = 0; k < n; k++) {
      Operation op = ops.get(k);
      if (op.completion() != OpType.OK) {
        List<Object> identity = Arrays.asList(op.function(), op.value());
        Integer previous = lastOfGroup.put(identity, k);
        symPrev[k] = previous == null ? -1 : previous;
      }
    }

    long[] zobrist = new long[n];
    long z = 0x2545F4914F6CDD1DL;
    for (int k = 0; k < n; k++) {
      z += 0x9E3779B97F4A7C15L;
      long x = z;
      x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
      x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
      zobrist[k] = x ^ (x >>> 31);
    }

    int words = Math.max(1, (n + 63) >>> 6);
    long[] bits = new long[words];
    ConfigCache cache = new ConfigCache(words, budget);
    int[] stackNode = new int[n];
    Object[] stackState = new Object[n];
    int depth = 0;
    int placedDeterminate = 0;
    long setHash = 0;
    S state = initial;
    I[] in = (I[]) inputs.toArray();

    int bestDepth = -1;
    List<Operation> bestPrefix = List.of();
    List<Operation> stuck = new ArrayList<>();
    List<String> stuckStates = new ArrayList<>();

    boolean[] readOnly = new boolean[n];
    for (int k = 0; k < n; k++) {
      readOnly[k] = model.isReadOnly(in[k]);
    }
    boolean[] forced = new boolean[n + 1];

    int node = next[HEAD];
    long steps = 0;
    while (true) {
      if (placedDeterminate == determinate) {
        return new Outcome(Status.LINEARIZABLE, cache.size(), List.of(), List.of(), List.of());
      }
      if ((++steps & (CHECK_EVERY - 1)) == 0 && budget.expired()) {
        return new Outcome(Status.STOPPED, cache.size(), bestPrefix, stuck, stuckStates);
      }
      if (node == end) {
        // Unreachable: an unplaced determinate operation's return is still in the list, and a
        // walk never passes a return.
        throw new IllegalStateException(
            "search walked past every return: placed=" + placedDeterminate + " determinate=" + determinate);
      }
      boolean fail;
      if (isCall[node]) {
        int k = nodeOp[node];
        int sym = symPrev[k];
        if (sym >= 0 && (bits[sym >>> 6] & (1L << sym)) == 0) {
          node = next[node];
          continue;
        }
        S after = model.step(state, in[k]);
        if (after == null) {
          node = next[node];
          continue;
        }
        bits[k >>> 6] |= 1L << k;
        long h = setHash ^ zobrist[k];
        if (cache.add(h ^ after.hashCode() * 0xC2B2AE3D27D4EB4FL, bits, after)) {
          stackNode[depth] = node;
          stackState[depth] = state;
          // A legal read-only operation that can be linearized now may as well be: any
          // linearization that places it later still works with it here (it changes no state,
          // and everything that had to precede it is already placed). So this choice is forced,
          // and backtracking past it skips the alternatives at this point.
          forced[depth] = readOnly[k];
          depth++;
          setHash = h;
          state = after;
          if (returnNode[k] >= 0) {
            placedDeterminate++;
            unlink(returnNode[k], next, prev);
          }
          unlink(node, next, prev);
          node = next[HEAD];
          continue;
        }
        bits[k >>> 6] &= ~(1L << k);
        if (budget.stopReason() != null) {
          return new Outcome(Status.STOPPED, cache.size(), bestPrefix, stuck, stuckStates);
        }
        // Seen before, so it failed then. For a read-only operation that means the current
        // configuration fails too (see above); otherwise try the next call.
        fail = readOnly[k];
        if (!fail) {
          node = next[node];
          continue;
        }
      } else {
        fail = true;
      }
      // A return of an operation not yet linearized (or a forced move known to fail): this
      // configuration cannot be extended.
      if (depth > bestDepth) {
        bestDepth = depth;
        List<Operation> prefix = new ArrayList<>(depth);
        for (int d = 0; d < depth; d++) {
          prefix.add(ops.get(nodeOp[stackNode[d]]));
        }
        bestPrefix = prefix;
        stuck.clear();
        stuckStates.clear();
      }
      if (depth == bestDepth && !isCall[node]) {
        Operation blocked = ops.get(nodeOp[node]);
        if (stuck.size() < 8 && !stuck.contains(blocked)) {
          stuck.add(blocked);
        }
        String shown = model.describe(state);
        if (stuckStates.size() < 8 && !stuckStates.contains(shown)) {
          stuckStates.add(shown);
        }
      }
      int call;
      boolean wasForced;
      do {
        if (depth == 0) {
          return new Outcome(Status.NOT_LINEARIZABLE, cache.size(), bestPrefix, stuck, stuckStates);
        }
        depth--;
        call = stackNode[depth];
        wasForced = forced[depth];
        int k = nodeOp[call];
        state = (S) stackState[depth];
        stackState[depth] = null;
        relink(call, next, prev);
        if (returnNode[k] >= 0) {
          relink(returnNode[k], next, prev);
          placedDeterminate--;
        }
        bits[k >>> 6] &= ~(1L << k);
        setHash ^= zobrist[k];
      } while (wasForced);
      node = next[call];
    }
  }

  private static void unlink(int node, int[] next, int[] prev) {
    next[prev[node]] = next[node];
    prev[next[node]] = prev[node];
  }

  // Undo of unlink; valid because undos happen in the reverse order of the unlinks.
  private static void relink(int node, int[] next, int[] prev) {
    next[prev[node]] = node;
    prev[next[node]] = node;
  }
}
