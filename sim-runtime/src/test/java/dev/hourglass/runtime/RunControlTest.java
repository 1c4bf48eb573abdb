package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** runFor, runUntil and runUntilQuiescent: what they run, where they leave the clock, what they return. */
class RunControlTest {
  private static final long MS = 1_000_000;

  /** A world timer loop every {@code periodNanos}, forever; returns its tick counter. */
  static long[] tickForever(Simulation sim, long periodNanos) {
    long[] ticks = {0};
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          ticks[0]++;
          sim.schedule(periodNanos, "tick", ticks[0], tick[0]);
        };
    sim.schedule(periodNanos, "tick", 0, tick[0]);
    return ticks;
  }

  @Test
  @DisplayName("runFor runs the events due up to and including the deadline and leaves the clock at it")
  void runForAdvancesToDeadline() {
    Simulation sim = Simulation.create(1);
    List<Long> ran = new ArrayList<>();
    for (long t : new long[] {3 * MS, 10 * MS, 10 * MS + 1}) {
      sim.schedule(t, "e", t, () -> ran.add(sim.nowNanos()));
    }
    RunResult result = sim.runFor(Duration.ofMillis(10));
    assertEquals(RunStatus.DEADLINE_REACHED, result.status());
    assertEquals(List.of(3 * MS, 10 * MS), ran, "inclusive deadline, nothing after it");
    assertEquals(10 * MS, sim.nowNanos());
    assertEquals(10 * MS, result.nowNanos());
    assertEquals(2, result.eventsRun());
    assertEquals(1, result.pendingEvents());

    RunResult idle = Simulation.create(1).runFor(Duration.ofSeconds(3));
    assertEquals(RunStatus.DEADLINE_REACHED, idle.status());
    assertEquals(3_000 * MS, idle.nowNanos(), "the clock advances with nothing to run");
  }

  @Test
  @DisplayName("consecutive runFor calls continue from where the clock was left")
  void runForIsCumulative() {
    Simulation sim = Simulation.create(1);
    long[] ticks = tickForever(sim, MS);
    sim.runFor(Duration.ofMillis(5));
    sim.runFor(Duration.ofMillis(5));
    assertEquals(10 * MS, sim.nowNanos());
    assertEquals(10, ticks[0]);
    assertEquals(10, sim.eventsRun());
  }

  @Test
  @DisplayName("runUntil stops as soon as the condition holds (checked before every event)")
  void runUntilConditionMet() {
    Simulation sim = Simulation.create(1);
    long[] ticks = tickForever(sim, MS);
    RunResult result = sim.runUntil(() -> ticks[0] == 10, Duration.ofSeconds(1));
    assertEquals(RunStatus.CONDITION_MET, result.status());
    assertEquals(10, ticks[0], "the 11th tick did not run");
    assertEquals(10 * MS, sim.nowNanos());
    assertEquals(10, result.eventsRun());

    RunResult already = sim.runUntil(() -> true, Duration.ofSeconds(1));
    assertEquals(RunStatus.CONDITION_MET, already.status());
    assertEquals(0, already.eventsRun());
  }

  @Test
  @DisplayName("runUntil gives up at its timeout with DEADLINE_REACHED, running nothing due after it")
  void runUntilTimesOut() {
    Simulation sim = Simulation.create(1);
    long[] ticks = tickForever(sim, 3 * MS);
    RunResult result = sim.runUntil(() -> false, Duration.ofMillis(10));
    assertEquals(RunStatus.DEADLINE_REACHED, result.status());
    assertEquals(3, ticks[0], "ticks at 3, 6 and 9 ms");
    assertTrue(sim.nowNanos() <= 10 * MS, "now=" + sim.nowNanos());
    assertEquals(1, result.pendingEvents());
  }

  @Test
  @DisplayName("runUntil never runs an event due after its timeout, even after cancelled events moved the queue ahead of the clock")
  void runUntilDeadlineAfterSkippedCancellations() {
    Simulation sim = Simulation.create(1);
    long cancelled = sim.schedule(7 * MS, "cancelled", 0, () -> {});
    sim.schedule(20 * MS, "late", 0, () -> {});
    assertTrue(sim.cancel(cancelled));
    assertEquals(RunStatus.DEADLINE_REACHED, sim.runUntil(() -> false, Duration.ofMillis(10)).status());
    long now = sim.nowNanos();
    boolean[] ran = {false};
    sim.schedule(7 * MS - now, "at7", 0, () -> ran[0] = true);
    RunResult result = sim.runUntil(() -> false, Duration.ofMillis(1));
    assertFalse(ran[0], "an event due at 7 ms ran in a run that ends at " + (now + MS) + " ns");
    assertTrue(sim.nowNanos() <= now + MS, "clock passed the deadline: now=" + sim.nowNanos());
    assertEquals(RunStatus.DEADLINE_REACHED, result.status());
    sim.runUntil(() -> ran[0], Duration.ofMillis(10));
    assertTrue(ran[0]);
    assertEquals(7 * MS, sim.nowNanos());
  }

  @Test
  @DisplayName("runUntilQuiescent returns QUIESCENT with nothing pending, the clock at the last event")
  void runUntilQuiescent() {
    Simulation sim = Simulation.create(1);
    sim.schedule(Duration.ofMillis(4), () -> sim.schedule(Duration.ofMillis(3), () -> {}));
    RunResult result = sim.runUntilQuiescent(Duration.ofSeconds(1));
    assertEquals(RunStatus.QUIESCENT, result.status());
    assertEquals(0, result.pendingEvents());
    assertEquals(2, result.eventsRun());
    assertEquals(7 * MS, sim.nowNanos());

    Simulation busy = Simulation.create(1);
    tickForever(busy, MS);
    RunResult limited = busy.runUntilQuiescent(Duration.ofMillis(50));
    assertEquals(RunStatus.DEADLINE_REACHED, limited.status(), "a timer loop is never quiescent");
    assertEquals(50, limited.eventsRun());
  }

  @Test
  @DisplayName("a deadline past the end of a long saturates instead of wrapping")
  void hugeDurations() {
    Simulation sim = Simulation.create(1);
    sim.schedule(Duration.ofMillis(1), () -> {});
    sim.schedule(Duration.ofMillis(2), () -> {});
    sim.runFor(Duration.ofMillis(1));
    // now + limit overflows a long: a wrapped (negative) deadline would run nothing.
    RunResult result = sim.runUntilQuiescent(Duration.ofNanos(Long.MAX_VALUE));
    assertEquals(RunStatus.QUIESCENT, result.status());
    assertEquals(2 * MS, sim.nowNanos());
  }
}
