package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.disk.DiskOptions;
import dev.hourglass.network.NetworkOptions;
import dev.hourglass.runtime.SimulationOptions;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one seed is run. Together with the seed, these make a run exactly re-executable: the
 * shrinker changes the plan, the operation count and the phase lengths, and replays.
 *
 * @param bug the planted bug to switch on, if any
 * @param plan an explicit fault plan; empty means "generate one from the seed" (swarm testing)
 * @param operationsMax overrides the workload's operation count
 * @param clients overrides the workload's client count
 * @param safetyNanos virtual time of the safety phase (faults active); default 10 s
 * @param livenessNanos virtual time allowed, after everything is healed, for the liveness phase;
 *     default 10 s
 * @param livenessOpsMin operations that must complete ({@code ok}) in the liveness phase;
 *     default 5
 * @param simulation kernel options (limits, tie-break)
 * @param network network options
 * @param disk disk options
 */
public record RunOptions(
    Optional<String> bug,
    Optional<FaultPlan> plan,
    OptionalInt operationsMax,
    OptionalInt clients,
    long safetyNanos,
    long livenessNanos,
    int livenessOpsMin,
    SimulationOptions simulation,
    NetworkOptions network,
    DiskOptions disk) {

  public RunOptions {
    checkNotNull(bug, "bug");
    checkNotNull(plan, "plan");
    checkNotNull(operationsMax, "operationsMax");
    checkNotNull(clients, "clients");
    checkArgument(safetyNanos > 0, "safetyNanos must be positive: safetyNanos=%s", safetyNanos);
    checkArgument(livenessNanos > 0, "livenessNanos must be positive: livenessNanos=%s", livenessNanos);
    checkArgument(livenessOpsMin >= 0, "livenessOpsMin must be >= 0: livenessOpsMin=%s", livenessOpsMin);
    checkNotNull(simulation, "simulation");
    checkNotNull(network, "network");
    checkNotNull(disk, "disk");
  }

  public static RunOptions defaults() {
    return new RunOptions(Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
        10_000_000_000L, 10_000_000_000L, 5,
        SimulationOptions.defaults().withTraceRecordsMax(200_000), NetworkOptions.defaults(), DiskOptions.defaults());
  }

  public RunOptions withBug(String value) {
    return new RunOptions(Optional.ofNullable(value), plan, operationsMax, clients, safetyNanos, livenessNanos, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withPlan(FaultPlan value) {
    return new RunOptions(bug, Optional.ofNullable(value), operationsMax, clients, safetyNanos, livenessNanos, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withOperationsMax(int value) {
    return new RunOptions(bug, plan, OptionalInt.of(value), clients, safetyNanos, livenessNanos, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withClients(int value) {
    return new RunOptions(bug, plan, operationsMax, OptionalInt.of(value), safetyNanos, livenessNanos, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withSafetyNanos(long value) {
    return new RunOptions(bug, plan, operationsMax, clients, value, livenessNanos, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withLivenessNanos(long value) {
    return new RunOptions(bug, plan, operationsMax, clients, safetyNanos, value, livenessOpsMin, simulation, network, disk);
  }

  public RunOptions withSimulation(SimulationOptions value) {
    return new RunOptions(bug, plan, operationsMax, clients, safetyNanos, livenessNanos, livenessOpsMin, value, network, disk);
  }
}
