package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.runtime.Seeds;

/**
 * How big a run is, in the dimensions the shrinker cuts: what a reader of a failure has to keep
 * in mind to understand it.
 *
 * @param faults faults in the plan, counting an undo (restart, heal, resume, ...) as part of its fault
 * @param faultNanos total virtual time faults are in effect: each paired fault from its start to
 *     its undo, a clog for its duration
 * @param operations operations the workload issues in the safety phase
 * @param clients concurrent clients
 * @param safetyNanos virtual time of the safety phase
 */
public record RunSize(int faults, long faultNanos, int operations, int clients, long safetyNanos) {
  public RunSize {
    checkArgument(faults >= 0, "faults must be >= 0: faults=%s", faults);
    checkArgument(faultNanos >= 0, "faultNanos must be >= 0: faultNanos=%s", faultNanos);
    checkArgument(operations >= 0, "operations must be >= 0: operations=%s", operations);
    checkArgument(clients >= 1, "clients must be >= 1: clients=%s", clients);
    checkArgument(safetyNanos > 0, "safetyNanos must be positive: safetyNanos=%s", safetyNanos);
  }

  /** No dimension larger than {@code other}'s and at least one smaller. */
  public boolean smallerThan(RunSize other) {
    boolean noneLarger = faults <= other.faults && faultNanos <= other.faultNanos && operations <= other.operations
        && clients <= other.clients && safetyNanos <= other.safetyNanos;
    return noneLarger && !equals(other);
  }

  /** {@code 4 faults (1.200000000s in effect), 37 operations, 2 clients, safety phase 3.000000000s}. */
  public String describe() {
    return faults + (faults == 1 ? " fault" : " faults") + " (" + Seeds.formatNanos(faultNanos) + " in effect), "
        + operations + (operations == 1 ? " operation" : " operations") + ", " + clients
        + (clients == 1 ? " client" : " clients") + ", safety phase " + Seeds.formatNanos(safetyNanos);
  }
}
