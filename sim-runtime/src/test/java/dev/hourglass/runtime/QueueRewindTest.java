package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Regressions found by the queue rework (docs/PERFORMANCE.md, "Changes made to the kernel"). */
class QueueRewindTest {
  @Test
  @DisplayName("crash with a pending timer, run until quiescent, restart: the restart's events run (no 'time is in the past')")
  void restartAfterQuiescentRunWithCancelledTimer() {
    Simulation sim = Simulation.create(5);
    List<String> seen = new ArrayList<>();
    NodeRef n = sim.addNode("n", ctx -> () -> {
      seen.add("start " + ctx.incarnation());
      ctx.schedule(Duration.ofSeconds(10), () -> seen.add("timer"));
    });
    sim.runFor(Duration.ofSeconds(1));
    sim.crash(n); // cancels the timer due at 10 s
    assertEquals(RunStatus.QUIESCENT, sim.runUntilQuiescent(Duration.ofMinutes(1)).status());
    sim.restart(n);
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(List.of("start 1", "start 3"), seen);
  }

  @Test
  @DisplayName("a long chain of events at one instant runs in bounded memory")
  void longSameInstantChainRunsInBoundedMemory() {
    Simulation sim = Simulation.create(1, SimulationOptions.defaults().withTraceRecordsMax(0).withEventsMax(6_000_000));
    long[] count = {0};
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      if (++count[0] < 5_000_000) {
        sim.schedule(0, "chain", 0, step[0]);
      }
    };
    sim.schedule(0, "chain", 0, step[0]);
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();
    RunResult r = sim.runUntilQuiescent(Duration.ofSeconds(1));
    long after = rt.totalMemory() - rt.freeMemory();
    assertEquals(RunStatus.QUIESCENT, r.status());
    assertEquals(5_000_000, count[0]);
    assertEquals(0, sim.nowNanos(), "every event at the same instant");
    assertTrue(after - before < 200L << 20, "memory grew by " + ((after - before) >> 20) + " MiB");
  }
}
