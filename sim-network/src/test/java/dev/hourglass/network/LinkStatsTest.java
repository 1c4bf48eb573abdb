package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The per-link counters add up. Every message handed to a link ({@code sent}) and every copy it
 * made ({@code duplicated}) ends exactly once: delivered, dropped for one reason, or still in
 * flight (travelling or parked). So at any moment {@code sent + duplicated = delivered +
 * droppedTotal + inFlight}, and once the network is quiet {@code sent + duplicated = delivered +
 * droppedTotal}.
 */
class LinkStatsTest {
  private static final int NODES = 4;

  /** Traffic through every kind of fault, driven by a seeded stream of its own. */
  private static NetFixture busy(long seed) {
    LinkOptions link = LinkOptions.defaults().withLossRate(0.05).withDuplicateRate(0.05).withInFlightMax(8);
    NetFixture f = NetFixture.create(seed, NODES, link);
    SimRandom r = new SimRandom(seed ^ 0x5EED);
    for (int i = 0; i < 3_000; i++) {
      NodeRef from = f.node(1 + r.nextInt(NODES));
      NodeRef to = f.node(1 + r.nextInt(NODES));
      int n = i;
      f.sim.schedule(i * 100_000L, "send", i, () -> {
        if (from.isUp()) {
          f.send(from, to, new Msg(n));
        }
      });
    }
    NodeRef victim = f.node(2);
    f.sim.schedule(Duration.ofMillis(20), () -> f.net.halves());
    f.sim.schedule(Duration.ofMillis(40), () -> f.net.heal());
    f.sim.schedule(Duration.ofMillis(50), () -> f.net.clog(f.node(3), Duration.ofMillis(30)));
    f.sim.schedule(Duration.ofMillis(60), () -> f.net.hold(f.node(1), f.node(4)));
    f.sim.schedule(Duration.ofMillis(90), () -> f.net.release(f.node(1), f.node(4)));
    f.sim.schedule(Duration.ofMillis(100), () -> f.sim.crash(victim));
    f.sim.schedule(Duration.ofMillis(150), () -> f.sim.restart(victim));
    f.sim.schedule(Duration.ofMillis(200), () -> f.sim.pause(f.node(4)));
    f.sim.schedule(Duration.ofMillis(230), () -> f.sim.resume(f.node(4)));
    f.sim.schedule(Duration.ofMillis(240), () -> f.net.majoritiesRing());
    f.sim.schedule(Duration.ofMillis(260), () -> f.net.heal());
    return f;
  }

  private static long inFlightAnywhere(LinkStats s) {
    return s.sent() + s.duplicated() - s.delivered() - s.droppedTotal();
  }

  @Test
  @DisplayName("once the network is quiet, sent + duplicated = delivered + dropped on every link, for 5 seeds")
  void countersAddUpAtQuiescence() {
    for (long seed = 1; seed <= 5; seed++) {
      NetFixture f = busy(seed);
      f.sim.runFor(Duration.ofSeconds(2));
      f.assertNoFailure();
      for (NodeRef from : f.nodes) {
        for (NodeRef to : f.nodes) {
          LinkStats s = f.net.stats(from, to);
          assertEquals(s.sent() + s.duplicated(), s.delivered() + s.droppedTotal(), "seed " + seed + " " + from + "→" + to + " " + s);
          assertEquals(0, f.net.parked(from, to));
        }
      }
      LinkStats t = f.net.totals();
      EnumMap<DropReason, Long> reasons = new EnumMap<>(DropReason.class);
      t.dropped().forEach(reasons::put);
      assertTrue(reasons.keySet().containsAll(List.of(DropReason.LOSS, DropReason.PARTITIONED, DropReason.LINK_FULL)),
          "seed " + seed + ": the scenario exercises the drops " + reasons);
      assertTrue(t.duplicated() > 0);
    }
  }

  @Test
  @DisplayName("while messages travel or are parked, sent + duplicated - delivered - dropped counts exactly those")
  void countersAddUpMidFlight() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(10)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    for (int i = 0; i < 5; i++) {
      f.send(a, b, new Msg(i));
    }
    f.sim.runFor(Duration.ofMillis(5));
    assertEquals(5, inFlightAnywhere(f.net.stats(a, b)), "travelling");
    f.net.clog(b);
    f.sim.runFor(Duration.ofMillis(10));
    assertEquals(5, f.net.parked(a, b));
    assertEquals(5, inFlightAnywhere(f.net.stats(a, b)), "parked");
    f.net.unclog(b);
    f.sim.runFor(Duration.ofMillis(1));
    assertEquals(0, inFlightAnywhere(f.net.stats(a, b)));
    assertEquals(5, f.net.stats(a, b).delivered());
  }

  @Test
  @DisplayName("totals() adds up every link, and the trace holds one record per counted event")
  void totalsAndTraceAgree() {
    NetFixture f = busy(7);
    f.sim.runFor(Duration.ofSeconds(2));
    long sent = 0;
    long delivered = 0;
    long duplicated = 0;
    long latencyMax = 0;
    Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    for (NodeRef from : f.nodes) {
      for (NodeRef to : f.nodes) {
        LinkStats s = f.net.stats(from, to);
        sent += s.sent();
        delivered += s.delivered();
        duplicated += s.duplicated();
        latencyMax = Math.max(latencyMax, s.latencyNanosMax());
        s.dropped().forEach((r, n) -> dropped.merge(r, n, Long::sum));
      }
    }
    LinkStats t = f.net.totals();
    assertEquals(new LinkStats(sent, delivered, dropped, duplicated, latencyMax), t);
    assertEquals(t.sent(), f.traced("net.send").size());
    assertEquals(t.delivered(), f.traced("net.deliver").size());
    assertEquals(t.duplicated(), f.traced("net.duplicate").size());
    for (DropReason r : DropReason.values()) {
      assertEquals(t.dropped(r), f.traced(r.traceLabel()).size(), r.toString());
    }
    assertEquals(f.inbox(f.node(1)).size() + f.inbox(f.node(2)).size() + f.inbox(f.node(3)).size()
        + f.inbox(f.node(4)).size(), t.delivered());
  }

  @Test
  @DisplayName("LinkStats lists drops in DropReason order and cannot be changed")
  void statsAreOrderedValues() {
    Map<DropReason, Long> in = new java.util.HashMap<>();
    in.put(DropReason.LINK_FULL, 1L);
    in.put(DropReason.LOSS, 2L);
    in.put(DropReason.NO_HANDLER, 3L);
    LinkStats s = new LinkStats(10, 4, in, 0, 5);
    assertEquals(List.of(DropReason.LOSS, DropReason.NO_HANDLER, DropReason.LINK_FULL), List.copyOf(s.dropped().keySet()));
    assertEquals(6, s.droppedTotal());
    assertEquals(0, s.dropped(DropReason.PARTITIONED));
    assertThrows(UnsupportedOperationException.class, () -> s.dropped().put(DropReason.LOSS, 9L));
    assertEquals(new LinkStats(0, 0, Map.of(), 0, 0).dropped(), Map.of());
  }
}
