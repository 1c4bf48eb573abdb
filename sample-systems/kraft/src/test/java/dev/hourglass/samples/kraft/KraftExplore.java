package dev.hourglass.samples.kraft;

import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;

/** Runs a range of seeds and prints each outcome: {@code java ... KraftExplore FIRST LAST}. */
public final class KraftExplore {
  public static void main(String[] args) {
    KraftScenario s = new KraftScenario();
    long first = Long.parseLong(args[0]);
    long last = Long.parseLong(args[1]);
    long t0 = System.nanoTime();
    int failed = 0;
    for (long seed = first; seed <= last; seed++) {
      long t = System.nanoTime();
      RunResult r = ScenarioRunner.run(s, seed, s.defaultOptions());
      boolean bad = r.outcome().failed();
      if (bad) {
        failed++;
      }
      if (bad || args.length > 2) {
        System.out.println(r.banner() + "\n" + r.summary() + "\n" + r.plan().describe() + "\n"
            + r.check().map(CheckOutcome::explanation).orElse("") + " ops=" + r.history().operations().size()
            + " wall=" + (System.nanoTime() - t) / 1_000_000 + "ms virt=" + r.virtualNanos() / 1e9 + "s hash=" + Long.toHexString(r.traceHash()));
      }
    }
    System.out.println("seeds " + first + ".." + last + " failed=" + failed + " wall=" + (System.nanoTime() - t0) / 1e9 + "s");
  }
}
