package dev.hourglass.samples.kraft;

import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkOptions;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.Shrinker;

/**
 * Finds the first seed from START whose failure reason contains TEXT, and shrinks it: {@code
 * KraftShrinkMain START TEXT [BUG]} (the worked examples in docs/real-systems.md).
 */
public final class KraftShrinkMain {
  public static void main(String[] args) {
    KraftScenario scenario = new KraftScenario();
    RunOptions options = args.length > 2 ? scenario.defaultOptions().withBug(args[2]) : scenario.defaultOptions();
    for (long seed = Long.decode(args[0]); ; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.outcome().failed() && r.reason().contains(args[1])) {
        System.out.println(r.banner() + "\n" + r.summary() + "\n" + r.check().map(CheckOutcome::explanation).orElse(""));
        ShrinkResult s = Shrinker.shrink(scenario, r, ShrinkOptions.defaults(), ShrinkListener.none());
        System.out.println(s.summary() + "\n" + s.sideBySide() + "\nminimal: " + s.minimal().summary());
        return;
      }
    }
  }
}
