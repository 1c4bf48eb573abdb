package dev.hourglass.testkit.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.linear.Verdict;
import dev.hourglass.disk.Disk;
import dev.hourglass.network.Network;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationFailure;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.Cluster;
import dev.hourglass.testkit.Fault;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.Swarm;
import dev.hourglass.testkit.WorkloadSpec;
import dev.hourglass.testkit.World;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One seed of one scenario, start to verdict: build the world and the system, draw the swarm and
 * the fault plan (or take the explicit one), run the safety phase with faults, heal everything,
 * require progress in the liveness phase, let in-flight operations settle, check the history.
 */
public final class SeedRun {
  private static final int HISTORY_ENTRIES_MAX = 4_000_000;

  private SeedRun() {}

  /** Builds the world as a run would, for the scenario's node names; used to validate plans. */
  public static List<String> serverNames(Scenario scenario, RunOptions options) {
    Simulation sim = Simulation.create(0, options.simulation());
    Network net = Network.attach(sim, options.network());
    Disk disk = Disk.attach(sim, options.disk());
    Cluster cluster = scenario.build(new World(sim, net, disk, options.bug()));
    return cluster.servers().stream().map(NodeRef::name).toList();
  }

  public static RunResult run(Scenario scenario, long seed, RunOptions options) {
    Simulation sim = Simulation.create(seed, options.simulation());
    Network net = Network.attach(sim, options.network());
    Disk disk = Disk.attach(sim, options.disk());
    Cluster cluster = scenario.build(new World(sim, net, disk, options.bug()));
    WorkloadSpec spec = scenario.workload();
    if (options.operationsMax().isPresent()) {
      spec = spec.withOperationsMax(options.operationsMax().getAsInt());
    }
    if (options.clients().isPresent()) {
      spec = spec.withClients(options.clients().getAsInt());
    }
    Swarm swarm = Swarm.draw(sim.random().fork("testkit/swarm"), scenario.faultKinds());
    List<String> serverNames = cluster.servers().stream().map(NodeRef::name).toList();
    FaultPlan plan = options.plan().orElseGet(
        () -> FaultPlan.generate(sim.random().fork("testkit/plan"), swarm, serverNames, options.safetyNanos()));
    Nemesis nemesis = new Nemesis(sim, net, disk, cluster.servers());
    nemesis.validate(plan);
    if (plan.faults().stream().noneMatch(f -> f.fault() instanceof Fault.Buggify)) {
      // Fault points are part of the plan: a plan that never mentions them runs without them, so
      // the shrinker dropping a "buggify on" entry really removes that fault. (A drawn plan always
      // starts with a buggify entry at time 0, which keeps its runs exactly as they were.)
      sim.setBuggifyActive(false);
    }
    nemesis.schedule(plan);
    Recorder recorder = new Recorder(sim, scenario.name() + " seed " + Seeds.format(seed), HISTORY_ENTRIES_MAX);
    Clients clients = new Clients(sim, spec, cluster.protocol(), cluster.servers(), recorder);
    clients.start();

    Run run = new Run(scenario, seed, options, swarm, plan, sim, recorder);
    var safety = sim.runFor(Duration.ofNanos(options.safetyNanos()));
    if (safety.status() != RunStatus.DEADLINE_REACHED) {
      return run.stopped(safety.status(), "in the safety phase");
    }
    nemesis.healAll();
    clients.startLiveness();
    var liveness = sim.runUntil(() -> clients.livenessDone(options.livenessOpsMin()), Duration.ofNanos(options.livenessNanos()));
    String livenessProblem = "";
    if (liveness.status() == RunStatus.FAILED || liveness.status().isLimit()) {
      return run.stopped(liveness.status(), "in the liveness phase");
    }
    if (liveness.status() != RunStatus.CONDITION_MET) {
      livenessProblem = "after healing, " + clients.okSinceHeal + " operations completed ok (needed "
          + options.livenessOpsMin() + ") and " + clients.finalReadsDone + " of "
          + spec.clients() * spec.finalReads().size() + " final reads, within " + Seeds.formatNanos(options.livenessNanos());
    }
    clients.phase = Clients.Phase.DRAINING;
    var drain = sim.runFor(Duration.ofNanos(spec.requestTimeoutNanos() + 1_000_000));
    if (drain.status() == RunStatus.FAILED || drain.status().isLimit()) {
      return run.stopped(drain.status(), "while draining");
    }
    return run.checked(livenessProblem);
  }

  /** What is needed to assemble a result at any point of the run. */
  private record Run(Scenario scenario, long seed, RunOptions options, Swarm swarm, FaultPlan plan, Simulation sim, Recorder recorder) {
    RunResult stopped(RunStatus status, String where) {
      History h = recorder.build();
      if (status == RunStatus.FAILED) {
        SimulationFailure f = sim.failure().orElseThrow();
        Outcome outcome = f.kind() == SimulationFailure.Kind.ASSERTION ? Outcome.SAFETY_VIOLATION : Outcome.CRASH;
        return result(outcome, f.describe(), h, Optional.empty());
      }
      // A kernel limit: the system kept the simulation busy without end (a livelock) or grew
      // without bound. Still check safety on what was recorded.
      CheckOutcome check = scenario.check().check(h);
      if (check.verdict() == Verdict.INVALID) {
        return result(Outcome.SAFETY_VIOLATION, check.checker() + " failed", h, Optional.of(check));
      }
      return result(Outcome.LIVENESS_FAILURE, "limit " + status + " " + where, h, Optional.of(check));
    }

    RunResult checked(String livenessProblem) {
      History h = recorder.build();
      CheckOutcome check = scenario.check().check(h);
      if (check.verdict() == Verdict.INVALID) {
        return result(Outcome.SAFETY_VIOLATION, check.checker() + " failed", h, Optional.of(check));
      }
      if (!livenessProblem.isEmpty()) {
        return result(Outcome.LIVENESS_FAILURE, livenessProblem, h, Optional.of(check));
      }
      String note = check.verdict() == Verdict.UNKNOWN ? "check " + check.checker() + " UNKNOWN: " + check.explanation() : "";
      return result(Outcome.PASS, note, h, Optional.of(check));
    }

    private RunResult result(Outcome outcome, String reason, History h, Optional<CheckOutcome> check) {
      return new RunResult(scenario.name(), seed, options, outcome, reason, swarm, plan, h, check,
          sim.trace(), sim.nowNanos(), sim.coverage(), sim.buggifyReport());
    }
  }
}
