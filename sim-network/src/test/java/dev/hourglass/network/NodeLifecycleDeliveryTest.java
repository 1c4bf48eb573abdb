package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Messages meet crashes, restarts and pauses of the nodes at either end. */
class NodeLifecycleDeliveryTest {
  private static final Duration MS = Duration.ofMillis(1);

  @Test
  @DisplayName("a message to a crashed node is dropped and counted as DESTINATION_DOWN")
  void toCrashedNodeIsDropped() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.sim.crash(b);

    for (int i = 0; i < 3; i++) {
      f.send(a, b, new Msg(i));
    }
    f.sim.runFor(Duration.ofMillis(10));

    assertTrue(f.inbox(b).isEmpty());
    LinkStats s = f.net.stats(a, b);
    assertEquals(3, s.sent());
    assertEquals(0, s.delivered());
    assertEquals(3, s.dropped(DropReason.DESTINATION_DOWN));
    List<TraceRecord> drops = f.traced(DropReason.DESTINATION_DOWN.traceLabel());
    assertEquals(3, drops.size());
    drops.forEach(r -> assertEquals("n2", r.node()));
  }

  @Test
  @DisplayName("a message in flight when its destination crashes is lost, even if the node is back before it would arrive")
  void inFlightToCrashingNodeIsLost() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(10)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.crash(b);
    f.sim.runFor(Duration.ofMillis(10));
    f.sim.restart(b);
    f.send(a, b, new Msg(2));
    f.sim.runFor(Duration.ofMillis(20));

    assertEquals(List.of(2), f.numbers(b));
    assertEquals(1, f.net.stats(a, b).dropped(DropReason.DESTINATION_DOWN));
  }

  @Test
  @DisplayName("a message sent before its sender crashed still arrives")
  void sentBeforeSenderCrashArrives() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(10)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    long sentAt = f.sim.nowNanos();
    f.send(a, b, new Msg(1));
    f.sim.runFor(MS);
    f.sim.crash(a);
    f.sim.runFor(Duration.ofMillis(20));

    assertEquals(List.of(new NetFixture.Received(sentAt + Duration.ofMillis(10).toNanos(), "n1", new Msg(1))), f.inbox(b));
    assertEquals(1, f.net.stats(a, b).delivered());
    assertEquals(0, f.net.stats(a, b).droppedTotal());
  }

  @Test
  @DisplayName("a paused node receives nothing until resumed, then everything, in arrival order")
  void pausedReceiverGetsEverythingOnResume() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.sim.pause(b);
    for (int i = 0; i < 10; i++) {
      f.sendAt(Duration.ofMillis(i), a, b, new Msg(i));
    }

    f.sim.runFor(Duration.ofMillis(50));
    assertTrue(f.inbox(b).isEmpty(), "a paused node received " + f.inbox(b));
    assertEquals(10, f.traced("deferred").size(), "each arrival waits");
    assertEquals(0, f.net.stats(a, b).delivered());

    long resumedAt = f.sim.nowNanos();
    f.sim.resume(b);
    f.sim.runFor(MS);

    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), f.numbers(b));
    f.inbox(b).forEach(r -> assertEquals(resumedAt, r.atNanos()));
    assertEquals(10, f.net.stats(a, b).delivered());
    assertEquals(0, f.net.stats(a, b).droppedTotal());
  }

  @Test
  @DisplayName("a restarted node that has not registered its handler yet drops messages as NO_HANDLER")
  void restartedWithoutHandlerDropsNoHandler() {
    Simulation sim = Simulation.create(11);
    Network net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(MS)));
    List<Object> got = new ArrayList<>();
    // The first incarnation listens at once; later ones only after a 50 ms warm-up.
    NodeRef b = sim.addNode("b", ctx -> () -> {
      Endpoint e = ctx.component(Endpoint.class);
      if (ctx.incarnation() == 1) {
        e.onMessage((from, m) -> got.add(m));
      } else {
        ctx.schedule(Duration.ofMillis(50), () -> e.onMessage((from, m) -> got.add(m)));
      }
    });
    NodeRef a = sim.addNode("a", ctx -> () -> {});
    sim.runFor(Duration.ZERO);
    Endpoint ea = net.endpoint(a);

    ea.send(b, new Msg(1));
    sim.runFor(Duration.ofMillis(5));
    sim.crash(b);
    sim.restart(b);
    ea.send(b, new Msg(2)); // arrives during the warm-up
    sim.runFor(Duration.ofMillis(100));
    ea.send(b, new Msg(3));
    sim.runFor(Duration.ofMillis(5));

    assertEquals(List.of(new Msg(1), new Msg(3)), got);
    LinkStats s = net.stats(a, b);
    assertEquals(1, s.dropped(DropReason.NO_HANDLER));
    assertEquals(2, s.delivered());
    List<TraceRecord> drops = sim.trace().records().stream()
        .filter(r -> r.label().equals(DropReason.NO_HANDLER.traceLabel())).toList();
    assertEquals(1, drops.size());
    assertEquals("b", drops.get(0).node());
  }

  @Test
  @DisplayName("a crash forgets the handler: a restarted node that never registers one drops everything as NO_HANDLER")
  void crashClearsTheHandler() {
    Simulation sim = Simulation.create(12);
    Network net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(MS)));
    List<Object> got = new ArrayList<>();
    NodeRef b = sim.addNode("b", ctx -> () -> {
      if (ctx.incarnation() == 1) {
        ctx.component(Endpoint.class).onMessage((from, m) -> got.add(m));
      }
    });
    NodeRef a = sim.addNode("a", ctx -> () -> {});
    sim.runFor(Duration.ZERO);
    sim.crash(b);
    sim.restart(b);
    sim.runFor(Duration.ZERO);
    for (int i = 0; i < 4; i++) {
      net.endpoint(a).send(b, new Msg(i));
    }
    sim.runFor(Duration.ofMillis(5));

    assertTrue(got.isEmpty(), got.toString());
    assertEquals(4, net.stats(a, b).dropped(DropReason.NO_HANDLER));
  }

  @Test
  @DisplayName("a message waiting at a paused node that then crashes is counted as DESTINATION_DOWN")
  void waitingAtPausedNodeThatCrashesIsCounted() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.sim.pause(b);
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.crash(b);
    f.sim.runFor(Duration.ofMillis(5));

    LinkStats s = f.net.stats(a, b);
    assertEquals(s.sent() + s.duplicated(), s.delivered() + s.droppedTotal(), s.toString());
    assertEquals(1, s.dropped(DropReason.DESTINATION_DOWN));
  }

  @Test
  @DisplayName("messages released from a clog into a paused node that then crashes are dropped, and the link works after restart")
  void releaseIntoPausedNodeThatCrashes() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.clog(b);
    f.send(a, b, new Msg(1));
    f.send(a, b, new Msg(2));
    f.sim.runFor(Duration.ofMillis(5));
    assertEquals(2, f.net.parked(a, b));
    f.sim.pause(b);
    f.net.unclog(b); // the release event waits for the paused node...
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.crash(b); // ...and dies with it
    f.sim.restart(b);
    f.sim.runFor(Duration.ZERO);
    f.send(a, b, new Msg(3));
    f.sim.runFor(Duration.ofMillis(5));

    assertEquals(List.of(3), f.numbers(b), "the link to the restarted node must not stay parked");
    LinkStats s = f.net.stats(a, b);
    assertEquals(2, s.dropped(DropReason.DESTINATION_DOWN));
    assertEquals(0, f.net.parked(a, b));
    assertEquals(s.sent(), s.delivered() + s.droppedTotal());
  }
}
