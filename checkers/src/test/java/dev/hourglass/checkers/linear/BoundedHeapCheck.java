package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.History;

/** Run in a child JVM with -Xmx512m by {@link LargeHistoryCheckTest}: prints the verdict. */
public final class BoundedHeapCheck {
  private BoundedHeapCheck() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void main(String[] args) {
    History h = HistoryGenerator.keyValue(Integer.parseInt(args[0]), 20, Integer.parseInt(args[1]), 7, Boolean.parseBoolean(args[2]));
    LinearizabilityResult r = LinearizabilityChecker.check(h, (Model) Models.keyValue(java.util.Map.of()), CheckOptions.defaults());
    System.out.println("verdict=" + r.verdict() + " operations=" + h.operations().size() + " partitions=" + r.partitions().size()
        + " maxHeapMiB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
  }
}
