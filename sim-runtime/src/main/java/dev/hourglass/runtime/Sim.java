package dev.hourglass.runtime;

import java.util.Optional;

/**
 * Static entry points for code that has no {@link NodeContext} at hand (a library deep inside
 * the system under test): they act on the simulation whose event is running on this thread and
 * do nothing outside a simulation, so the same code runs in production unchanged.
 */
public final class Sim {
  private Sim() {}

  /** True while an event of a simulation is running on this thread. */
  public static boolean inSimulation() {
    return Simulation.current().isPresent();
  }

  /** The simulation running on this thread, if any. */
  public static Optional<Simulation> current() {
    return Simulation.current();
  }

  /** A fault point: always false outside a simulation. */
  public static boolean buggify(String site) {
    Optional<Simulation> sim = Simulation.current();
    return sim.isPresent() && sim.get().buggify(site);
  }

  /** Fails the running simulation if {@code condition} is false; a no-op outside one. */
  public static void always(boolean condition, String message) {
    Simulation.current().ifPresent(s -> s.always(condition, message));
  }

  public static void sometimes(boolean condition, String message) {
    Simulation.current().ifPresent(s -> s.sometimes(condition, message));
  }

  public static void reachable(String message) {
    Simulation.current().ifPresent(s -> s.reachable(message));
  }
}
