package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every network event is in the trace, under the labels the code and docs use, and feeds the trace hash. */
class NetworkTraceTest {
  private static final Duration MS = Duration.ofMillis(1);

  @Test
  @DisplayName("send, arrive, deliver, duplicate and every drop reason are traced, attributed to the right node")
  void messageEventsAreTraced() {
    NetFixture f = NetFixture.create(1, 3, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    NodeRef c = f.node(3);

    f.send(a, b, new Msg(1)); // delivered
    f.net.configureLink(a, c, NetFixture.constant(MS).withLossRate(1.0));
    f.send(a, c, new Msg(2)); // LOSS
    f.net.configureLink(b, a, NetFixture.constant(MS).withDuplicateRate(1.0));
    f.send(b, a, new Msg(3)); // duplicated, both delivered
    f.net.configureLink(c, a, NetFixture.constant(MS).withInFlightMax(1));
    f.send(c, a, new Msg(4));
    f.send(c, a, new Msg(5)); // LINK_FULL
    f.net.oneWay(c, b);
    f.send(c, b, new Msg(6)); // PARTITIONED
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.crash(b);
    f.send(a, b, new Msg(7)); // DESTINATION_DOWN
    f.sim.runFor(Duration.ofMillis(5));
    f.sim.restart(b); // its onStart registers a handler before the next message arrives
    f.send(a, b, new Msg(8)); // delivered
    f.sim.runFor(Duration.ofMillis(5));

    assertEquals(8, f.traced("net.send").size());
    f.traced("net.send").forEach(r -> assertTrue(Set.of("n1", "n2", "n3").contains(r.node())));
    assertEquals(1, f.traced("net.duplicate").size());
    assertEquals("n2", f.traced("net.duplicate").get(0).node(), "a duplicate is made at the sender");
    assertEquals(1, f.traced(DropReason.LOSS.traceLabel()).size());
    assertEquals("n1", f.traced(DropReason.LOSS.traceLabel()).get(0).node(), "lost at the sender");
    assertEquals(1, f.traced(DropReason.LINK_FULL.traceLabel()).size());
    assertEquals("n3", f.traced(DropReason.LINK_FULL.traceLabel()).get(0).node());
    assertEquals(1, f.traced(DropReason.PARTITIONED.traceLabel()).size());
    assertEquals(1, f.traced(DropReason.DESTINATION_DOWN.traceLabel()).size());
    assertEquals("n2", f.traced(DropReason.DESTINATION_DOWN.traceLabel()).get(0).node(), "dropped where it arrives");

    // Every delivery names a message that was sent or duplicated, and was preceded by its arrival.
    Set<Long> ids = new HashSet<>();
    f.traced("net.send").forEach(r -> ids.add(r.detail()));
    f.traced("net.duplicate").forEach(r -> ids.add(r.detail()));
    assertEquals(9, ids.size(), "message ids are unique");
    List<TraceRecord> records = f.sim.trace().records();
    for (int i = 0; i < records.size(); i++) {
      TraceRecord r = records.get(i);
      if (r.label().equals("net.deliver")) {
        assertTrue(ids.contains(r.detail()), "delivered an unknown message: " + r);
        TraceRecord before = records.get(i - 1);
        assertEquals("net.arrive", before.label(), "a delivery runs inside its arrival event: " + before);
        assertEquals(r.detail(), before.detail());
        assertEquals(r.node(), before.node());
      }
    }
    assertEquals(f.net.totals().delivered(), f.traced("net.deliver").size());
    assertEquals(5, f.traced("net.deliver").size(), "1, 3 and its duplicate, 4, and 8: " + f.net.totals());
  }

  @Test
  @DisplayName("partition changes, clogs, holds and link settings are traced under their own labels")
  void faultEventsAreTraced() {
    NetFixture f = NetFixture.create(1, 5, NetFixture.constant(MS));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.net.partition(List.of(a), List.of(b));
    f.net.isolate(a);
    f.net.halves();
    f.net.bridge();
    f.net.majoritiesRing();
    f.net.oneWay(a, b);
    f.net.heal();
    f.net.clog(a, Duration.ofMillis(10));
    f.net.clog(a, b, Duration.ofMillis(10));
    f.net.clog(b);
    f.net.unclog(b);
    f.net.hold(a, b);
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(20));
    f.net.release(a, b);
    f.net.setDefaultLink(NetFixture.constant(MS.multipliedBy(2)));
    f.net.swizzle(MS);
    f.sim.runFor(Duration.ofMillis(50));

    Map<String, Long> expected = new LinkedHashMap<>();
    for (String label : List.of("net.partition.groups", "net.partition.isolate", "net.partition.halves",
        "net.partition.bridge", "net.partition.majorities-ring", "net.partition.one-way", "net.heal",
        "net.clog.link", "net.hold", "net.park", "net.default-link")) {
      expected.put(label, 1L);
    }
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), (long) f.traced(e.getKey()).size(), e.getKey());
    }
    assertTrue(f.traced("net.clog").size() >= 2, "clog(node, d), clog(node) and the swizzle's");
    assertEquals(f.traced("net.swizzle.clog").size(), f.traced("net.swizzle.unclog").size());
    assertTrue(f.traced("net.swizzle.clog").size() >= 1);
    assertEquals(1 + f.traced("net.swizzle.unclog").size(), f.traced("net.unclog").size());
    assertTrue(f.traced("net.release").size() >= 2, "release(a, b) and the event that delivers what it let go");
    // Different shapes cut different links, and the detail says which.
    long groups = f.traced("net.partition.groups").get(0).detail();
    long isolate = f.traced("net.partition.isolate").get(0).detail();
    assertNotEquals(groups, isolate);
    assertEquals("world", f.traced("net.heal").get(0).node());
  }

  /**
   * A fixed little run (n1→n2, n2→n3, n3→n1; the other links idle), plus whatever {@code extra}
   * does at 2 ms; returns the trace hash.
   */
  private static long hashOf(long seed, Consumer<NetFixture> extra) {
    NetFixture f = NetFixture.create(seed, 3, NetFixture.constant(MS));
    for (int i = 0; i < 10; i++) {
      f.sendAt(Duration.ofMillis(i), f.node(1 + i % 3), f.node(1 + (i + 1) % 3), new Msg(i));
    }
    f.sim.schedule(Duration.ofMillis(2), () -> extra.accept(f));
    f.sim.runFor(Duration.ofMillis(20));
    return f.sim.trace().hash();
  }

  @Test
  @DisplayName("each kind of network event changes the trace hash, even one that changes no delivery")
  void networkEventsFeedTheHash() {
    long base = hashOf(1, f -> {});
    assertEquals(base, hashOf(1, f -> {}), "same seed, same run, same hash");
    Map<String, Consumer<NetFixture>> variants = new LinkedHashMap<>();
    variants.put("heal with nothing cut", f -> f.net.heal());
    variants.put("a one-way cut on an unused link", f -> f.net.oneWay(f.node(1), f.node(3)));
    variants.put("an extra send", f -> f.send(f.node(1), f.node(2), new Msg(99)));
    variants.put("a hold and release of an idle link", f -> {
      f.net.hold(f.node(2), f.node(1));
      f.net.release(f.node(2), f.node(1));
    });
    variants.put("a zero-length clog", f -> f.net.clog(f.node(1), Duration.ZERO));
    variants.put("a drop instead of a delivery", f -> f.net.setDefaultLink(NetFixture.constant(MS).withLossRate(1.0)));
    variants.put("a duplicate", f -> f.net.setDefaultLink(NetFixture.constant(MS).withDuplicateRate(1.0)));
    Set<Long> hashes = new HashSet<>();
    hashes.add(base);
    variants.forEach((what, v) -> {
      long h = hashOf(1, v);
      assertNotEquals(base, h, what + " left the hash unchanged");
      assertEquals(h, hashOf(1, v), what + " is not deterministic");
      hashes.add(h);
    });
    assertEquals(variants.size() + 1, hashes.size(), "every variant has its own hash");
  }

  @Test
  @DisplayName("two runs of one seed have identical network traces, record by record")
  void tracesAreReproducible() {
    DeterminismCheck.Report report = DeterminismCheck.check(9, seed -> {
      NetFixture f = NetFixture.create(seed, 4, LinkOptions.defaults().withLossRate(0.1).withDuplicateRate(0.1));
      f.net.halves();
      for (int i = 0; i < 200; i++) {
        f.sendAt(Duration.ofNanos(i * 37_000L), f.node(1 + i % 4), f.node(1 + (i * 7 + 1) % 4), new Msg(i));
      }
      f.sim.schedule(Duration.ofMillis(3), () -> f.net.heal());
      f.sim.runFor(Duration.ofMillis(200));
      return f.sim.trace();
    });
    assertTrue(report.deterministic(), report.describe());
  }
}
