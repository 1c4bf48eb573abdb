package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cancelling events: before they run, after, with stale ids, and under heavy churn. */
class CancellationTest {

  @Test
  @DisplayName("an event cancelled before it is due never runs")
  void cancelBeforeDue() {
    Simulation sim = Simulation.create(1);
    boolean[] ran = {false};
    long id = sim.schedule(Duration.ofSeconds(1), () -> ran[0] = true);
    assertTrue(sim.isPending(id));
    assertEquals(1, sim.pendingEvents());
    assertTrue(sim.cancel(id));
    assertFalse(sim.isPending(id));
    assertEquals(0, sim.pendingEvents());
    assertFalse(sim.cancel(id), "a second cancel finds nothing");
    RunResult result = sim.runFor(Duration.ofSeconds(5));
    assertFalse(ran[0]);
    assertEquals(0, result.eventsRun());
  }

  @Test
  @DisplayName("an event can cancel another due at the same instant, before it runs")
  void cancelSimultaneous() {
    for (long seed = 0; seed < 20; seed++) {
      Simulation sim = Simulation.create(seed);
      List<String> ran = new ArrayList<>();
      long[] ids = new long[2];
      ids[0] = sim.schedule(100, "a", 0, () -> ran.add("a" + sim.cancel(ids[1])));
      ids[1] = sim.schedule(100, "b", 0, () -> ran.add("b" + sim.cancel(ids[0])));
      sim.runUntilQuiescent(Duration.ofSeconds(1));
      assertTrue(ran.equals(List.of("atrue")) || ran.equals(List.of("btrue")), "seed=" + seed + " ran=" + ran);
    }
  }

  @Test
  @DisplayName("cancel returns false once the event has run")
  void cancelAfterRun() {
    Simulation sim = Simulation.create(1);
    int[] runs = {0};
    long id = sim.schedule(Duration.ofMillis(1), () -> runs[0]++);
    sim.runFor(Duration.ofMillis(2));
    assertEquals(1, runs[0]);
    assertFalse(sim.isPending(id));
    assertFalse(sim.cancel(id));
  }

  @Test
  @DisplayName("stale ids are rejected after their slots are reused: new events still run")
  void staleIdsAfterSlotReuse() {
    Simulation sim = Simulation.create(1);
    List<Long> oldIds = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      oldIds.add(sim.schedule(i, "old", i, () -> {}));
    }
    // And some cancelled ones, whose slots are freed when the queue skips them.
    for (int i = 0; i < 100; i++) {
      long id = sim.schedule(50 + i, "cancelled", i, () -> {});
      assertTrue(sim.cancel(id));
      oldIds.add(id);
    }
    sim.runFor(Duration.ofMillis(1));
    int[] newRuns = {0};
    List<Long> newIds = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      newIds.add(sim.schedule(1_000, "new", i, () -> newRuns[0]++));
    }
    for (long id : oldIds) {
      assertFalse(sim.cancel(id), "stale id cancelled something: " + Long.toHexString(id));
      assertFalse(sim.isPending(id));
    }
    assertFalse(sim.cancel(-1L));
    assertFalse(sim.cancel(Long.MAX_VALUE));
    assertEquals(200, sim.pendingEvents());
    assertTrue(newIds.stream().allMatch(sim::isPending));
    sim.runUntilQuiescent(Duration.ofSeconds(1));
    assertEquals(200, newRuns[0]);
  }

  @Test
  @DisplayName("heavy schedule-and-cancel churn keeps pendingEvents exact, and only uncancelled events run")
  void churnKeepsCountsRight() {
    Simulation sim = Simulation.create(5);
    SimRandom rnd = sim.random().fork("test");
    List<Long> pending = new ArrayList<>();
    int[] ran = {0};
    int expectedRuns = 0;
    for (int i = 0; i < 200_000; i++) {
      pending.add(sim.schedule(rnd.nextLong(1, 1_000_000_000), "churn", i, () -> ran[0]++));
      // cancel all but ~1 in 50, in random order, so cancelled ones interleave with live ones
      if (rnd.nextInt(50) != 0) {
        long id = pending.remove(rnd.nextInt(pending.size()));
        assertTrue(sim.cancel(id));
      }
      if (i % 10_000 == 0) {
        assertEquals(pending.size(), sim.pendingEvents(), "i=" + i);
      }
    }
    expectedRuns = pending.size();
    assertEquals(expectedRuns, sim.pendingEvents());
    assertTrue(expectedRuns > 3_000 && expectedRuns < 5_000, "expectedRuns=" + expectedRuns);
    RunResult result = sim.runUntilQuiescent(Duration.ofSeconds(2));
    assertEquals(RunStatus.QUIESCENT, result.status());
    assertEquals(expectedRuns, ran[0]);
    assertEquals(expectedRuns, result.eventsRun());
  }

  @Test
  @DisplayName("churn inside a run (re-armed timeouts) keeps pendingEvents exact")
  void churnInsideRun() {
    Simulation sim = Simulation.create(9);
    long[] timeout = {-1};
    int[] timeouts = {0};
    int[] ticks = {0};
    Runnable[] tick = new Runnable[1];
    tick[0] =
        () -> {
          ticks[0]++;
          if (timeout[0] >= 0) {
            assertTrue(sim.cancel(timeout[0]), "the previous timeout is still pending");
          }
          timeout[0] = sim.schedule(1_000_000, "timeout", 0, () -> timeouts[0]++);
          if (ticks[0] < 100_000) {
            sim.schedule(1_000, "tick", 0, tick[0]);
          }
          assertEquals(ticks[0] < 100_000 ? 2 : 1, sim.pendingEvents());
        };
    sim.schedule(0, "tick", 0, tick[0]);
    RunResult result = sim.runUntilQuiescent(Duration.ofHours(1));
    assertEquals(RunStatus.QUIESCENT, result.status(), () -> String.valueOf(result.failure()));
    assertEquals(100_000, ticks[0]);
    assertEquals(1, timeouts[0], "only the last timeout fires");
  }
}
