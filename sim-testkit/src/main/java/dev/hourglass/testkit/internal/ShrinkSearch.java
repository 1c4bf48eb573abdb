package dev.hourglass.testkit.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.RunSize;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.ShrinkResult.StopReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shrinker's search (see {@link dev.hourglass.testkit.Shrinker}). A candidate is a list of
 * {@link FaultUnit}s (a fault with its undo), an operation count, a client count and a safety
 * phase length; it is kept when its run fails with the original's {@link
 * RunResult#failureClass()}. Rounds of passes — drop units (ddmin), cut clients and operations,
 * cut the safety phase, shorten units, move units later — repeat until a round keeps nothing.
 *
 * <p>Every choice depends only on earlier runs' outcomes, which depend only on the seed and the
 * candidate: the search is deterministic until the wall-clock budget, if ever, stops it.
 */
public final class ShrinkSearch {
  /** Times the shrinker writes are whole milliseconds, so minimal plans read well. */
  private static final long GRAIN_NANOS = 1_000_000;
  /** A safety net: each round that keeps something makes the candidate smaller, so this is rarely reached. */
  private static final int ROUNDS_MAX = 12;

  private final Scenario scenario;
  private final long seed;
  private final RunOptions base;
  private final ShrinkOptions limits;
  private final ShrinkListener listener;
  private final Map<String, Boolean> tried = new LinkedHashMap<>();
  private long startNanos;
  private int runs;
  private String target;
  private boolean checkDeterminism;
  private Candidate best;
  private RunResult bestResult;

  public ShrinkSearch(Scenario scenario, long seed, RunOptions base, ShrinkOptions limits, ShrinkListener listener) {
    this.scenario = scenario;
    this.seed = seed;
    this.base = base;
    this.limits = limits;
    this.listener = listener;
  }

  /** Runs the original, then shrinks it. */
  public ShrinkResult run() {
    startNanos = wallNanos();
    return run(ScenarioRunner.run(scenario, seed, base));
  }

  /** Shrinks {@code original}, a finished run of this seed and options. */
  public ShrinkResult run(RunResult original) {
    if (startNanos == 0) {
      startNanos = wallNanos();
    }
    checkState(original.seed() == seed, "original is a run of another seed: original.seed=%s seed=%s",
        Seeds.format(original.seed()), Seeds.format(seed));
    Candidate start = new Candidate(FaultUnit.pair(original.plan()), operations(original.options()),
        clients(original.options()), original.options().safetyNanos());
    if (!original.outcome().failed()) {
      return result(original, original, start, StopReason.DID_NOT_FAIL);
    }
    target = original.failureClass();
    checkDeterminism = original.outcome() == Outcome.NONDETERMINISM;
    best = start;
    bestResult = original;
    StopReason stop;
    try {
      // The original with its plan made explicit must fail as before, or no candidate means anything.
      if (!fails(start, "the original with its plan given explicitly")) {
        return result(original, original, start, StopReason.NOT_REPRODUCIBLE);
      }
      for (int round = 0; round < ROUNDS_MAX; round++) {
        Candidate before = best;
        dropFaults();
        cutClients();
        cutOperations();
        cutSafetyPhase();
        shortenFaults();
        moveFaultsLater();
        if (best.equals(before)) {
          break;
        }
      }
      stop = StopReason.FIXED_POINT;
    } catch (BudgetSpent e) {
      stop = e.reason;
    }
    return result(original, bestResult, start, stop);
  }

  private ShrinkResult result(RunResult original, RunResult minimal, Candidate start, StopReason stop) {
    Candidate min = minimal == original ? start : best;
    return new ShrinkResult(original, minimal, start.size(), min.size(), runs,
        Duration.ofNanos(wallNanos() - startNanos), stop);
  }

  // ---- passes ----

  /** Delta debugging over fault units: an empty plan first, then removing ever smaller chunks. */
  private void dropFaults() {
    if (best.units.isEmpty()) {
      return;
    }
    if (tryKeep(best.withUnits(List.of()), "drop all " + best.units.size() + " faults")) {
      return;
    }
    int n = 2;
    while (best.units.size() >= 2) {
      List<FaultUnit> units = best.units;
      int[] bounds = chunkBounds(units.size(), n);
      boolean reduced = false;
      for (int i = 0; i + 1 < bounds.length && !reduced; i++) {
        List<FaultUnit> complement = new ArrayList<>(units.subList(0, bounds[i]));
        complement.addAll(units.subList(bounds[i + 1], units.size()));
        reduced = tryKeep(best.withUnits(complement), "drop " + describeChunk(units, bounds[i], bounds[i + 1]));
        if (reduced) {
          n = Math.max(n - 1, 2);
        }
      }
      for (int i = 0; i + 1 < bounds.length && !reduced && n > 2; i++) {
        reduced = tryKeep(best.withUnits(units.subList(bounds[i], bounds[i + 1])),
            "keep only " + describeChunk(units, bounds[i], bounds[i + 1]));
        if (reduced) {
          n = 2;
        }
      }
      if (!reduced) {
        if (n >= units.size()) {
          break;
        }
        n = Math.min(units.size(), n * 2);
      }
    }
  }

  private void cutClients() {
    int c = best.clients;
    if (c > 1) {
      binarySearchDown(1, c, v -> best.withClients(v), "clients");
    }
  }

  private void cutOperations() {
    int ops = best.operations;
    if (ops > 0) {
      binarySearchDown(0, ops, v -> best.withOperations(v), "operations");
    }
  }

  /** The safety phase must still contain every fault; it is cut in whole milliseconds. */
  private void cutSafetyPhase() {
    long lastNanos = 0;
    for (FaultUnit u : best.units) {
      lastNanos = Math.max(lastNanos, u.lastNanos());
    }
    long lowMs = lastNanos / GRAIN_NANOS + 1;
    long highMs = best.safetyNanos / GRAIN_NANOS;
    if (highMs <= lowMs) {
      return;
    }
    if (tryKeep(best.withSafetyNanos(lowMs * GRAIN_NANOS), "safety phase " + ms(best.safetyNanos) + " -> " + lowMs + "ms")) {
      return;
    }
    // Search in milliseconds; the current length (maybe not whole) is the known-failing upper end.
    long lo = lowMs;
    long hi = highMs + (best.safetyNanos % GRAIN_NANOS == 0 ? 0 : 1);
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (tryKeep(best.withSafetyNanos(mid * GRAIN_NANOS), "safety phase " + ms(best.safetyNanos) + " -> " + mid + "ms")) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  /** Halves each fault's duration while the run still fails. */
  private void shortenFaults() {
    for (int i = 0; i < best.units.size(); i++) {
      while (true) {
        FaultUnit u = best.units.get(i);
        long d = u.durationNanos();
        long shorter = Math.max(GRAIN_NANOS, d / 2 / GRAIN_NANOS * GRAIN_NANOS);
        if (!u.hasDuration() || shorter >= d) {
          break;
        }
        if (!tryKeep(best.withUnit(i, u.withDurationNanos(shorter)),
            "shorten " + u.describe() + " from " + ms(d) + " to " + ms(shorter))) {
          break;
        }
      }
    }
  }

  /**
   * Moves each fault but the last later, halfway to the next fault's start, while the run still
   * fails: the faulty window narrows to what the failure needs, and a fault moved up against the
   * next one can then be shortened further. Starts keep their order; the last fault is not moved,
   * so the safety phase is never pushed longer.
   */
  private void moveFaultsLater() {
    for (int i = 0; i + 1 < best.units.size(); i++) {
      while (true) {
        FaultUnit u = best.units.get(i);
        long nextStart = best.units.get(i + 1).startNanos();
        long target = (u.startNanos() + (nextStart - u.startNanos()) / 2) / GRAIN_NANOS * GRAIN_NANOS;
        if (target <= u.startNanos() || nextStart - u.startNanos() < 2 * GRAIN_NANOS
            || u.lastNanos() + (target - u.startNanos()) >= best.safetyNanos) {
          break;
        }
        if (!tryKeep(best.withUnit(i, u.shiftedTo(target)),
            "move " + u.describe() + " from " + ms(u.startNanos()) + " to " + ms(target))) {
          break;
        }
      }
    }
  }

  private interface IntCandidate {
    Candidate with(int value);
  }

  /** Finds the least value in [{@code low}, {@code high}] that still fails, assuming failing is roughly monotone. */
  private void binarySearchDown(int low, int high, IntCandidate make, String what) {
    if (tryKeep(make.with(low), what + " " + high + " -> " + low)) {
      return;
    }
    int lo = low;
    int hi = high;
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      if (tryKeep(make.with(mid), what + " " + hi + " -> " + mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
  }

  // ---- running candidates ----

  /** Runs {@code c} unless it was tried; keeps it as the best when it fails the same way. */
  private boolean tryKeep(Candidate c, String change) {
    if (c.equals(best)) {
      return false;
    }
    if (fails(c, change)) {
      best = c;
      return true;
    }
    return false;
  }

  private boolean fails(Candidate c, String change) {
    String key = c.key();
    Boolean known = tried.get(key);
    if (known != null) {
      return known;
    }
    if (runs >= limits.runsMax()) {
      throw new BudgetSpent(StopReason.RUNS_BUDGET);
    }
    if (wallNanos() - startNanos >= limits.timeBudget().toNanos()) {
      throw new BudgetSpent(StopReason.TIME_BUDGET);
    }
    runs++;
    RunResult r = SeedWork.run(scenario, c.options(base), seed, checkDeterminism);
    boolean same = r.outcome().failed() && r.failureClass().equals(target);
    tried.put(key, same);
    if (same) {
      bestResult = r;
    }
    listener.attempted(new ShrinkListener.Step(runs, change, same, r.outcome(), (same ? c : best).size()));
    return same;
  }

  @OutsideSimulation("the shrinker's wall-clock budget; it runs whole simulations and is never called from one")
  private static long wallNanos() {
    return System.nanoTime();
  }

  private static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient StopReason reason;

    BudgetSpent(StopReason reason) {
      super(reason.name(), null, false, false);
      this.reason = reason;
    }
  }

  // ---- helpers ----

  private int operations(RunOptions o) {
    return o.operationsMax().orElse(scenario.workload().operationsMax());
  }

  private int clients(RunOptions o) {
    return o.clients().orElse(scenario.workload().clients());
  }

  /** {@code n} contiguous chunks of {@code size} items as boundaries: chunk i is [b[i], b[i+1]). */
  private static int[] chunkBounds(int size, int n) {
    int chunks = Math.min(n, size);
    int[] bounds = new int[chunks + 1];
    for (int i = 1; i <= chunks; i++) {
      bounds[i] = bounds[i - 1] + (size - bounds[i - 1]) / (chunks - i + 1);
    }
    return bounds;
  }

  private static String describeChunk(List<FaultUnit> all, int from, int to) {
    if (to - from == 1) {
      return "fault " + (from + 1) + " of " + all.size() + " (" + all.get(from).describe() + ")";
    }
    return "faults " + (from + 1) + ".." + to + " of " + all.size();
  }

  private static String ms(long nanos) {
    return nanos % GRAIN_NANOS == 0 ? nanos / GRAIN_NANOS + "ms" : Seeds.formatNanos(nanos);
  }

  /** One point of the search space. */
  private record Candidate(List<FaultUnit> units, int operations, int clients, long safetyNanos) {
    Candidate {
      units = List.copyOf(units);
    }

    Candidate withUnits(List<FaultUnit> value) {
      return new Candidate(value, operations, clients, safetyNanos);
    }

    Candidate withUnit(int index, FaultUnit value) {
      List<FaultUnit> us = new ArrayList<>(units);
      us.set(index, value);
      return new Candidate(us, operations, clients, safetyNanos);
    }

    Candidate withOperations(int value) {
      return new Candidate(units, value, clients, safetyNanos);
    }

    Candidate withClients(int value) {
      return new Candidate(units, operations, value, safetyNanos);
    }

    Candidate withSafetyNanos(long value) {
      return new Candidate(units, operations, clients, value);
    }

    FaultPlan plan() {
      List<dev.hourglass.testkit.TimedFault> faults = new ArrayList<>();
      units.forEach(u -> faults.addAll(u.faults()));
      return new FaultPlan(faults);
    }

    RunOptions options(RunOptions base) {
      return base.withPlan(plan()).withOperationsMax(operations).withClients(clients).withSafetyNanos(safetyNanos);
    }

    RunSize size() {
      long faultNanos = 0;
      for (FaultUnit u : units) {
        faultNanos += u.hasDuration() ? u.durationNanos() : 0;
      }
      return new RunSize(units.size(), faultNanos, operations, clients, safetyNanos);
    }

    String key() {
      return plan().toJson() + "|" + operations + "|" + clients + "|" + safetyNanos;
    }
  }
}
