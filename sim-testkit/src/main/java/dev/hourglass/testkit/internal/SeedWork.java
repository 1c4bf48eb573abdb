package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.BuggifySite;
import dev.hourglass.runtime.CoverageEntry;
import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.runtime.Divergence;
import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import java.util.List;
import java.util.Optional;

/**
 * One seed of a campaign, on a worker thread (or of {@code hourglass run}): run it, twice for the
 * determinism self-check, and keep what the campaign needs. A passing seed's trace and history
 * are dropped right here, so a worker hands back only counts-sized data; a failing seed's full
 * result travels on to have its artifact folder written.
 */
public final class SeedWork {
  private SeedWork() {}

  /**
   * What a worker hands back.
   *
   * @param failure the full result, present only when the seed failed
   */
  record Finished(long index, long seed, Outcome outcome, String reason, long traceHash, long wallNanos,
      boolean determinismChecked, List<CoverageEntry> coverage, List<BuggifySite> buggify, Optional<RunResult> failure) {}

  @OutsideSimulation("measures a seed's real run time for the JUnit XML; never read by the simulation")
  static Finished run(Scenario scenario, RunOptions options, long index, long seed, boolean checkDeterminism) {
    long start = System.nanoTime();
    RunResult result = run(scenario, options, seed, checkDeterminism);
    long wallNanos = System.nanoTime() - start;
    return new Finished(index, seed, result.outcome(), result.reason(), result.traceHash(), wallNanos, checkDeterminism,
        result.coverage(), result.buggify(), result.outcome().failed() ? Optional.of(result) : Optional.empty());
  }

  /**
   * Runs {@code seed}; with {@code checkDeterminism}, runs it again and compares the traces: if
   * they differ, the result (of the first run) has outcome {@link Outcome#NONDETERMINISM} and a
   * reason naming the first divergent event.
   */
  public static RunResult run(Scenario scenario, RunOptions options, long seed, boolean checkDeterminism) {
    RunResult result = ScenarioRunner.run(scenario, seed, options);
    if (checkDeterminism) {
      RunResult again = ScenarioRunner.run(scenario, seed, options);
      Optional<Divergence> divergence = DeterminismCheck.compare(result.trace(), again.trace());
      if (divergence.isPresent()) {
        result = nondeterministic(result, again, divergence.get());
      }
    }
    return result;
  }

  /** {@code first} relabelled: the seed gave two different runs, which outranks whatever the first showed. */
  private static RunResult nondeterministic(RunResult first, RunResult second, Divergence divergence) {
    String reason = "the same seed ran twice gave two traces (trace-hash " + first.trace().hashHex() + " vs "
        + second.trace().hashHex() + "); " + divergence.describe().replace(":\n  ", ": ").replace("\n  ", "; ")
        + (first.outcome().failed() ? "; the first run was " + first.outcome() + ": " + first.reason() : "");
    return new RunResult(first.scenario(), first.seed(), first.options(), Outcome.NONDETERMINISM, reason, first.swarm(),
        first.plan(), first.history(), first.check(), first.trace(), first.virtualNanos(), first.coverage(), first.buggify());
  }
}
