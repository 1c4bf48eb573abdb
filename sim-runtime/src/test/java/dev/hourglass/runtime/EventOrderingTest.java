package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Events run in virtual-time order; simultaneous ones by insertion or by the seed. */
class EventOrderingTest {
  static final SimulationOptions FIFO =
      SimulationOptions.defaults().withTieBreak(SimulationOptions.TieBreak.INSERTION_ORDER);

  @Test
  @DisplayName("events run in order of due time, whatever order they were scheduled in")
  void byDueTime() {
    Simulation sim = Simulation.create(7);
    long[] delays = {50, 10, 1_000_000_000, 40, 0, 20, 30, 5, 1L << 40};
    List<Long> ran = new ArrayList<>();
    for (long d : delays) {
      sim.schedule(d, "e", d, () -> ran.add(sim.nowNanos()));
    }
    RunResult result = sim.runUntilQuiescent(Duration.ofDays(1));
    assertEquals(RunStatus.QUIESCENT, result.status());
    assertEquals(LongStream.of(delays).sorted().boxed().toList(), ran);
  }

  @Test
  @DisplayName("every event runs exactly at its due time and the clock never goes back, with events scheduling events")
  void clockIsMonotoneAndExact() {
    Simulation sim = Simulation.create(11);
    SimRandom rnd = sim.random().fork("test");
    int[] ran = {0};
    long[] lastSeen = {0};
    Runnable[] spawn = new Runnable[1];
    spawn[0] =
        () -> {
          for (int i = 0; i < 2 && ran[0] + sim.pendingEvents() < 5_000; i++) {
            long delay = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(0, 1_000_000);
            long due = sim.nowNanos() + delay;
            sim.schedule(
                delay,
                "spawned",
                due,
                () -> {
                  assertEquals(due, sim.nowNanos(), "runs at its due time");
                  assertTrue(sim.nowNanos() >= lastSeen[0], "clock went back");
                  lastSeen[0] = sim.nowNanos();
                  ran[0]++;
                  spawn[0].run();
                });
          }
        };
    spawn[0].run();
    RunResult result = sim.runUntilQuiescent(Duration.ofHours(1));
    assertEquals(RunStatus.QUIESCENT, result.status(), () -> String.valueOf(result.failure()));
    assertTrue(ran[0] >= 4_000, "ran=" + ran[0]);
    assertEquals(ran[0], sim.trace().eventCount());
  }

  @Test
  @DisplayName("INSERTION_ORDER: simultaneous events run first-scheduled-first, including ones added at that instant")
  void insertionOrderIsFifo() {
    Simulation sim = Simulation.create(3, FIFO);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      sim.schedule(1_000, "tie", n, () -> ran.add(n));
    }
    // Scheduled later for the same instant: after all of the above.
    sim.schedule(500, "early", 0, () -> sim.schedule(500, "late", 100, () -> ran.add(100)));
    // Added while the instant is running: after everything already due then.
    sim.schedule(1_000, "tie", 101, () -> sim.schedule(0, "now", 102, () -> ran.add(102)));
    sim.runUntilQuiescent(Duration.ofSeconds(1));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i <= 100; i++) {
      expected.add(i);
    }
    expected.add(102);
    assertEquals(expected, ran);
  }

  @Test
  @DisplayName("SEEDED: the same seed gives the same order of 8 simultaneous events, other seeds other orders")
  void seededOrderDependsOnSeed() {
    List<Integer> first = simultaneousOrder(42, 8);
    assertEquals(first, simultaneousOrder(42, 8), "same seed, same order");
    assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), new HashSet<>(first), "a permutation: " + first);
    assertNotEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), first, "the seeded order is just insertion order");
    Set<List<Integer>> orders = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      orders.add(simultaneousOrder(seed, 8));
    }
    // 8! = 40,320 orders; 20 seeds colliding more than once would mean the seed barely matters.
    assertTrue(orders.size() >= 19, "distinct orders over 20 seeds: " + orders.size());
  }

  @Test
  @DisplayName("SEEDED: over many seeds, each of 3 simultaneous events is sometimes first (roughly uniformly)")
  void seededOrderExploresEveryFirst() {
    int[] firsts = new int[3];
    for (long seed = 0; seed < 600; seed++) {
      firsts[simultaneousOrder(seed, 3).get(0)]++;
    }
    for (int i = 0; i < 3; i++) {
      // expected 200 each; binomial sd ~11.5, so 140..260 is over 5 sd
      assertTrue(firsts[i] >= 140 && firsts[i] <= 260, "event " + i + " first " + firsts[i] + " times of 600");
    }
  }

  @Test
  @DisplayName("the seeded tie-break never reorders events due at different times")
  void seededOnlyReordersTies() {
    for (long seed = 0; seed < 50; seed++) {
      Simulation sim = Simulation.create(seed);
      List<Long> ran = new ArrayList<>();
      for (long t = 10; t > 0; t--) {
        long due = t;
        sim.schedule(t, "e", t, () -> ran.add(due));
        sim.schedule(t, "e", t, () -> ran.add(due));
      }
      sim.runUntilQuiescent(Duration.ofSeconds(1));
      List<Long> sorted = new ArrayList<>(ran);
      sorted.sort(null);
      assertEquals(sorted, ran, "seed=" + seed);
    }
  }

  @Test
  @DisplayName("scheduling in the past (a negative delay) is rejected, from the driver and from a node")
  void pastIsRejected() {
    Simulation sim = Simulation.create(1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, "x", 0, () -> {}));
    assertTrue(e.getMessage().contains("delayNanos=-1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sim.schedule(Duration.ofNanos(-5), () -> {}));
    NodeRef n = sim.addNode("n1", ctx -> () -> {});
    assertThrows(IllegalArgumentException.class, () -> sim.scheduleOn(n, -1, "x", 0, () -> {}));
    NodeContext[] kept = new NodeContext[1];
    sim.addNode("n2", c -> {
      kept[0] = c;
      return () -> {};
    });
    assertThrows(IllegalArgumentException.class, () -> kept[0].schedule(Duration.ofMillis(-1), () -> {}));
    assertEquals(2, sim.pendingEvents(), "only the two start events are pending");
  }

  /** The order in which {@code n} world events due at the same instant run, under seed {@code seed}. */
  static List<Integer> simultaneousOrder(long seed, int n) {
    Simulation sim = Simulation.create(seed);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      sim.schedule(1_000_000, "tie", id, () -> ran.add(id));
    }
    sim.runUntilQuiescent(Duration.ofSeconds(1));
    return ran;
  }
}
