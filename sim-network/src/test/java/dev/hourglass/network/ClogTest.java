package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.network.NetFixture.Received;
import dev.hourglass.runtime.NodeRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Clogs hold messages (never drop them) and deliver them, in arrival order, when they end. */
class ClogTest {
  private static final Duration MS = Duration.ofMillis(1);
  private static final LatencyModel SPREAD = LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(30));

  @Test
  @DisplayName("clog(node, d) holds messages to and from the node, then delivers them all after d in arrival order")
  void clogNodeHoldsBothWays() {
    NetFixture f = NetFixture.create(2, 3, LinkOptions.defaults().withLatency(SPREAD));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    f.net.clog(b, Duration.ofMillis(100));
    List<Integer> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      f.sendAt(Duration.ofMillis(5L * i), a, b, new Msg(i)); // to the clogged node
      sent.add(i);
    }
    for (int i = 0; i < 5; i++) {
      f.sendAt(Duration.ofMillis(5L * i + 1), b, c, new Msg(100 + i)); // from it
    }
    f.sim.runFor(Duration.ofMillis(99));
    assertTrue(f.inbox(b).isEmpty(), "delivered through a clog: " + f.inbox(b));
    assertTrue(f.inbox(c).isEmpty(), "delivered through a clog: " + f.inbox(c));
    assertEquals(10, f.net.parked(a, b));
    assertEquals(5, f.net.parked(b, c));

    f.sim.runFor(Duration.ofMillis(1));
    long end = Duration.ofMillis(100).toNanos();
    f.inbox(b).forEach(r -> assertEquals(end, r.atNanos(), "released when the clog ends"));
    f.inbox(c).forEach(r -> assertEquals(end, r.atNanos()));
    assertEquals(10, f.inbox(b).size());
    assertEquals(5, f.inbox(c).size());

    assertEquals(f.parkedAt(b), f.messages(b), "delivered in the order they arrived");
    assertEquals(f.parkedAt(c), f.messages(c));
    assertNotEquals(sent, f.numbers(b), "with 1-30 ms latencies, arrival order differs from send order here (seed 2)");
    assertEquals(0, f.net.totals().droppedTotal(), "a clog holds, it never drops");
  }

  @Test
  @DisplayName("clog(a, b, d) holds only messages between a and b, both ways")
  void clogPairOnly() {
    NetFixture f = NetFixture.create(1, 3, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    f.net.clog(a, b, Duration.ofMillis(50));
    f.send(a, b, new Msg(1));
    f.send(b, a, new Msg(2));
    f.send(a, c, new Msg(3));
    f.send(c, b, new Msg(4));
    f.send(b, c, new Msg(5));
    f.sim.runFor(Duration.ofMillis(2));

    assertEquals(List.of(4), f.numbers(b));
    assertTrue(f.inbox(a).isEmpty());
    assertEquals(List.of(3, 5), f.numbers(c).stream().sorted().toList());
    f.inbox(c).forEach(r -> assertEquals(MS.toNanos(), r.atNanos(), "not delayed"));

    f.sim.runFor(Duration.ofMillis(50));
    assertEquals(List.of(4, 1), f.numbers(b));
    assertEquals(List.of(2), f.numbers(a));
    assertEquals(Duration.ofMillis(50).toNanos(), f.inbox(a).get(0).atNanos());
    assertEquals(0, f.net.totals().droppedTotal());
  }

  @Test
  @DisplayName("clog(node) holds until unclog(node), however long, then delivers at once")
  void clogIndefinitely() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.clog(b);
    for (int i = 0; i < 5; i++) {
      f.sendAt(Duration.ofSeconds(i), a, b, new Msg(i));
    }
    f.sim.runFor(Duration.ofMinutes(10));
    assertTrue(f.inbox(b).isEmpty());
    assertEquals(5, f.net.parked(a, b));
    assertEquals(0, f.sim.pendingEvents(), "nothing is scheduled to end an indefinite clog");

    long unclogAt = f.sim.nowNanos();
    f.net.unclog(b);
    f.sim.runFor(MS);
    assertEquals(List.of(0, 1, 2, 3, 4), f.numbers(b));
    f.inbox(b).forEach(r -> assertEquals(unclogAt, r.atNanos()));
    assertEquals(0, f.net.parked(a, b));
    LinkStats s = f.net.stats(a, b);
    assertEquals(Duration.ofMinutes(10).toNanos(), s.latencyNanosMax(), "latency counts the time held");

    long sentAt = f.sim.nowNanos();
    f.send(a, b, new Msg(5));
    f.sim.runFor(Duration.ofMillis(2));
    assertEquals(sentAt + MS.toNanos(), f.inbox(b).get(5).atNanos(), "after unclog, messages flow freely");
  }

  @Test
  @DisplayName("a message arriving at the very instant a clog ends does not overtake the held ones (FIFO link, 50 seeds)")
  void noOvertakingAtTheEndOfAClog() {
    for (long seed = 0; seed < 50; seed++) {
      NetFixture f = NetFixture.create(seed, 2, NetFixture.constant(MS).withFifo(true));
      NodeRef a = f.node(1);
      NodeRef b = f.node(2);
      f.net.clog(b, Duration.ofMillis(10));
      for (int i = 0; i < 20; i++) {
        f.sendAt(Duration.ofMillis(i), a, b, new Msg(i)); // message 9 arrives exactly at 10 ms
      }
      f.sim.runFor(Duration.ofSeconds(1));
      assertEquals(IntStream.range(0, 20).boxed().toList(), f.numbers(b), "seed " + seed);
    }
  }

  @Test
  @DisplayName("a message arriving at the instant of a hold's release waits behind the held ones (50 seeds)")
  void noOvertakingAtRelease() {
    for (long seed = 0; seed < 50; seed++) {
      NetFixture f = NetFixture.create(seed, 2, NetFixture.constant(MS).withFifo(true));
      NodeRef a = f.node(1);
      NodeRef b = f.node(2);
      f.net.hold(a, b);
      for (int i = 0; i < 6; i++) {
        f.sendAt(Duration.ofMillis(i), a, b, new Msg(i)); // message 5 arrives at 6 ms
      }
      int[] released = {-1};
      f.sim.schedule(Duration.ofMillis(6), () -> released[0] = f.net.release(a, b));
      f.sim.runFor(Duration.ofMillis(20));
      assertEquals(List.of(0, 1, 2, 3, 4, 5), f.numbers(b), "seed " + seed);
      assertTrue(released[0] == 5 || released[0] == 6, "seed " + seed + ": release returned " + released[0]);
    }
  }

  @Test
  @DisplayName("a message parked by a clog is dropped if its link is cut when the clog ends")
  void parkedThenPartitioned() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.clog(b, Duration.ofMillis(10));
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(5));
    f.net.isolate(b);
    f.sim.runFor(Duration.ofMillis(10));
    assertTrue(f.inbox(b).isEmpty());
    assertEquals(1, f.net.stats(a, b).dropped(DropReason.PARTITIONED));
    assertEquals(0, f.net.parked(a, b));
  }

  @Test
  @DisplayName("a longer clog of the same node extends the hold; unclog(node) ends it early")
  void clogsExtendAndUnclogEnds() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.clog(b, Duration.ofMillis(10));
    f.net.clog(b, Duration.ofMillis(30));
    f.net.clog(b, Duration.ofMillis(20));
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(25));
    assertTrue(f.inbox(b).isEmpty(), "the 30 ms clog is still on");
    f.sim.runFor(Duration.ofMillis(10));
    assertEquals(List.of(new Received(Duration.ofMillis(30).toNanos(), "n1", new Msg(1))), f.inbox(b));

    f.net.clog(b, Duration.ofSeconds(10));
    f.send(a, b, new Msg(2));
    f.sim.runFor(Duration.ofMillis(5));
    long early = f.sim.nowNanos();
    f.net.unclog(b);
    f.sim.runFor(Duration.ofMillis(1));
    assertEquals(early, f.inbox(b).get(1).atNanos());
  }
}
