package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * A partition as it was applied: its shape and, for every node, the nodes it can hear from
 * (itself included). Printable, so a fault plan and a report can say exactly what was cut.
 *
 * @param shape {@code groups}, {@code isolate}, {@code halves}, {@code bridge}, {@code
 *     majorities-ring}, {@code one-way}
 * @param hears for each node name, the names of the nodes whose messages reach it
 */
public record Partition(String shape, Map<String, SortedSet<String>> hears) {
  public Partition {
    checkNotNull(shape, "shape");
    hears = Map.copyOf(hears);
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
