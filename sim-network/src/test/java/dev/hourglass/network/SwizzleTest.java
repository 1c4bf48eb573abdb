package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Received;
import dev.hourglass.runtime.NodeRef;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FoundationDB's swizzle: a random non-empty subset of nodes clogged one at a time, then unclogged
 * in reverse order. Observed by timing probes each node sends itself: a probe sent while its node
 * is clogged arrives exactly when the node is unclogged.
 */
class SwizzleTest {
  private static final long STEP = Duration.ofMillis(100).toNanos();
  private static final long PROBE_LATENCY = 1_000; // 1 µs

  record Probe(long sentAtNanos) {}

  record Chat(int n) {}

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("swizzle clogs a non-empty subset one by one and unclogs it in reverse order; every message gets through")
  void swizzle(int n) {
    Set<Integer> subsetSizes = new HashSet<>();
    for (long seed = 1; seed <= 8; seed++) {
      NetFixture f = NetFixture.create(seed, n, LinkOptions.defaults().withLatency(new LatencyModel.Constant(PROBE_LATENCY)));
      List<NodeRef> chosen = f.net.swizzle(Duration.ofNanos(STEP));
      int k = chosen.size();
      subsetSizes.add(k);
      assertTrue(k >= 1 && k <= n, "seed " + seed + ": " + chosen);
      assertEquals(k, new HashSet<>(chosen).size(), "distinct nodes: " + chosen);

      // Probes at every half step, node to itself; chatter between every pair every 10 ms.
      long horizon = STEP * (2L * k + 1);
      for (long t = STEP / 2; t < horizon; t += STEP) {
        for (NodeRef node : f.nodes) {
          long at = t;
          f.sim.schedule(at, "probe", node.id(), () -> f.send(node, node, new Probe(at)));
        }
      }
      int chat = 0;
      for (long t = 0; t < horizon; t += Duration.ofMillis(10).toNanos()) {
        for (NodeRef from : f.nodes) {
          for (NodeRef to : f.nodes) {
            if (from != to) {
              Chat m = new Chat(chat++);
              f.sim.schedule(t, "chat", 0, () -> f.send(from, to, m));
            }
          }
        }
      }
      f.sim.runFor(Duration.ofNanos(horizon + STEP));
      f.assertNoFailure();

      for (NodeRef node : f.nodes) {
        int i = chosen.indexOf(node);
        long clogAt = i < 0 ? Long.MAX_VALUE : STEP * i;
        long unclogAt = i < 0 ? Long.MIN_VALUE : STEP * (2L * k - 1 - i);
        for (Received r : f.inbox(node)) {
          if (r.message() instanceof Probe p) {
            boolean clogged = p.sentAtNanos() >= clogAt && p.sentAtNanos() < unclogAt;
            long expected = clogged ? unclogAt : p.sentAtNanos() + PROBE_LATENCY;
            assertEquals(expected, r.atNanos(), "seed " + seed + " " + node + " (swizzle position " + i + " of " + chosen
                + "): probe sent at " + p.sentAtNanos());
          }
        }
      }
      List<String> clogOrder = f.traced("net.clog").stream().map(r -> r.node()).toList();
      List<String> unclogOrder = f.traced("net.unclog").stream().map(r -> r.node()).toList();
      List<String> names = chosen.stream().map(NodeRef::name).toList();
      assertEquals(names, clogOrder);
      assertEquals(names.reversed(), unclogOrder);

      LinkStats totals = f.net.totals();
      assertEquals(totals.sent(), totals.delivered(), "seed " + seed + ": everything is delivered in the end");
      assertEquals(0, totals.droppedTotal());
      f.nodes.forEach(a -> f.nodes.forEach(b -> assertEquals(0, f.net.parked(a, b))));
    }
    assertFalse(subsetSizes.isEmpty());
    assertTrue(subsetSizes.size() >= 2, "the subset size is drawn at random, yet 8 seeds gave " + subsetSizes);
  }
}
