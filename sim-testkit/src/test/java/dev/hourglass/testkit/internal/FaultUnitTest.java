package dev.hourglass.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.testkit.Fault;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.TimedFault;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FaultUnitTest {
  private static TimedFault at(long millis, Fault fault) {
    return new TimedFault(millis * 1_000_000, fault);
  }

  @Test
  @DisplayName("each fault is paired with the first later fault that undoes it, per node")
  void pairsFaultsWithTheirUndo() {
    FaultPlan plan = new FaultPlan(List.of(
        at(0, new Fault.Buggify(true)),
        at(10, new Fault.Crash("n1")),
        at(20, new Fault.Crash("n2")),
        at(30, new Fault.Restart("n2")),
        at(40, new Fault.Restart("n1")),
        at(50, new Fault.Partition("halves", null)),
        at(60, new Fault.Heal()),
        at(70, new Fault.MessageLoss(0.1, 0)),
        at(80, new Fault.MessageLoss(0, 0)),
        at(90, new Fault.Clog("n3", 5_000_000)),
        at(95, new Fault.Resume("n3"))));
    List<FaultUnit> units = FaultUnit.pair(plan);

    assertEquals(7, units.size(), units.toString());
    assertEquals(Optional.empty(), units.get(0).end());
    assertEquals(new Fault.Restart("n1"), units.get(1).end().orElseThrow().fault());
    assertEquals(30_000_000, units.get(1).durationNanos());
    assertEquals(new Fault.Restart("n2"), units.get(2).end().orElseThrow().fault());
    assertEquals(10_000_000, units.get(2).durationNanos());
    assertEquals(new Fault.Heal(), units.get(3).end().orElseThrow().fault());
    assertEquals(new Fault.MessageLoss(0, 0), units.get(4).end().orElseThrow().fault());
    assertTrue(units.get(5).hasDuration(), "a clog lasts its own duration");
    assertEquals(5_000_000, units.get(5).durationNanos());
    assertEquals(0, units.get(5).spanNanos());
    assertFalse(units.get(6).hasDuration(), "a resume with nothing to resume stands alone");
    // Every fault of the plan is in exactly one unit, in order.
    assertEquals(plan.faults(), new FaultPlan(units.stream().flatMap(u -> u.faults().stream()).toList()).faults());
  }

  @Test
  @DisplayName("shortening moves the undo, shifting moves both, and a clog shortens its own duration")
  void shortensAndShifts() {
    FaultUnit crash = FaultUnit.pair(new FaultPlan(List.of(at(10, new Fault.Crash("n1")), at(40, new Fault.Restart("n1"))))).get(0);
    FaultUnit shorter = crash.withDurationNanos(5_000_000);
    assertEquals(10_000_000, shorter.startNanos());
    assertEquals(15_000_000, shorter.end().orElseThrow().atNanos());
    FaultUnit later = crash.shiftedTo(100_000_000);
    assertEquals(100_000_000, later.startNanos());
    assertEquals(130_000_000, later.lastNanos());

    FaultUnit clog = FaultUnit.pair(new FaultPlan(List.of(at(10, new Fault.Clog("n2", 8_000_000))))).get(0);
    assertEquals(new Fault.Clog("n2", 2_000_000), clog.withDurationNanos(2_000_000).start().fault());

    FaultUnit skew = FaultUnit.pair(new FaultPlan(List.of(at(10, new Fault.ClockSkew("n2", 5, 3))))).get(0);
    assertThrows(IllegalStateException.class, () -> skew.withDurationNanos(1));
  }
}
