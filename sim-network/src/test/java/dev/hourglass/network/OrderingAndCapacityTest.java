package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.network.NetFixture.Received;
import dev.hourglass.runtime.NodeRef;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Reordering from independent latencies, FIFO links, and the bounded in-flight capacity of a link. */
class OrderingAndCapacityTest {
  private static final LatencyModel WIDE = LatencyModel.uniform(Duration.ofMillis(1), Duration.ofMillis(100));
  private static final int COUNT = 50;
  private static final List<Integer> SEND_ORDER = IntStream.range(0, COUNT).boxed().toList();

  private static NetFixture sendBurst(long seed, boolean fifo) {
    NetFixture f = NetFixture.create(seed, 2, LinkOptions.defaults().withLatency(WIDE).withFifo(fifo));
    for (int i = 0; i < COUNT; i++) {
      f.sendAt(Duration.ofNanos(i * 1_000L), f.node(1), f.node(2), new Msg(i)); // 1 µs apart
    }
    f.sim.runFor(Duration.ofSeconds(1));
    f.assertNoFailure();
    return f;
  }

  @Test
  @DisplayName("a non-FIFO link reorders a burst when latencies are wide (seeds 1..5)")
  void nonFifoReorders() {
    for (long seed = 1; seed <= 5; seed++) {
      NetFixture f = sendBurst(seed, false);
      List<Integer> got = f.numbers(f.node(2));
      assertEquals(COUNT, got.size(), "seed " + seed);
      assertEquals(SEND_ORDER, got.stream().sorted().toList(), "every message once, seed " + seed);
      assertNotEquals(SEND_ORDER, got, "seed " + seed + ": 50 messages with 1-100 ms latency came in send order");
      long inversions = IntStream.range(1, COUNT).filter(i -> got.get(i) < got.get(i - 1)).count();
      assertTrue(inversions >= 10, "seed " + seed + ": only " + inversions + " descents in " + got);
    }
  }

  @Test
  @DisplayName("a FIFO link delivers in send order even with a wide uniform latency (seeds 1..5)")
  void fifoKeepsSendOrder() {
    for (long seed = 1; seed <= 5; seed++) {
      NetFixture f = sendBurst(seed, true);
      NodeRef b = f.node(2);
      assertEquals(SEND_ORDER, f.numbers(b), "seed " + seed);
      List<Received> in = f.inbox(b);
      for (int i = 1; i < in.size(); i++) {
        assertTrue(in.get(i).atNanos() > in.get(i - 1).atNanos(), "FIFO deliveries are strictly later: seed " + seed);
      }
      // The first message's latency is drawn from the model; later ones are pushed behind it.
      long first = in.get(0).atNanos();
      assertTrue(first >= Duration.ofMillis(1).toNanos() && first <= Duration.ofMillis(100).toNanos(), "first=" + first);
      assertTrue(f.net.stats(f.node(1), b).latencyNanosMax() <= Duration.ofMillis(100).toNanos());
    }
  }

  @Test
  @DisplayName("FIFO order holds across a duplication rate: every duplicate comes right after its original or later")
  void fifoWithDuplicates() {
    NetFixture f = NetFixture.create(9, 2, LinkOptions.defaults().withLatency(WIDE).withFifo(true).withDuplicateRate(0.3));
    for (int i = 0; i < COUNT; i++) {
      f.send(f.node(1), f.node(2), new Msg(i));
    }
    f.sim.runFor(Duration.ofSeconds(1));
    List<Integer> got = f.numbers(f.node(2));
    assertEquals(COUNT + f.net.stats(f.node(1), f.node(2)).duplicated(), got.size());
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i) >= got.get(i - 1), "out of order at " + i + ": " + got);
    }
  }

  @Test
  @DisplayName("a link with inFlightMax=3 drops the rest of a burst as LINK_FULL, counts it, and accepts again once drained")
  void inFlightOverflowDrops() {
    NetFixture f = NetFixture.create(1, 3, NetFixture.constant(Duration.ofMillis(10)).withInFlightMax(3));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);
    for (int i = 0; i < 10; i++) {
      f.send(a, b, new Msg(i));
    }
    f.send(a, c, new Msg(100)); // another link: its own capacity
    f.sim.runFor(Duration.ofMillis(20));

    assertEquals(3, f.numbers(b).size());
    assertEquals(List.of(0, 1, 2), f.numbers(b).stream().sorted().toList(), "the first three got in");
    assertEquals(List.of(100), f.numbers(c));
    LinkStats s = f.net.stats(a, b);
    assertEquals(10, s.sent());
    assertEquals(3, s.delivered());
    assertEquals(7, s.dropped(DropReason.LINK_FULL));
    assertEquals(7, f.traced(DropReason.LINK_FULL.traceLabel()).size());
    assertEquals(0, f.net.stats(a, c).droppedTotal());

    f.send(a, b, new Msg(10));
    f.sim.runFor(Duration.ofMillis(20));
    assertEquals(4, f.net.stats(a, b).delivered(), "capacity is given back on delivery");
  }

  @Test
  @DisplayName("parked messages still occupy their link: a clogged link with inFlightMax=2 overflows")
  void parkedMessagesCountAgainstCapacity() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(1)).withInFlightMax(2));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.clog(b);
    for (int i = 0; i < 5; i++) {
      f.sendAt(Duration.ofMillis(2L * i), a, b, new Msg(i));
    }
    f.sim.runFor(Duration.ofMillis(20));
    assertEquals(2, f.net.parked(a, b));
    assertEquals(3, f.net.stats(a, b).dropped(DropReason.LINK_FULL));
    f.net.unclog(b);
    f.sim.runFor(Duration.ofMillis(1));
    assertEquals(List.of(0, 1), f.numbers(b));
  }
}
