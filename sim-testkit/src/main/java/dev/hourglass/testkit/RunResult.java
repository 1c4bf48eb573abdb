package dev.hourglass.testkit;

import dev.hourglass.checkers.History;
import dev.hourglass.runtime.BuggifySite;
import dev.hourglass.runtime.CoverageEntry;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.Trace;
import java.util.List;
import java.util.Optional;

/**
 * Everything one seed's run produced: the outcome and why, what the run drew (swarm, plan), the
 * history and the check's verdict, the trace, and coverage.
 *
 * @param scenario the scenario's name
 * @param seed the seed
 * @param options how it was run
 * @param outcome pass or which failure
 * @param reason one line on why (empty for a pass)
 * @param swarm the fault kinds and intensities drawn for this seed
 * @param plan the fault plan that was applied
 * @param history the client operations
 * @param check the history check's outcome (absent if the run failed before checking)
 * @param trace the simulation's trace
 * @param virtualNanos virtual time at the end
 * @param coverage {@code sometimes}/{@code reachable} coverage of this run
 * @param buggify what every fault point did
 */
public record RunResult(
    String scenario,
    long seed,
    RunOptions options,
    Outcome outcome,
    String reason,
    Swarm swarm,
    FaultPlan plan,
    History history,
    Optional<CheckOutcome> check,
    Trace trace,
    long virtualNanos,
    List<CoverageEntry> coverage,
    List<BuggifySite> buggify) {

  public long traceHash() {
    return trace.hash();
  }

  /** The run's banner: seed, bug, swarm settings and plan size — printed first, TigerBeetle style. */
  public String banner() {
    return "scenario=" + scenario + " seed=" + Seeds.format(seed) + options.bug().map(b -> " bug=" + b).orElse("")
        + " " + swarm.describe() + " plan=" + plan.size() + " faults"
        + (options.plan().isPresent() ? " (explicit)" : "");
  }

  /** {@code seed=0x… outcome=PASS trace-hash=…} and the reason when it failed. */
  public String summary() {
    return "seed=" + Seeds.format(seed) + " outcome=" + outcome + " trace-hash=" + trace.hashHex()
        + (reason.isEmpty() ? "" : " reason=" + reason);
  }
}
