package dev.hourglass.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A system under test and how to test it: the cluster, the workload, the faults it is exposed
 * to, and the check its histories must pass. Registered for the CLI through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.hourglass.testkit.Scenario}), so
 * sample-systems and users' own modules add theirs.
 *
 * <p>A scenario is stateless: every method may be called for many runs, on many threads.
 */
public interface Scenario {
  /** The name the CLI uses ({@code raft-kv}). */
  String name();

  /** One line for {@code hourglass list}. */
  String description();

  /** The planted bugs that {@code --bug NAME} can switch on. */
  default List<String> bugs() {
    return List.of();
  }

  /** The fault kinds this scenario may be exposed to; swarm testing picks a subset per seed. */
  default Set<FaultKind> faultKinds() {
    return EnumSet.allOf(FaultKind.class);
  }

  /** The model or checker the history is checked with, for {@code hourglass list}. */
  String checkerName();

  /** Adds the servers to the world and says how clients reach them. */
  Cluster build(World world);

  /** The client side: concurrency, operations, timeouts. */
  WorkloadSpec workload();

  /** The correctness condition of a run's history. */
  HistoryCheck check();

  /** Phase lengths and other knobs for this scenario's runs. */
  default RunOptions defaultOptions() {
    return RunOptions.defaults();
  }
}
