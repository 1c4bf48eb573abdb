package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Pause is a GC pause: the node's events wait, then run in the order they came due, at resume. */
class NodePauseTest {
  private static final long MS = 1_000_000;

  /** Records "what@ms" for each event the node runs. */
  private static Runnable note(Simulation sim, List<String> log, String what) {
    return () -> log.add(what + "@" + sim.nowNanos() / MS);
  }

  @Test
  @DisplayName("a paused node's timers and deliveries wait and run in their original order at resume time")
  void pauseDefersInOrder() {
    Simulation sim = Simulation.create(1, EventOrderingTest.FIFO);
    List<String> log = new ArrayList<>();
    NodeRef n =
        sim.addNode(
            "n1",
            ctx ->
                () -> {
                  ctx.schedule(Duration.ofMillis(10), note(sim, log, "t10"));
                  ctx.schedule(Duration.ofMillis(30), note(sim, log, "t30"));
                  ctx.schedule(Duration.ofMillis(20), note(sim, log, "t20"));
                  ctx.schedule(Duration.ofMillis(80), note(sim, log, "t80"));
                });
    sim.scheduleOn(n, 25 * MS, "msg", 0, note(sim, log, "m25"));
    sim.schedule(Duration.ofMillis(5), () -> sim.pause(n));
    sim.schedule(Duration.ofMillis(50), () -> sim.resume(n));
    sim.runFor(Duration.ofMillis(40));
    assertEquals(List.of(), log, "nothing runs while paused");
    assertEquals(NodeStatus.PAUSED, n.status());
    sim.runFor(Duration.ofMillis(100));
    assertEquals(List.of("t10@50", "t20@50", "m25@50", "t30@50", "t80@80"), log);
  }

  @Test
  @DisplayName("waiting events run before the node's events that come due at the resume instant")
  void deferredRunBeforeEventsDueAtResume() {
    for (SimulationOptions options : List.of(EventOrderingTest.FIFO, SimulationOptions.defaults())) {
      for (long seed = 0; seed < 20; seed++) {
        Simulation sim = Simulation.create(seed, options);
        List<String> log = new ArrayList<>();
        NodeRef n = sim.addStoppedNode("n1", ctx -> () -> {});
        // The resume is scheduled before the node's timers, so FIFO puts it first at 20 ms.
        sim.schedule(Duration.ofMillis(5), () -> sim.pause(n));
        sim.schedule(Duration.ofMillis(20), () -> sim.resume(n));
        sim.start(n);
        sim.scheduleOn(n, 10 * MS, "m10", 0, note(sim, log, "m10"));
        sim.scheduleOn(n, 15 * MS, "m15", 0, note(sim, log, "m15"));
        sim.scheduleOn(n, 20 * MS, "m20", 0, note(sim, log, "m20"));
        sim.runFor(Duration.ofMillis(30));
        assertEquals(List.of("m10@20", "m15@20", "m20@20"), log, options.tieBreak() + " seed=" + seed);
      }
    }
  }

  @Test
  @DisplayName("other nodes and the world run on while a node is paused")
  void othersRunOn() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef paused = sim.addNode("p", ctx -> () -> ctx.schedule(Duration.ofMillis(10), note(sim, log, "p")));
    sim.addNode("q", ctx -> () -> ctx.schedule(Duration.ofMillis(10), note(sim, log, "q")));
    sim.schedule(Duration.ofMillis(10), note(sim, log, "world"));
    sim.runFor(Duration.ZERO);
    sim.pause(paused);
    sim.runFor(Duration.ofMillis(20));
    assertEquals(2, log.size());
    assertTrue(log.containsAll(List.of("q@10", "world@10")), log.toString());
    assertTrue(paused.instance(Node.class).isPresent(), "a paused node keeps its instance");
  }

  @Test
  @DisplayName("future callbacks of a paused node wait for the resume")
  void futureCallbacksWait() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    SimFuture<String> f = sim.newFuture();
    NodeRef n = sim.addNode("n1", ctx -> () -> f.thenAccept(v -> log.add(v + "@" + sim.nowNanos() / MS)));
    sim.runFor(Duration.ZERO);
    sim.pause(n);
    sim.schedule(Duration.ofMillis(10), () -> f.complete("done"));
    sim.runFor(Duration.ofMillis(30));
    assertEquals(List.of(), log);
    sim.resume(n);
    sim.runFor(Duration.ZERO);
    assertEquals(List.of("done@30"), log);
  }

  @Test
  @DisplayName("a crash while paused drops the waiting events for good, even after a restart")
  void crashWhilePaused() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n =
        sim.addNode(
            "n1",
            ctx ->
                () -> {
                  if (ctx.incarnation() == 1) {
                    ctx.schedule(Duration.ofMillis(10), note(sim, log, "old"));
                  }
                });
    sim.runFor(Duration.ZERO);
    sim.pause(n);
    sim.runFor(Duration.ofMillis(20));
    sim.crash(n);
    sim.restart(n);
    sim.runFor(Duration.ofMillis(100));
    assertEquals(List.of(), log);
    assertEquals(NodeStatus.UP, n.status());
  }

  @Test
  @DisplayName("an event that pauses its own node makes the rest wait for the next resume")
  void pausedAgainWhileDraining() {
    Simulation sim = Simulation.create(1, EventOrderingTest.FIFO);
    List<String> log = new ArrayList<>();
    NodeRef[] self = new NodeRef[1];
    self[0] =
        sim.addNode(
            "n1",
            ctx ->
                () -> {
                  ctx.schedule(Duration.ofMillis(10), note(sim, log, "a"));
                  ctx.schedule(
                      Duration.ofMillis(10),
                      () -> {
                        log.add("b@" + sim.nowNanos() / MS);
                        sim.pause(self[0]);
                      });
                  ctx.schedule(Duration.ofMillis(10), note(sim, log, "c"));
                });
    sim.schedule(Duration.ofMillis(5), () -> sim.pause(self[0]));
    sim.schedule(Duration.ofMillis(20), () -> sim.resume(self[0]));
    sim.schedule(Duration.ofMillis(30), () -> sim.resume(self[0]));
    sim.runFor(Duration.ofMillis(50));
    assertEquals(List.of("a@20", "b@20", "c@30"), log);
  }
}
