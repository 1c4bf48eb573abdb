package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each node reads its own clock: skew jumps it (backwards too), drift changes its rate. */
class NodeClockTest {
  private static final long SECOND = 1_000_000_000L;

  private static NodeContext[] addKeepingContext(Simulation sim, String name) {
    NodeContext[] ctx = new NodeContext[1];
    sim.addNode(
        name,
        c -> {
          ctx[0] = c;
          return () -> {};
        });
    return ctx;
  }

  @Test
  @DisplayName("without skew or drift a node's clock reads virtual time")
  void noSkew() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    sim.runFor(Duration.ofMillis(1234));
    assertEquals(sim.nowNanos(), ctx[0].clockNanos());
    assertEquals(0, ctx[0].node().clockOffsetNanosAt(sim.nowNanos()));
  }

  @Test
  @DisplayName("skewClock jumps the node's clock forward and backward; it then runs on at its rate")
  void skewJumps() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    NodeContext[] other = addKeepingContext(sim, "n2");
    NodeRef n = ctx[0].node();
    sim.runFor(Duration.ofSeconds(10));
    sim.skewClock(n, 5 * SECOND);
    assertEquals(15 * SECOND, ctx[0].clockNanos());
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(16 * SECOND, ctx[0].clockNanos());
    long before = ctx[0].clockNanos();
    sim.skewClock(n, -8 * SECOND);
    assertEquals(before - 8 * SECOND, ctx[0].clockNanos(), "an NTP step backwards");
    assertTrue(ctx[0].clockNanos() < sim.nowNanos());
    assertEquals(-3 * SECOND, n.clockOffsetNanosAt(sim.nowNanos()));
    sim.runFor(Duration.ofSeconds(2));
    assertEquals(10 * SECOND, ctx[0].clockNanos());
    assertEquals(sim.nowNanos(), other[0].clockNanos(), "other nodes are unaffected");
  }

  @Test
  @DisplayName("timers measure durations, so a clock jump does not move a pending or a new timer")
  void jumpsDoNotMoveTimers() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    List<Long> fired = new ArrayList<>();
    sim.runFor(Duration.ZERO);
    ctx[0].schedule(Duration.ofSeconds(2), () -> fired.add(sim.nowNanos()));
    sim.skewClock(ctx[0].node(), -10 * SECOND);
    ctx[0].schedule(Duration.ofSeconds(1), () -> fired.add(sim.nowNanos()));
    sim.runFor(Duration.ofSeconds(5));
    assertEquals(List.of(SECOND, 2 * SECOND), fired);
  }

  @Test
  @DisplayName("with +1000 ppm drift a 1 s timer fires at 1 s / 1.001 of virtual time, on time by the node's clock")
  void driftShortensTimers() {
    for (long ppm : new long[] {1_000, -50_000, 100_000, -100_000, 1}) {
      Simulation sim = Simulation.create(1);
      NodeContext[] ctx = addKeepingContext(sim, "n1");
      sim.setClockDrift(ctx[0].node(), ppm);
      long[] firedAt = {-1};
      long[] localAt = {-1};
      sim.runFor(Duration.ZERO);
      ctx[0].schedule(
          Duration.ofSeconds(1),
          () -> {
            firedAt[0] = sim.nowNanos();
            localAt[0] = ctx[0].clockNanos();
          });
      sim.runFor(Duration.ofSeconds(2));
      double expected = SECOND / (1 + ppm / 1e6);
      assertTrue(Math.abs(firedAt[0] - expected) <= 1, "ppm=" + ppm + " fired at " + firedAt[0] + " expected ~" + expected);
      assertTrue(localAt[0] >= SECOND, "never early by the node's own clock: " + localAt[0]);
      assertTrue(localAt[0] <= SECOND + 2, "and at most a rounding late: " + localAt[0]);
    }
  }

  @Test
  @DisplayName("a drifting clock advances at the drifted rate, continuously across drift changes")
  void driftRate() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    NodeRef n = ctx[0].node();
    sim.setClockDrift(n, 20_000);
    assertEquals(20_000, n.clockDriftPpm());
    sim.runFor(Duration.ofSeconds(10));
    assertEquals(10_200_000_000L, ctx[0].clockNanos());
    sim.setClockDrift(n, -10_000);
    assertEquals(10_200_000_000L, ctx[0].clockNanos(), "no jump when the drift changes");
    sim.runFor(Duration.ofSeconds(10));
    assertEquals(20_100_000_000L, ctx[0].clockNanos());
    sim.setClockDrift(n, 0);
    sim.runFor(Duration.ofMillis(1));
    assertEquals(20_101_000_000L, ctx[0].clockNanos());
  }

  @Test
  @DisplayName("sleep runs on the node's clock too")
  void sleepDrifts() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    sim.setClockDrift(ctx[0].node(), -100_000);
    sim.runFor(Duration.ZERO);
    long[] woke = {-1};
    ctx[0].sleep(Duration.ofMillis(900)).thenAccept(v -> woke[0] = sim.nowNanos());
    sim.runFor(Duration.ofSeconds(2));
    assertEquals(SECOND, woke[0], "900 ms at 0.9x take 1 s of virtual time");
  }

  @Test
  @DisplayName("drift beyond ±100,000 ppm is rejected with the node named")
  void driftLimit() {
    Simulation sim = Simulation.create(1);
    NodeContext[] ctx = addKeepingContext(sim, "n1");
    NodeRef n = ctx[0].node();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.setClockDrift(n, 100_001));
    assertTrue(e.getMessage().contains("driftPpm=100001") && e.getMessage().contains("n1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sim.setClockDrift(n, -100_001));
    assertThrows(IllegalArgumentException.class, () -> sim.setClockDrift(n, Long.MIN_VALUE));
    assertEquals(0, n.clockDriftPpm(), "a rejected drift changes nothing");
    sim.setClockDrift(n, NodeRef.DRIFT_PPM_MAX);
    sim.setClockDrift(n, -NodeRef.DRIFT_PPM_MAX);
    assertEquals(-100_000, n.clockDriftPpm());
  }
}
