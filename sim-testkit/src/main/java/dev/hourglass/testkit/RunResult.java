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

  /**
   * What kind of failure this is, for matching a replay or a shrunk run against the original: the
   * outcome, then for a safety violation the checker that failed ({@code SAFETY_VIOLATION
   * linearizable(kv)}) or which {@code always} assertion failed, for a crash the exception's
   * class. Empty for a pass.
   *
   * <p>An assertion is named by its message up to the first {@code ": "} with every run of digits
   * written {@code #}: {@code always(ok, "one vote per term: n1 voted for n2 and n4 in term 3")} is
   * {@code SAFETY_VIOLATION always: one vote per term}, and {@code "two leaders in term 7"} is
   * {@code always: two leaders in term #}. So write the assertion's name first and its details
   * after a colon: two runs that break the same assertion on other nodes, indexes or terms fail
   * the same way.
   */
  public String failureClass() {
    return switch (outcome) {
      case PASS -> "";
      case SAFETY_VIOLATION -> {
        if (check.isPresent() && check.get().verdict() == dev.hourglass.checkers.linear.Verdict.INVALID) {
          yield outcome + " " + check.get().checker();
        }
        String message = withoutWhere(reason.startsWith(ALWAYS) ? reason.substring(ALWAYS.length()) : reason);
        int colon = message.indexOf(": ");
        yield outcome + " always: " + (colon > 0 ? message.substring(0, colon) : message).replaceAll("[0-9]+", "#");
      }
      case CRASH -> {
        String what = reason.startsWith(UNCAUGHT) ? reason.substring(UNCAUGHT.length()) : reason;
        int colon = what.indexOf(':');
        yield outcome + " " + withoutWhere(colon > 0 ? what.substring(0, colon) : what);
      }
      case LIVENESS_FAILURE, NONDETERMINISM -> outcome.name();
    };
  }

  private static final String ALWAYS = "always violated: ";
  private static final String UNCAUGHT = "uncaught exception: ";

  /** Drops the {@code (seed=… t=… node=…)} suffix of a {@link dev.hourglass.runtime.SimulationFailure} line. */
  private static String withoutWhere(String s) {
    int at = s.lastIndexOf(" (seed=");
    return at >= 0 ? s.substring(0, at) : s;
  }

  /** {@code seed=0x… outcome=PASS trace-hash=…} and the reason when it failed. */
  public String summary() {
    return "seed=" + Seeds.format(seed) + " outcome=" + outcome + " trace-hash=" + trace.hashHex()
        + (reason.isEmpty() ? "" : " reason=" + reason);
  }
}
