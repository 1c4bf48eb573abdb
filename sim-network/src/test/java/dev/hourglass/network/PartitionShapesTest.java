package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every partition shape on 3, 5 and 7 nodes, checked three ways that must agree: the {@link
 * Partition} the verb returns, {@link Network#canReach}, and which probes actually get through.
 */
class PartitionShapesTest {
  private static final Duration LATENCY = Duration.ofMillis(1);

  private static NetFixture fixture(long seed, int n) {
    return NetFixture.create(seed, n, NetFixture.constant(LATENCY));
  }

  /**
   * Every node sends a probe to every node (itself included); returns, for each node, the nodes
   * it heard from. Also checks that {@code canReach} predicted exactly these deliveries.
   */
  private static TreeMap<String, TreeSet<String>> probe(NetFixture f) {
    f.clearInboxes();
    boolean[][] predicted = new boolean[f.nodes.size()][f.nodes.size()];
    for (NodeRef from : f.nodes) {
      for (NodeRef to : f.nodes) {
        predicted[from.id()][to.id()] = f.net.canReach(from, to);
        f.send(from, to, new Msg(from.id()));
      }
    }
    f.sim.runFor(LATENCY.multipliedBy(2));
    f.assertNoFailure();
    TreeMap<String, TreeSet<String>> heard = new TreeMap<>();
    for (NodeRef to : f.nodes) {
      heard.put(to.name(), f.heardFrom(to));
      for (NodeRef from : f.nodes) {
        assertEquals(
            predicted[from.id()][to.id()],
            heard.get(to.name()).contains(from.name()),
            "canReach(" + from + ", " + to + ") disagrees with delivery");
      }
    }
    return heard;
  }

  private static void assertMatches(Partition p, TreeMap<String, TreeSet<String>> heard) {
    assertEquals(heard.keySet(), p.hears().keySet());
    heard.forEach((node, set) -> assertEquals(set, p.hears().get(node), p.describe() + ": what " + node + " hears"));
  }

  private static TreeSet<String> names(List<NodeRef> nodes) {
    TreeSet<String> s = new TreeSet<>();
    nodes.forEach(n -> s.add(n.name()));
    return s;
  }

  private static void assertHealed(NetFixture f) {
    f.net.heal();
    TreeSet<String> all = names(f.nodes);
    probe(f).forEach((node, set) -> assertEquals(all, set, "after heal, what " + node + " hears"));
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("partition(groups): nodes hear only their group, and unlisted nodes form one more group")
  void groups(int n) {
    NetFixture f = fixture(1, n);
    List<NodeRef> g1 = List.of(f.node(1), f.node(2));
    List<NodeRef> g2 = List.of(f.node(3));
    Partition p = f.net.partition(g1, g2);
    TreeMap<String, TreeSet<String>> heard = probe(f);

    assertMatches(p, heard);
    assertEquals("groups", p.shape());
    assertEquals(names(g1), heard.get("n1"));
    assertEquals(names(g1), heard.get("n2"));
    assertEquals(names(g2), heard.get("n3"));
    TreeSet<String> unlisted = names(f.nodes.subList(3, n));
    for (String u : unlisted) {
      assertEquals(unlisted, heard.get(u), "unlisted " + u);
    }
    assertHealed(f);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("isolate(node): the node hears only itself and nobody hears it; the rest are whole")
  void isolate(int n) {
    NetFixture f = fixture(1, n);
    NodeRef lonely = f.node(n / 2 + 1);
    Partition p = f.net.isolate(lonely);
    TreeMap<String, TreeSet<String>> heard = probe(f);

    assertMatches(p, heard);
    assertEquals(Set.of(lonely.name()), heard.get(lonely.name()));
    TreeSet<String> rest = names(f.nodes);
    rest.remove(lonely.name());
    for (String other : rest) {
      assertEquals(rest, heard.get(other), other);
    }
    assertHealed(f);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("halves(): a random majority and minority, whole inside, cut from each other both ways")
  void halves(int n) {
    Set<Set<String>> majorities = new HashSet<>();
    for (long seed = 1; seed <= 10; seed++) {
      NetFixture f = fixture(seed, n);
      Partition p = f.net.halves();
      TreeMap<String, TreeSet<String>> heard = probe(f);
      assertMatches(p, heard);

      Set<Set<String>> sides = new HashSet<>(heard.values());
      assertEquals(2, sides.size(), p.describe());
      List<Set<String>> bySize = new ArrayList<>(sides);
      bySize.sort((x, y) -> y.size() - x.size());
      Set<String> major = bySize.get(0);
      Set<String> minor = bySize.get(1);
      assertEquals(n / 2 + 1, major.size(), p.describe());
      assertEquals(n / 2, minor.size(), p.describe());
      assertTrue(major.stream().noneMatch(minor::contains), "disjoint: " + p.describe());
      heard.forEach((node, set) -> assertTrue(set.contains(node) && (set.equals(major) || set.equals(minor))));
      majorities.add(major);
      assertHealed(f);
    }
    assertTrue(majorities.size() >= 2, "the majority is drawn at random, yet 10 seeds gave " + majorities);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("bridge(): one node hears and is heard by all; the two sides around it do not hear each other")
  void bridge(int n) {
    Set<String> bridges = new HashSet<>();
    for (long seed = 1; seed <= 10; seed++) {
      NetFixture f = fixture(seed, n);
      Partition p = f.net.bridge();
      TreeMap<String, TreeSet<String>> heard = probe(f);
      assertMatches(p, heard);
      assertEquals("bridge", p.shape());

      TreeSet<String> all = names(f.nodes);
      List<String> hearsAll = heard.keySet().stream().filter(k -> heard.get(k).equals(all)).toList();
      assertEquals(1, hearsAll.size(), "exactly one bridge: " + p.describe());
      String bridge = hearsAll.get(0);
      bridges.add(bridge);
      heard.forEach((node, set) -> assertTrue(set.contains(bridge), node + " must hear the bridge"));

      Set<Set<String>> sides = new HashSet<>();
      heard.forEach((node, set) -> {
        if (!node.equals(bridge)) {
          sides.add(set);
        }
      });
      assertEquals(2, sides.size(), p.describe());
      List<Set<String>> two = new ArrayList<>(sides);
      Set<String> left = two.get(0);
      Set<String> right = two.get(1);
      assertEquals((n + 1) / 2, left.size(), "each side with the bridge, " + p.describe());
      assertEquals((n + 1) / 2, right.size(), p.describe());
      assertEquals(Set.of(bridge), intersection(left, right));
      for (String x : left) {
        for (String y : right) {
          if (!x.equals(bridge) && !y.equals(bridge)) {
            assertFalse(heard.get(x).contains(y), x + " hears " + y + " across the bridge");
            assertFalse(heard.get(y).contains(x), y + " hears " + x + " across the bridge");
          }
        }
      }
      if (n == 5) {
        assertEquals(3, left.size(), "on 5 nodes both sides are majorities of 3");
      }
      assertHealed(f);
    }
    assertTrue(bridges.size() >= 2, "the bridge is drawn at random, yet 10 seeds gave " + bridges);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("majoritiesRing(): every node hears a majority with itself, no two the same, and hearing is one-way")
  void majoritiesRing(int n) {
    NetFixture f = fixture(4, n);
    Partition p = f.net.majoritiesRing();
    TreeMap<String, TreeSet<String>> heard = probe(f);
    assertMatches(p, heard);
    assertEquals("majorities-ring", p.shape());

    int majority = n / 2 + 1;
    heard.forEach((node, set) -> {
      assertEquals(majority, set.size(), node + " hears " + set);
      assertTrue(set.contains(node), node + " hears itself");
    });
    assertEquals(n, new HashSet<>(heard.values()).size(), "no two nodes hear the same majority: " + p.describe());
    TreeMap<String, Integer> heardBy = new TreeMap<>();
    heard.forEach((node, set) -> set.forEach(s -> heardBy.merge(s, 1, Integer::sum)));
    heardBy.forEach((node, count) -> assertEquals(majority, count, node + " is heard by a majority"));
    // Directed: on an odd ring, whenever x hears y (x != y), y does not hear x.
    heard.forEach((x, set) -> set.forEach(y -> {
      if (!x.equals(y)) {
        assertFalse(heard.get(y).contains(x), x + " and " + y + " hear each other: " + p.describe());
      }
    }));
    assertHealed(f);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("oneWay(from, to): only that direction is cut, on top of the partition in force")
  void oneWay(int n) {
    NetFixture f = fixture(1, n);
    NodeRef lonely = f.node(1);
    NodeRef x = f.node(2);
    NodeRef y = f.node(3);
    f.net.isolate(lonely);
    Partition p = f.net.oneWay(x, y);
    TreeMap<String, TreeSet<String>> heard = probe(f);
    assertMatches(p, heard);
    assertEquals("one-way", p.shape());

    assertFalse(heard.get(y.name()).contains(x.name()), "y must not hear x");
    assertTrue(heard.get(x.name()).contains(y.name()), "x still hears y");
    assertEquals(Set.of(lonely.name()), heard.get(lonely.name()), "the isolation still holds");
    TreeSet<String> rest = names(f.nodes);
    rest.remove(lonely.name());
    TreeSet<String> restWithoutX = new TreeSet<>(rest);
    restWithoutX.remove(x.name());
    assertEquals(restWithoutX, heard.get(y.name()));
    for (NodeRef other : f.nodes.subList(3, n)) {
      assertEquals(rest, heard.get(other.name()), other.name());
    }
    assertThrows(IllegalArgumentException.class, () -> f.net.oneWay(x, x));
    assertHealed(f);
  }

  @ParameterizedTest(name = "{0} nodes")
  @ValueSource(ints = {3, 5, 7})
  @DisplayName("a new partition replaces the one in force; heal() restores every link")
  void partitionsReplaceEachOther(int n) {
    NetFixture f = fixture(1, n);
    f.net.isolate(f.node(1));
    f.net.oneWay(f.node(2), f.node(1));
    Partition p = f.net.isolate(f.node(n));
    TreeMap<String, TreeSet<String>> heard = probe(f);
    assertMatches(p, heard);
    TreeSet<String> rest = names(f.nodes);
    rest.remove("n" + n);
    assertEquals(rest, heard.get("n1"), "n1 is back, and hears n2 again: the one-way cut is gone");
    assertHealed(f);
  }

  @Test
  @DisplayName("a message in flight when a partition starts is dropped on arrival and not brought back by a heal")
  void inFlightIsDroppedOnArrival() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(10)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    f.send(a, b, new Msg(1));
    f.sim.runFor(Duration.ofMillis(5));
    f.net.isolate(b);
    f.send(a, b, new Msg(2)); // cut at the send
    f.sim.runFor(Duration.ofMillis(10));
    f.net.heal();
    f.sim.runFor(Duration.ofMillis(30));

    assertTrue(f.inbox(b).isEmpty(), f.inbox(b).toString());
    assertEquals(2, f.net.stats(a, b).dropped(DropReason.PARTITIONED));
    List<TraceRecord> drops = f.traced(DropReason.PARTITIONED.traceLabel());
    assertEquals(2, drops.size());
    assertEquals("n1", drops.get(0).node(), "a send into a cut is dropped at the sender");
    assertEquals(Duration.ofMillis(5).toNanos(), drops.get(0).timeNanos());
    assertEquals("n2", drops.get(1).node(), "the message in flight is dropped where it arrives");
    assertEquals(Duration.ofMillis(10).toNanos(), drops.get(1).timeNanos());
  }

  @Test
  @DisplayName("a partition that heals before a message arrives does not drop it")
  void healedBeforeArrival() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(10)));
    f.send(f.node(1), f.node(2), new Msg(1));
    f.sim.runFor(Duration.ofMillis(2));
    f.net.isolate(f.node(2));
    f.sim.runFor(Duration.ofMillis(2));
    f.net.heal();
    f.sim.runFor(Duration.ofMillis(10));
    assertEquals(List.of(1), f.numbers(f.node(2)));
  }

  @Test
  @DisplayName("a Partition iterates its nodes in name order and cannot be changed")
  void partitionIsSortedAndUnmodifiable() {
    NetFixture f = fixture(3, 7);
    Partition p = f.net.halves();
    assertEquals(List.of("n1", "n2", "n3", "n4", "n5", "n6", "n7"), List.copyOf(p.hears().keySet()));
    SortedSet<String> n1 = p.hears().get("n1");
    assertThrows(UnsupportedOperationException.class, () -> n1.add("n9"));
    assertThrows(UnsupportedOperationException.class, () -> p.hears().remove("n1"));
    assertTrue(p.describe().startsWith("halves: n1<-"), p.describe());
  }

  private static Set<String> intersection(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.retainAll(b);
    return s;
  }
}
