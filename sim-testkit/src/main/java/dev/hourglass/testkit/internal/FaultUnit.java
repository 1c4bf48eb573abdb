package dev.hourglass.testkit.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.Fault;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.TimedFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the shrinker drops, shortens and moves as one: a fault and the later fault that undoes it
 * (crash and restart, partition and heal, pause and resume, loss on and off, disk faults on and
 * off), or a fault that stands alone (a clock skew, a clog with its own duration, buggify, an undo
 * with nothing to undo). Dropping a crash without its restart would leave a node down for the
 * rest of the safety phase — a different, usually bigger, fault.
 *
 * @param start the fault
 * @param end the undo, if paired
 */
record FaultUnit(TimedFault start, Optional<TimedFault> end) {
  FaultUnit {
    checkArgument(end.isEmpty() || end.get().atNanos() >= start.atNanos(),
        "an undo must not come before its fault: start=%s end=%s", start, end);
  }

  /** Groups a plan's faults into units, each fault paired with the first later undo that matches it. */
  static List<FaultUnit> pair(FaultPlan plan) {
    List<TimedFault> faults = plan.faults();
    boolean[] used = new boolean[faults.size()];
    List<FaultUnit> units = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      if (used[i]) {
        continue;
      }
      used[i] = true;
      TimedFault f = faults.get(i);
      Fault undo = undoneBy(f.fault());
      Optional<TimedFault> end = Optional.empty();
      if (undo != null) {
        for (int j = i + 1; j < faults.size(); j++) {
          if (!used[j] && faults.get(j).fault().equals(undo)) {
            used[j] = true;
            end = Optional.of(faults.get(j));
            break;
          }
        }
      }
      units.add(new FaultUnit(f, end));
    }
    return units;
  }

  List<TimedFault> faults() {
    return end.isPresent() ? List.of(start, end.get()) : List.of(start);
  }

  long startNanos() {
    return start.atNanos();
  }

  /** Whether the unit lasts: paired, or a clog. */
  boolean hasDuration() {
    return end.isPresent() || start.fault() instanceof Fault.Clog;
  }

  long durationNanos() {
    if (end.isPresent()) {
      return end.get().atNanos() - start.atNanos();
    }
    return start.fault() instanceof Fault.Clog c ? c.durationNanos() : 0;
  }

  /** From the start to the undo (a clog's own duration does not delay anything in the plan). */
  long spanNanos() {
    return end.map(e -> e.atNanos() - start.atNanos()).orElse(0L);
  }

  /** The last time in the plan this unit occupies. */
  long lastNanos() {
    return start.atNanos() + spanNanos();
  }

  FaultUnit withDurationNanos(long nanos) {
    checkState(hasDuration(), "a unit without a duration cannot be shortened: %s", this);
    if (end.isPresent()) {
      return new FaultUnit(start, Optional.of(new TimedFault(start.atNanos() + nanos, end.get().fault())));
    }
    Fault.Clog c = (Fault.Clog) start.fault();
    return new FaultUnit(new TimedFault(start.atNanos(), new Fault.Clog(c.node(), nanos)), end);
  }

  FaultUnit shiftedTo(long startNanos) {
    long delta = startNanos - start.atNanos();
    return new FaultUnit(new TimedFault(startNanos, start.fault()),
        end.map(e -> new TimedFault(e.atNanos() + delta, e.fault())));
  }

  /** {@code crash n2 at 1.200000000s for 0.800000000s}. */
  String describe() {
    return start.fault().describe() + " at " + Seeds.formatNanos(start.atNanos())
        + (hasDuration() ? " for " + Seeds.formatNanos(durationNanos()) : "");
  }

  /** The fault that undoes {@code f}, or null if {@code f} stands alone. */
  static Fault undoneBy(Fault f) {
    return switch (f) {
      case Fault.Partition p -> new Fault.Heal();
      case Fault.Crash c -> new Fault.Restart(c.node());
      case Fault.Pause p -> new Fault.Resume(p.node());
      case Fault.MessageLoss m when m.lossRate() > 0 || m.duplicateRate() > 0 -> new Fault.MessageLoss(0, 0);
      case Fault.DiskFaults d when d.readCorruptionRate() > 0 || d.latentErrorRate() > 0 || d.writeErrorRate() > 0
          || d.fsyncErrorRate() > 0 -> new Fault.DiskFaults(d.node(), 0, 0, 0, 0);
      default -> null;
    };
  }
}
