package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every limit ends a run with a status that says so, never a hang: eventsMax, virtualTimeMaxNanos,
 * queueCapacityMax. Limits are sticky.
 */
@Timeout(30)
class RunLimitsTest {
  private static final long MS = 1_000_000;

  @Test
  @DisplayName("eventsMax ends a never-ending timer loop with EVENTS_MAX_EXCEEDED, and stays reached")
  void eventsMax() {
    Simulation sim = Simulation.create(1, SimulationOptions.defaults().withEventsMax(1_000));
    long[] ticks = RunControlTest.tickForever(sim, MS);
    RunResult result = sim.runUntilQuiescent(Duration.ofDays(1));
    assertEquals(RunStatus.EVENTS_MAX_EXCEEDED, result.status());
    assertTrue(result.status().isLimit());
    assertEquals(1_000, result.eventsRun());
    assertEquals(1_000, ticks[0]);
    assertEquals(1_000, sim.eventsRun());

    RunResult again = sim.runFor(Duration.ofSeconds(1));
    assertEquals(RunStatus.EVENTS_MAX_EXCEEDED, again.status(), "sticky");
    assertEquals(0, again.eventsRun());
    assertEquals(1_000, ticks[0]);
  }

  @Test
  @DisplayName("eventsMax also ends a zero-delay livelock that never lets virtual time move")
  void eventsMaxLivelock() {
    Simulation sim = Simulation.create(1, SimulationOptions.defaults().withEventsMax(10_000));
    Runnable[] spin = new Runnable[1];
    spin[0] = () -> sim.schedule(0, "spin", 0, spin[0]);
    sim.schedule(0, "spin", 0, spin[0]);
    RunResult result = sim.runFor(Duration.ofSeconds(1));
    assertEquals(RunStatus.EVENTS_MAX_EXCEEDED, result.status());
    assertEquals(0, result.nowNanos());
  }

  @Test
  @DisplayName("virtualTimeMaxNanos ends a never-ending timer loop with VIRTUAL_TIME_MAX_EXCEEDED at the limit")
  void virtualTimeMax() {
    Simulation sim =
        Simulation.create(1, SimulationOptions.defaults().withVirtualTimeMax(Duration.ofHours(1)));
    long[] ticks = RunControlTest.tickForever(sim, 1_000 * MS);
    RunResult result = sim.runUntilQuiescent(Duration.ofDays(1));
    assertEquals(RunStatus.VIRTUAL_TIME_MAX_EXCEEDED, result.status());
    assertEquals(Duration.ofHours(1).toNanos(), result.nowNanos());
    assertEquals(3_600, ticks[0], "the tick at exactly the limit runs");

    RunResult again = sim.runUntil(() -> false, Duration.ofHours(1));
    assertEquals(RunStatus.VIRTUAL_TIME_MAX_EXCEEDED, again.status(), "sticky");
    assertEquals(0, again.eventsRun());
  }

  @Test
  @DisplayName("runFor past virtualTimeMaxNanos reports the limit even when nothing is pending")
  void runForPastVirtualTimeMaxWhenIdle() {
    Simulation sim =
        Simulation.create(1, SimulationOptions.defaults().withVirtualTimeMax(Duration.ofHours(1)));
    RunResult result = sim.runFor(Duration.ofHours(2));
    assertEquals(Duration.ofHours(1).toNanos(), result.nowNanos());
    assertEquals(
        RunStatus.VIRTUAL_TIME_MAX_EXCEEDED,
        result.status(),
        "the clock stopped at the limit, short of the requested deadline");

    Simulation within =
        Simulation.create(1, SimulationOptions.defaults().withVirtualTimeMax(Duration.ofHours(1)));
    assertEquals(RunStatus.DEADLINE_REACHED, within.runFor(Duration.ofHours(1)).status(), "exactly the limit is fine");
  }

  @Test
  @DisplayName("queueCapacityMax ends a runaway scheduling loop with QUEUE_CAPACITY_EXCEEDED")
  void queueCapacity() {
    Simulation sim = Simulation.create(1, SimulationOptions.defaults().withQueueCapacityMax(1_000));
    Runnable[] fork = new Runnable[1];
    fork[0] =
        () -> {
          sim.schedule(MS, "fork", 0, fork[0]);
          sim.schedule(MS, "fork", 1, fork[0]);
        };
    sim.schedule(0, "fork", 0, fork[0]);
    RunResult result = sim.runFor(Duration.ofSeconds(10));
    assertEquals(RunStatus.QUEUE_CAPACITY_EXCEEDED, result.status());
    assertTrue(result.pendingEvents() <= 1_000, "pending=" + result.pendingEvents());
    assertFalse(result.failed());
    assertEquals(RunStatus.QUEUE_CAPACITY_EXCEEDED, sim.runFor(Duration.ofSeconds(1)).status(), "sticky");
  }

  @Test
  @DisplayName("node code that catches RuntimeException cannot swallow the queue-capacity limit")
  void queueCapacityNotSwallowed() {
    Simulation sim = Simulation.create(1, SimulationOptions.defaults().withQueueCapacityMax(100));
    int[] swallowed = {0};
    sim.addNode(
        "n1",
        ctx ->
            () -> {
              for (int i = 0; i < 1_000; i++) {
                try {
                  ctx.schedule(Duration.ofSeconds(1), () -> {});
                } catch (RuntimeException e) {
                  swallowed[0]++; // a careless retry loop
                }
              }
            });
    RunResult result = sim.runFor(Duration.ofSeconds(5));
    assertTrue(swallowed[0] > 0, "the node saw the queue full");
    assertEquals(RunStatus.QUEUE_CAPACITY_EXCEEDED, result.status());
  }
}
