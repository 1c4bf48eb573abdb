package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The self-check: run a seed twice, compare, and name the first event where the runs part. */
class DeterminismCheckTest {
  private static final int SETUP_EVENTS = 5;

  /** A replica handle with no hashCode: a HashMap orders these by identity hash, which varies per run. */
  private static final class Replica {
    final int index;

    Replica(int index) {
      this.index = index;
    }
  }

  /**
   * The planted bug: a broadcast visits replicas in the iteration order of a HashMap keyed by
   * identity-hashed objects, and that order decides when each visit is scheduled. Records the
   * order it used in {@code orders}.
   */
  private static Trace identityOrderedBroadcast(long seed, List<List<Integer>> orders, int recordsMax) {
    Simulation sim = Simulation.create(seed, SimulationOptions.defaults().withTraceRecordsMax(recordsMax));
    for (int i = 0; i < SETUP_EVENTS; i++) {
      sim.schedule(0, "setup", i, () -> {});
    }
    Map<Replica, String> replicas = new HashMap<>();
    for (int i = 0; i < 32; i++) {
      replicas.put(new Replica(i), "r" + i);
    }
    List<Integer> order = new ArrayList<>();
    long delay = 1_000;
    for (Replica r : replicas.keySet()) { // nondeterministic: identity hash order
      order.add(r.index);
      sim.schedule(delay++, "visit", r.index, () -> {});
    }
    orders.add(order);
    sim.runUntilQuiescent(Duration.ofSeconds(1));
    return sim.trace();
  }

  @Test
  @DisplayName("iterating a HashMap keyed by identity-hashed objects is caught, and the report names the divergent event")
  void plantedIdentityHashOrder() {
    // 32 keys in two fresh runs share an iteration order with negligible probability; a bounded
    // retry makes even that harmless, and the orders each run used are checked, not assumed.
    for (int attempt = 0; attempt < 3; attempt++) {
      List<List<Integer>> orders = new ArrayList<>();
      DeterminismCheck.Report report = DeterminismCheck.check(42, s -> identityOrderedBroadcast(s, orders, 1_000));
      List<Integer> first = orders.get(0);
      List<Integer> second = orders.get(1);
      if (first.equals(second)) {
        assertTrue(report.deterministic(), "same order, same trace");
        continue;
      }
      int i = 0;
      while (first.get(i).equals(second.get(i))) {
        i++;
      }
      long index = SETUP_EVENTS + i;
      assertFalse(report.deterministic());
      assertNotEquals(report.firstHash(), report.secondHash());
      Divergence d = report.divergence().orElseThrow();
      assertEquals(index, d.index());
      assertFalse(d.beyondRetained());
      TraceRecord one = d.first().orElseThrow();
      TraceRecord two = d.second().orElseThrow();
      assertEquals("visit", one.label());
      assertEquals(first.get(i), (int) one.detail());
      assertEquals(second.get(i), (int) two.detail());
      assertEquals(one.timeNanos(), two.timeNanos());
      String text = report.describe();
      assertTrue(text.startsWith("NONDETERMINISTIC: seed=" + Seeds.format(42)), text);
      assertTrue(text.contains("first divergent event #" + index), text);
      assertTrue(text.contains("run 1: " + one.describe()) && text.contains("run 2: " + two.describe()), text);
      assertTrue(one.describe().contains("world visit detail=" + first.get(i)), one.describe());
      return;
    }
    throw new AssertionError("three pairs of runs iterated 32 identity-hashed keys in the same order");
  }

  @Test
  @DisplayName("a divergence past the retained records is reported as such, with the hint to raise traceRecordsMax")
  void divergenceBeyondRetained() {
    for (int attempt = 0; attempt < 3; attempt++) {
      List<List<Integer>> orders = new ArrayList<>();
      DeterminismCheck.Report report = DeterminismCheck.check(7, s -> identityOrderedBroadcast(s, orders, 3));
      if (orders.get(0).equals(orders.get(1))) {
        continue;
      }
      Divergence d = report.divergence().orElseThrow();
      assertTrue(d.beyondRetained());
      assertEquals(3, d.index());
      assertTrue(d.describe().contains("traceRecordsMax"), d.describe());
      return;
    }
    throw new AssertionError("three pairs of runs iterated 32 identity-hashed keys in the same order");
  }

  @Test
  @DisplayName("when one run is a prefix of the other, the divergence is where the shorter one ended")
  void prefixRuns() {
    int[] calls = {0};
    DeterminismCheck.Report report =
        DeterminismCheck.check(
            3,
            seed -> {
              Simulation sim = Simulation.create(seed);
              int n = 4 + calls[0]++; // the second run has one more event
              for (int i = 0; i < n; i++) {
                sim.schedule(i, "e", i, () -> {});
              }
              sim.runUntilQuiescent(Duration.ofSeconds(1));
              return sim.trace();
            });
    Divergence d = report.divergence().orElseThrow();
    assertEquals(4, d.index());
    assertTrue(d.first().isEmpty());
    assertEquals(4, d.second().orElseThrow().detail());
    assertTrue(d.describe().contains("run 1: (run ended)"), d.describe());
  }

  @Test
  @DisplayName("a correct scenario is reported deterministic, with its trace hash")
  void correctScenario() {
    DeterminismCheck.Report report = DeterminismCheck.check(42, s -> BusyCluster.run(s).trace());
    assertTrue(report.deterministic(), report::describe);
    assertEquals(report.firstHash(), report.secondHash());
    assertEquals(
        "deterministic: seed=0x000000000000002a trace-hash=%016x".formatted(report.firstHash()), report.describe());
    assertTrue(BusyCluster.run(42).trace().complete(), "the whole trace was compared");
  }
}
