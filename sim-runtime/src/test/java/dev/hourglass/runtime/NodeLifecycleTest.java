package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Start, crash and restart: what a node keeps, what it loses, and who is told. */
class NodeLifecycleTest {
  private static final long MS = 1_000_000;

  /** A node that counts in memory and records what its timers and callbacks do. */
  static final class Counter implements Node {
    final NodeContext ctx;
    final List<String> log;
    int started;
    int count;

    Counter(NodeContext ctx, List<String> log) {
      this.ctx = ctx;
      this.log = log;
    }

    @Override
    public void onStart() {
      started++;
      log.add("start#" + ctx.incarnation() + "@" + ctx.simulation().nowNanos() / MS);
    }

    void timerIn(long ms, String what) {
      ctx.schedule(Duration.ofMillis(ms), () -> log.add(what + "#" + ctx.incarnation() + "@" + ctx.simulation().nowNanos() / MS));
    }
  }

  @Test
  @DisplayName("addNode builds the instance now and runs onStart once, as the next event")
  void startCallsOnStart() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n = sim.addNode("n1", ctx -> new Counter(ctx, log));
    Counter c = n.instance(Counter.class).orElseThrow();
    assertEquals(0, c.started, "onStart is an event, not part of addNode");
    assertEquals(NodeStatus.UP, n.status());
    assertTrue(n.isUp());
    assertEquals(1, n.incarnation());
    sim.runFor(Duration.ZERO);
    assertEquals(1, c.started);
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(1, c.started, "once per incarnation");
    assertEquals(List.of("start#1@0"), log);
    assertSame(n, sim.node("n1"));
    assertSame(n, sim.node(n.id()));
    assertEquals(List.of(n), sim.nodes());
  }

  @Test
  @DisplayName("addStoppedNode stays DOWN with no instance until start")
  void stoppedNode() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n = sim.addStoppedNode("n1", ctx -> new Counter(ctx, log));
    assertEquals(NodeStatus.DOWN, n.status());
    assertEquals(0, n.incarnation());
    assertTrue(n.instance(Counter.class).isEmpty());
    sim.runFor(Duration.ofMillis(5));
    assertEquals(List.of(), log);
    sim.start(n);
    sim.runFor(Duration.ofMillis(1));
    assertEquals(List.of("start#1@5"), log);
  }

  @Test
  @DisplayName("node names are unique, non-blank, and 'world' is reserved")
  void nodeNames() {
    Simulation sim = Simulation.create(1);
    sim.addNode("n1", ctx -> () -> {});
    assertThrows(IllegalArgumentException.class, () -> sim.addNode("n1", ctx -> () -> {}));
    assertThrows(IllegalArgumentException.class, () -> sim.addNode(" ", ctx -> () -> {}));
    assertThrows(IllegalArgumentException.class, () -> sim.addNode("world", ctx -> () -> {}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.node("nope"));
    assertTrue(e.getMessage().contains("n1"), "lists the nodes there are: " + e.getMessage());
  }

  @Test
  @DisplayName("lifecycle verbs check the node's status")
  void verbsCheckStatus() {
    Simulation sim = Simulation.create(1);
    NodeRef n = sim.addNode("n1", ctx -> () -> {});
    assertThrows(IllegalStateException.class, () -> sim.start(n));
    assertThrows(IllegalStateException.class, () -> sim.resume(n));
    sim.crash(n);
    assertThrows(IllegalStateException.class, () -> sim.crash(n));
    assertThrows(IllegalStateException.class, () -> sim.pause(n));
  }

  @Test
  @DisplayName("crash drops the node's timers: one set before the crash never runs, even after a restart")
  void crashDropsTimers() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n = sim.addNode("n1", ctx -> new Counter(ctx, log));
    sim.runFor(Duration.ZERO);
    n.instance(Counter.class).orElseThrow().timerIn(100, "old-timer");
    sim.runFor(Duration.ofMillis(50));
    assertEquals(1, sim.pendingEvents());
    sim.crash(n);
    assertEquals(0, sim.pendingEvents(), "the timer is cancelled at once");
    sim.runFor(Duration.ofMillis(10));
    sim.restart(n);
    sim.runFor(Duration.ZERO);
    n.instance(Counter.class).orElseThrow().timerIn(100, "new-timer");
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(List.of("start#1@0", "start#3@60", "new-timer#3@160"), log);
  }

  @Test
  @DisplayName("a crash in the middle of an instant drops the node's events still due then")
  void crashDropsSimultaneousEvents() {
    boolean sawCrashFirst = false;
    boolean sawCrashLast = false;
    for (long seed = 0; seed < 30; seed++) {
      Simulation sim = Simulation.create(seed);
      List<String> log = new ArrayList<>();
      NodeRef n = sim.addNode("n1", ctx -> new Counter(ctx, log));
      sim.runFor(Duration.ZERO);
      log.clear();
      Counter c = n.instance(Counter.class).orElseThrow();
      c.timerIn(10, "a");
      c.timerIn(10, "b");
      sim.schedule(Duration.ofMillis(10), () -> {
        log.add("crash");
        sim.crash(n);
      });
      sim.runFor(Duration.ofMillis(20));
      // The tie-break decides how many of a and b ran before the crash; none ran after it.
      assertEquals("crash", log.get(log.size() - 1), "seed=" + seed + " log=" + log);
      sawCrashFirst |= log.size() == 1;
      sawCrashLast |= log.size() == 3;
      assertEquals(NodeStatus.DOWN, n.status());
      assertEquals(0, sim.pendingEvents());
    }
    assertTrue(sawCrashFirst && sawCrashLast, "the seeds explored both extremes");
  }

  @Test
  @DisplayName("a crash drops thousands of pending timers at once and pendingEvents follows")
  void crashDropsManyTimers() {
    Simulation sim = Simulation.create(1);
    int[] fired = {0};
    NodeRef n =
        sim.addNode(
            "n1",
            ctx ->
                () -> {
                  for (int i = 0; i < 20_000; i++) {
                    ctx.schedule(Duration.ofMillis(1 + i % 500), () -> fired[0]++);
                  }
                });
    int[] worldRuns = {0};
    for (int i = 0; i < 10; i++) {
      sim.schedule(Duration.ofSeconds(1), () -> worldRuns[0]++);
    }
    sim.runFor(Duration.ZERO);
    assertEquals(20_010, sim.pendingEvents());
    sim.crash(n);
    assertEquals(10, sim.pendingEvents());
    sim.runUntilQuiescent(Duration.ofSeconds(5));
    assertEquals(0, fired[0]);
    assertEquals(10, worldRuns[0]);
  }

  @Test
  @DisplayName("crash drops SimFuture callbacks of the old incarnation, pending or not yet scheduled")
  void crashDropsFutureCallbacks() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> later = sim.newFuture();
    SimFuture<String> now = sim.newFuture();
    List<String> log = new ArrayList<>();
    NodeRef n =
        sim.addNode(
            "n1",
            ctx ->
                () -> {
                  int inc = ctx.incarnation();
                  later.thenAccept(v -> log.add("later#" + inc + ":" + v));
                  now.thenAccept(v -> log.add("now#" + inc + ":" + v));
                });
    sim.runFor(Duration.ofMillis(1));
    // Complete one and crash in the same event: its callback is queued, then dropped.
    sim.schedule(
        Duration.ofMillis(1),
        () -> {
          now.complete("x");
          sim.crash(n);
        });
    sim.runFor(Duration.ofMillis(5));
    sim.restart(n);
    sim.runFor(Duration.ofMillis(1));
    later.complete("y");
    sim.runFor(Duration.ofMillis(1));
    // The new incarnation registered on both again: "now" was already done, "later" completes.
    assertEquals(List.of("now#3:x", "later#3:y"), log);
  }

  @Test
  @DisplayName("restart builds a fresh instance from the factory: new object, next incarnation, old state gone")
  void restartIsFresh() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    List<NodeContext> contexts = new ArrayList<>();
    NodeRef n =
        sim.addNode(
            "n1",
            ctx -> {
              contexts.add(ctx);
              return new Counter(ctx, log);
            });
    sim.runFor(Duration.ZERO);
    Counter first = n.instance(Counter.class).orElseThrow();
    first.count = 42;
    sim.crash(n);
    assertEquals(NodeStatus.DOWN, n.status());
    assertEquals(2, n.incarnation());
    assertTrue(n.instance(Counter.class).isEmpty());
    sim.restart(n);
    Counter second = n.instance(Counter.class).orElseThrow();
    assertNotSame(first, second);
    assertEquals(0, second.count, "memory does not survive a crash");
    assertEquals(3, n.incarnation());
    assertEquals(2, contexts.size());
    assertNotSame(contexts.get(0), contexts.get(1));
    assertEquals(3, contexts.get(1).incarnation());
    sim.runFor(Duration.ZERO);
    assertEquals(1, second.started);
    assertEquals(1, first.started, "the old instance is not started again");
  }

  @Test
  @DisplayName("each incarnation draws from its own random stream")
  void incarnationStreams() {
    Simulation sim = Simulation.create(1);
    List<Long> draws = new ArrayList<>();
    NodeRef n = sim.addNode("n1", ctx -> () -> draws.add(ctx.random().nextLong()));
    sim.runFor(Duration.ZERO);
    sim.crash(n);
    sim.restart(n);
    sim.runFor(Duration.ZERO);
    assertEquals(2, draws.size());
    assertFalse(draws.get(0).equals(draws.get(1)), "a restart does not replay the old stream");
    assertEquals(sim.random().fork("node/n1/1").nextLong(), draws.get(0));
  }

  @Test
  @DisplayName("a scheduleOn event for a down node is dropped and a DropAware action is told")
  void scheduleOnDownNodeIsDropped() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n = sim.addNode("n1", ctx -> new Counter(ctx, log));
    sim.runFor(Duration.ZERO);
    List<NodeRef> droppedFor = new ArrayList<>();
    sim.scheduleOn(
        n,
        10 * MS,
        "msg",
        1,
        new DropAware() {
          @Override
          public void run() {
            log.add("delivered");
          }

          @Override
          public void dropped(NodeRef node) {
            droppedFor.add(node);
          }
        });
    sim.scheduleOn(n, 10 * MS, "plain", 2, () -> log.add("plain delivered"));
    sim.runFor(Duration.ofMillis(5));
    sim.crash(n);
    assertEquals(2, sim.pendingEvents(), "deliveries are not cancelled by a crash, only dropped when due");
    sim.runFor(Duration.ofMillis(10));
    assertEquals(List.of("start#1@0"), log);
    assertEquals(List.of(n), droppedFor);
    assertEquals(
        2, sim.trace().records().stream().filter(r -> r.label().equals("dropped")).count(), "drops are traced");
  }

  @Test
  @DisplayName("a scheduleOn event is delivered to whichever incarnation is up when it comes due")
  void scheduleOnReachesNewIncarnation() {
    Simulation sim = Simulation.create(1);
    List<String> log = new ArrayList<>();
    NodeRef n = sim.addNode("n1", ctx -> new Counter(ctx, log));
    sim.scheduleOn(n, 10 * MS, "msg", 0, () -> log.add("to #" + n.incarnation()));
    sim.runFor(Duration.ofMillis(2));
    sim.crash(n);
    sim.restart(n);
    sim.runFor(Duration.ofMillis(20));
    assertEquals(List.of("start#1@0", "start#3@2", "to #3"), log);
  }

  @Test
  @DisplayName("world events are never dropped, whatever the nodes do")
  void worldEventsRun() {
    Simulation sim = Simulation.create(1);
    NodeRef n = sim.addNode("n1", ctx -> () -> {});
    int[] runs = {0};
    sim.schedule(Duration.ofMillis(10), () -> runs[0]++);
    sim.crash(n);
    sim.runFor(Duration.ofMillis(20));
    assertEquals(1, runs[0]);
  }

  @Test
  @DisplayName("lifecycle listeners are called in registration order, after the status changed")
  void lifecycleListeners() {
    Simulation sim = Simulation.create(1);
    List<String> calls = new ArrayList<>();
    for (String who : List.of("L1", "L2")) {
      sim.addLifecycleListener(
          new NodeLifecycleListener() {
            private void note(String what, NodeRef node) {
              calls.add(who + " " + what + " " + node.name() + " " + node.status() + " #" + node.incarnation());
            }

            @Override
            public void onAdded(NodeRef node) {
              note("added", node);
            }

            @Override
            public void onStarted(NodeRef node) {
              note("started", node);
              assertTrue(node.instance(Node.class).isPresent(), "the new instance exists");
            }

            @Override
            public void onCrashed(NodeRef node) {
              note("crashed", node);
            }

            @Override
            public void onPaused(NodeRef node) {
              note("paused", node);
            }

            @Override
            public void onResumed(NodeRef node) {
              note("resumed", node);
            }
          });
    }
    NodeRef n = sim.addNode("n1", ctx -> () -> {});
    sim.pause(n);
    sim.resume(n);
    sim.crash(n);
    sim.restart(n);
    assertEquals(
        List.of(
            "L1 added n1 DOWN #0",
            "L2 added n1 DOWN #0",
            "L1 started n1 UP #1",
            "L2 started n1 UP #1",
            "L1 paused n1 PAUSED #1",
            "L2 paused n1 PAUSED #1",
            "L1 resumed n1 UP #1",
            "L2 resumed n1 UP #1",
            "L1 crashed n1 DOWN #2",
            "L2 crashed n1 DOWN #2",
            "L1 started n1 UP #3",
            "L2 started n1 UP #3"),
        calls);
  }

  /** A per-node component, such as a disk. */
  static final class Disk {
    final String owner;

    Disk(String owner) {
      this.owner = owner;
    }
  }

  @Test
  @DisplayName("per-node components exist for nodes added before and after registration, and survive crashes")
  void nodeComponents() {
    Simulation sim = Simulation.create(1);
    List<Disk> seenByNodes = new ArrayList<>();
    NodeFactory factory =
        ctx ->
            () -> {
              seenByNodes.add(ctx.component(Disk.class));
            };
    NodeRef before = sim.addNode("before", factory);
    List<String> made = new ArrayList<>();
    sim.registerNodeComponent(
        Disk.class,
        node -> {
          made.add(node.name());
          return new Disk(node.name());
        });
    NodeRef after = sim.addNode("after", factory);
    assertEquals(List.of("before", "after"), made, "one per node, made when registered or added");
    Disk beforeDisk = before.component(Disk.class);
    Disk afterDisk = after.component(Disk.class);
    assertEquals("before", beforeDisk.owner);
    assertEquals("after", afterDisk.owner);

    sim.runFor(Duration.ZERO);
    sim.crash(before);
    sim.restart(before);
    sim.runFor(Duration.ZERO);
    assertSame(beforeDisk, before.component(Disk.class), "survives the crash");
    assertEquals(List.of("before", "after"), made, "not rebuilt on restart");
    assertEquals(3, seenByNodes.size());
    assertSame(beforeDisk, seenByNodes.get(2), "the new incarnation sees the same component");

    assertThrows(IllegalArgumentException.class, () -> sim.registerNodeComponent(Disk.class, node -> new Disk(node.name())));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> before.component(String.class));
    assertTrue(e.getMessage().contains("registerNodeComponent"), e.getMessage());
  }

  @Test
  @DisplayName("simulation-wide components are attached once and found by type")
  void simulationComponents() {
    Simulation sim = Simulation.create(1);
    assertTrue(sim.findComponent(Disk.class).isEmpty());
    Disk d = new Disk("world");
    sim.putComponent(Disk.class, d);
    assertSame(d, sim.component(Disk.class));
    assertThrows(IllegalArgumentException.class, () -> sim.putComponent(Disk.class, new Disk("x")));
    assertThrows(IllegalArgumentException.class, () -> sim.component(String.class));
  }
}
