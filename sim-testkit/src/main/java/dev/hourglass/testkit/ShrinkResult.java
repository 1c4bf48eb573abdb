package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.Seeds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a shrink found: the original failing run and the smallest run found that still fails the
 * same way (same outcome and, for a safety violation, the same checker or assertion — {@link
 * RunResult#failureClass()}), with the same seed for every choice the shrink did not make.
 *
 * @param original the run as given (its plan drawn from the seed, or explicit)
 * @param minimal the smallest failing run found; {@code original} itself when nothing smaller fails
 *     (or when the original does not fail)
 * @param originalSize how big the original is
 * @param minimalSize how big the minimal run is
 * @param runs candidate runs made (the original not counted)
 * @param elapsed wall-clock time the shrink took
 * @param stoppedBy why the search ended
 */
public record ShrinkResult(
    RunResult original,
    RunResult minimal,
    RunSize originalSize,
    RunSize minimalSize,
    int runs,
    Duration elapsed,
    StopReason stoppedBy) {

  /** Why a shrink ended. */
  public enum StopReason {
    /** No candidate of the last round was smaller and still failing: a local minimum. */
    FIXED_POINT,
    /** {@link ShrinkOptions#runsMax()} candidates were run. */
    RUNS_BUDGET,
    /** {@link ShrinkOptions#timeBudget()} ran out. */
    TIME_BUDGET,
    /** The original run passed: there is nothing to shrink. */
    DID_NOT_FAIL,
    /**
     * The original's plan, given back explicitly, did not fail the same way: the scenario draws
     * something from the plan stream besides the plan, or is not deterministic.
     */
    NOT_REPRODUCIBLE
  }

  public ShrinkResult {
    checkNotNull(original, "original");
    checkNotNull(minimal, "minimal");
    checkNotNull(originalSize, "originalSize");
    checkNotNull(minimalSize, "minimalSize");
    checkNotNull(elapsed, "elapsed");
    checkNotNull(stoppedBy, "stoppedBy");
  }

  /** Whether the minimal run is smaller than the original in some dimension and larger in none. */
  public boolean shrunk() {
    return minimalSize.smallerThan(originalSize);
  }

  /** The options that re-run the minimal run with {@link ScenarioRunner#run}: explicit plan, workload and phase. */
  public RunOptions minimalOptions() {
    return minimal.options();
  }

  /**
   * The original and the minimal run side by side: sizes, then the two fault plans, one fault a
   * line.
   */
  public String sideBySide() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"", "original", "minimal"});
    rows.add(new String[] {"faults", faults(originalSize, original.plan()), faults(minimalSize, minimal.plan())});
    rows.add(new String[] {"fault time", Seeds.formatNanos(originalSize.faultNanos()), Seeds.formatNanos(minimalSize.faultNanos())});
    rows.add(new String[] {"operations", String.valueOf(originalSize.operations()), String.valueOf(minimalSize.operations())});
    rows.add(new String[] {"clients", String.valueOf(originalSize.clients()), String.valueOf(minimalSize.clients())});
    rows.add(new String[] {"safety phase", Seeds.formatNanos(originalSize.safetyNanos()), Seeds.formatNanos(minimalSize.safetyNanos())});
    List<String> left = original.plan().describe().lines().toList();
    List<String> right = minimal.plan().describe().lines().toList();
    for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
      rows.add(new String[] {i == 0 ? "plan" : "", i < left.size() ? left.get(i) : "", i < right.size() ? right.get(i) : ""});
    }
    int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      String line = pad(r[0], w0) + "  " + pad(r[1], w1) + "  " + r[2];
      sb.append(sb.length() == 0 ? "" : "\n").append(line.stripTrailing());
    }
    return sb.toString();
  }

  /** One line: {@code shrunk in 57 runs (12.3 s, fixed point): 12 faults -> 2, ...}. */
  public String summary() {
    return switch (stoppedBy) {
      case DID_NOT_FAIL -> "nothing to shrink: seed " + Seeds.format(original.seed()) + " passed";
      case NOT_REPRODUCIBLE -> "cannot shrink: the run with its own plan given explicitly did not fail the same way ("
          + original.failureClass() + ")";
      default -> (shrunk() ? "shrunk" : "no smaller failing run found") + " in " + runs + (runs == 1 ? " run" : " runs")
          + " (" + elapsed.toMillis() + " ms, " + stoppedBy.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + "); still fails as " + minimal.failureClass();
    };
  }

  /** {@code 5 (9 plan entries)}: a fault and its undo count once. */
  private static String faults(RunSize size, FaultPlan plan) {
    return size.faults() + (plan.size() == size.faults() ? "" : " (" + plan.size() + " plan entries)");
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
