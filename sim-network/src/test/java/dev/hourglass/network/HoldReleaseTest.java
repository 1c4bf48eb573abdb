package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** hold/release: a test captures one link's messages and lets them go when it chooses. */
class HoldReleaseTest {
  private static final Duration MS = Duration.ofMillis(1);

  @Test
  @DisplayName("hold(a, b) captures what arrives on a→b only; release delivers it in arrival order and returns the count")
  void holdAndRelease() {
    NetFixture f = NetFixture.create(3, 3, LinkOptions.defaults().withLatency(LatencyModel.uniform(MS, Duration.ofMillis(20))));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    f.net.hold(a, b);
    for (int i = 0; i < 20; i++) {
      f.send(a, b, new Msg(i));
    }
    f.send(b, a, new Msg(100));
    f.send(a, c, new Msg(200));
    f.sim.runFor(Duration.ofSeconds(1));

    assertTrue(f.inbox(b).isEmpty(), "held messages leaked: " + f.inbox(b));
    assertEquals(List.of(100), f.numbers(a), "the other direction is not held");
    assertEquals(List.of(200), f.numbers(c), "other links are not held");
    assertEquals(20, f.net.parked(a, b));

    long releasedAt = f.sim.nowNanos();
    assertEquals(20, f.net.release(a, b));
    f.sim.runFor(Duration.ZERO);

    assertEquals(f.parkedAt(b), f.messages(b), "delivered in arrival order");
    assertEquals(20, f.inbox(b).size());
    f.inbox(b).forEach(r -> assertEquals(releasedAt, r.atNanos()));
    assertEquals(0, f.net.parked(a, b));
    assertEquals(0, f.net.release(a, b), "nothing left to release");

    f.send(a, b, new Msg(20));
    f.sim.runFor(Duration.ofMillis(25));
    assertEquals(21, f.inbox(b).size(), "released means no longer held");
  }

  @Test
  @DisplayName("hold and release build an exact interleaving: the later, slower message is delivered first")
  void exactInterleaving() {
    NetFixture f = NetFixture.create(1, 3, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    f.net.hold(a, c);
    f.send(a, c, new Msg(1)); // "old leader's write"
    f.sim.runFor(Duration.ofMillis(5));
    f.send(b, c, new Msg(2)); // "new leader's write"
    f.sim.runFor(Duration.ofMillis(5));
    assertEquals(1, f.net.release(a, c));
    f.sim.runFor(Duration.ofMillis(5));

    assertEquals(List.of(2, 1), f.numbers(c));
    assertEquals(Duration.ofMillis(10).toNanos(), f.inbox(c).get(1).atNanos());
  }

  @Test
  @DisplayName("a held message is still subject to partitions: cut while held, it is dropped at release")
  void heldThenPartitioned() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.hold(a, b);
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(5));
    f.net.oneWay(a, b);
    assertEquals(1, f.net.release(a, b));
    f.sim.runFor(Duration.ofMillis(5));
    assertTrue(f.inbox(b).isEmpty());
    assertEquals(1, f.net.stats(a, b).dropped(DropReason.PARTITIONED));
  }

  @Test
  @DisplayName("held messages for a node that crashes are dropped at release as DESTINATION_DOWN")
  void heldThenCrashed() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.hold(a, b);
    f.send(a, b, new Msg(1));
    f.send(a, b, new Msg(2));
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.crash(b);
    assertEquals(2, f.net.release(a, b));
    f.sim.runFor(Duration.ofMillis(5));
    LinkStats s = f.net.stats(a, b);
    assertEquals(2, s.dropped(DropReason.DESTINATION_DOWN));
    assertEquals(s.sent(), s.delivered() + s.droppedTotal());
  }
}
