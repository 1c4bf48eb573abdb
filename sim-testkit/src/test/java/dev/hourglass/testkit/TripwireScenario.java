package dev.hourglass.testkit;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.NodeStatus;
import dev.hourglass.runtime.Simulation;
import java.util.EnumSet;
import java.util.Set;

/**
 * A scenario whose failure needs exactly two faults and nothing of the workload, so a shrink's
 * result is known in advance: the correct register of {@link RegisterScenario}, plus a watcher
 * that checks every millisecond that n2 is never down while n3's clock drifts. Any plan with a
 * clock skew of n3 (nonzero drift) followed by a crash of n2 fails; the minimal such plan is that
 * skew and one short crash, with no operations and one client.
 */
final class TripwireScenario implements Scenario {
  static final long WATCH_PERIOD_NANOS = 1_000_000;
  private final RegisterScenario register = new RegisterScenario();

  @Override
  public String name() {
    return "test-tripwire";
  }

  @Override
  public String description() {
    return "the correct register with an always-assertion that trips when n2 is down while n3's clock drifts";
  }

  @Override
  public Set<FaultKind> faultKinds() {
    return EnumSet.of(FaultKind.CRASH, FaultKind.CLOCK_SKEW, FaultKind.PARTITION, FaultKind.CLOG, FaultKind.MESSAGE_LOSS);
  }

  @Override
  public String checkerName() {
    return register.checkerName();
  }

  @Override
  public Cluster build(World world) {
    Cluster cluster = register.build(world);
    Simulation sim = world.simulation();
    watch(sim, sim.node("n2"), sim.node("n3"));
    return cluster;
  }

  private static void watch(Simulation sim, NodeRef n2, NodeRef n3) {
    sim.schedule(WATCH_PERIOD_NANOS, "tripwire", 0, () -> {
      sim.always(!(n2.status() == NodeStatus.DOWN && n3.clockDriftPpm() != 0),
          "tripwire: n2 is down while n3's clock drifts by " + n3.clockDriftPpm() + "ppm");
      watch(sim, n2, n3);
    });
  }

  @Override
  public WorkloadSpec workload() {
    return register.workload();
  }

  @Override
  public HistoryCheck check() {
    return register.check();
  }

  @Override
  public RunOptions defaultOptions() {
    return register.defaultOptions();
  }
}
