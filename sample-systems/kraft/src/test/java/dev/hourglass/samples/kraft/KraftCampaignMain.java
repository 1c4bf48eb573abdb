package dev.hourglass.samples.kraft;

import dev.hourglass.testkit.Campaign;
import dev.hourglass.testkit.CampaignOptions;
import dev.hourglass.testkit.CampaignResult;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.SeedReport;
import dev.hourglass.testkit.SeedSet;

/**
 * A long campaign of scenario {@code kraft} (the figures in docs/real-systems.md): {@code
 * KraftCampaignMain START COUNT JOBS}. Prints the campaign's outcome, every failing seed, and the
 * simulated/real time ratio of a 200-seed sample run on one thread.
 */
public final class KraftCampaignMain {
  public static void main(String[] args) {
    run(new KraftScenario(), args);
  }

  static void run(Scenario scenario, String[] args) {
    long start = Long.decode(args[0]);
    long count = Long.decode(args[1]);
    int jobs = Integer.parseInt(args[2]);
    RunOptions options = args.length > 3 ? scenario.defaultOptions().withBug(args[3]) : scenario.defaultOptions();
    CampaignResult r = Campaign.run(scenario, CampaignOptions.of(SeedSet.count(start, count), options).withJobs(jobs));
    System.out.printf("%s: %d seeds run, %d passed, failed by outcome %s, %.1f s wall with %d jobs (%.1f seeds/s)%n",
        scenario.name(), r.seedsRun(), r.passed(), r.failedByOutcome(), r.elapsed().toMillis() / 1000.0, jobs, r.seedsPerSecond());
    for (SeedReport f : r.failures()) {
      System.out.println("  " + f);
    }
    long virtualNanos = 0;
    long t0 = System.nanoTime();
    for (long seed = start; seed < start + 200; seed++) {
      RunResult one = ScenarioRunner.run(scenario, seed, options);
      virtualNanos += one.virtualNanos();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    System.out.printf("sample of 200 seeds on one thread: %.0f s simulated in %.1f s real: %.0fx%n", virtualNanos / 1e9, wall,
        virtualNanos / 1e9 / wall);
  }
}
