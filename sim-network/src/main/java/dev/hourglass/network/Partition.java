package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A partition as it was applied: its shape and, for every node, the nodes it can hear from
 * (itself included). Printable, so a fault plan and a report can say exactly what was cut.
 *
 * @param shape {@code groups}, {@code isolate}, {@code halves}, {@code bridge}, {@code
 *     majorities-ring}, {@code one-way}
 * @param hears for each node name, the names of the nodes whose messages reach it; iterates in
 *     name order, unmodifiable
 */
public record Partition(String shape, Map<String, SortedSet<String>> hears) {
  public Partition {
    checkNotNull(shape, "shape");
    // Sorted, not Map.copyOf: that map's iteration order changes from one JVM to the next, and a
    // fault plan that iterates a partition must pick the same nodes on every replay of a seed.
    var sorted = new java.util.TreeMap<String, SortedSet<String>>();
    hears.forEach((node, heard) -> sorted.put(node, Collections.unmodifiableSortedSet(new TreeSet<>(heard))));
    hears = Collections.unmodifiableSortedMap(sorted);
  }

  /** e.g. {@code halves: n1<-{n1,n2,n3} n2<-{...} ...}, nodes in name order. */
  public String describe() {
    StringBuilder sb = new StringBuilder(shape).append(':');
    hears.keySet().stream()
        .sorted()
        .forEach(n -> sb.append(' ').append(n).append("<-").append(hears.get(n)));
    return sb.toString();
  }

  /** The groups, for shapes that are a set of disjoint or overlapping groups. */
  public static Partition ofGroups(String shape, List<? extends List<String>> groups, List<String> allNodes) {
    var hears = new java.util.TreeMap<String, SortedSet<String>>();
    for (String n : allNodes) {
      var set = new java.util.TreeSet<String>();
      set.add(n);
      for (List<String> g : groups) {
        if (g.contains(n)) {
          set.addAll(g);
        }
      }
      hears.put(n, set);
    }
    return new Partition(shape, hears);
  }
}
