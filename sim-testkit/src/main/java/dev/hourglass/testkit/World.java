package dev.hourglass.testkit;

import dev.hourglass.disk.Disk;
import dev.hourglass.network.Network;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import java.util.Optional;

/**
 * What a scenario builds its system in: the simulation with its network and disks, and the run's
 * options — in particular which planted bug, if any, is switched on.
 */
public final class World {
  private final Simulation simulation;
  private final Network network;
  private final Disk disk;
  private final Optional<String> bug;

  /** The runner makes one per run; a test of a scenario's {@code build} may make its own. */
  public World(Simulation simulation, Network network, Disk disk, Optional<String> bug) {
    this.simulation = simulation;
    this.network = network;
    this.disk = disk;
    this.bug = bug;
  }

  public Simulation simulation() {
    return simulation;
  }

  public Network network() {
    return network;
  }

  public Disk disk() {
    return disk;
  }

  /** The planted bug switched on for this run, if any. */
  public Optional<String> bug() {
    return bug;
  }

  /** True if planted bug {@code name} is switched on. */
  public boolean bug(String name) {
    return bug.isPresent() && bug.get().equals(name);
  }

  /** A random stream of the run, forked by name (e.g. for the system's own configuration). */
  public SimRandom random(String name) {
    return simulation.random().fork("scenario/" + name);
  }
}
