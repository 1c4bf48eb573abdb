package dev.hourglass.runtime;

/**
 * Prints {@code <seed> <trace hash>} for each seed argument, one per line: run by {@link
 * CrossJvmDeterminismTest} in a second JVM to show a seed means the same run in any JVM.
 */
public final class TraceHashMain {
  private TraceHashMain() {}

  public static void main(String[] args) {
    for (String arg : args) {
      long seed = Seeds.parse(arg);
      System.out.println(Seeds.format(seed) + " " + BusyCluster.run(seed).trace().hashHex());
    }
  }
}
