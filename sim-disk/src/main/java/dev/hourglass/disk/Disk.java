package dev.hourglass.disk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.disk.internal.FaultAtlas;
import dev.hourglass.runtime.NodeLifecycleListener;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated storage of one simulation: every node, present and future, gets its own {@link
 * SimDisk}, which survives the node's crashes and restarts. A crash of the node is a crash of
 * its disk: the unsynced state is resolved then (see {@link SimDisk}).
 */
public final class Disk {
  private final Simulation sim;
  private final DiskOptions options;
  private final List<SimDisk> disks = new ArrayList<>();
  private FaultAtlas atlas;

  private Disk(Simulation sim, DiskOptions options) {
    this.sim = sim;
    this.options = options;
  }

  /** Attaches simulated disks to {@code sim}. */
  public static Disk attach(Simulation sim, DiskOptions options) {
    checkNotNull(sim, "sim");
    checkNotNull(options, "options");
    Disk disk = new Disk(sim, options);
    sim.putComponent(Disk.class, disk);
    sim.registerNodeComponent(SimDisk.class, disk::newDisk);
    sim.addLifecycleListener(
        new NodeLifecycleListener() {
          @Override
          public void onCrashed(NodeRef node) {
            disk.disks.get(node.id()).crash();
          }
        });
    return disk;
  }

  /** The disks attached to {@code sim}. */
  public static Disk of(Simulation sim) {
    return sim.component(Disk.class);
  }

  private SimDisk newDisk(NodeRef node) {
    SimDisk d = new SimDisk(this, sim, node, options);
    disks.add(d);
    return d;
  }

  public DiskOptions options() {
    return options;
  }

  /** The disk of {@code node}. */
  public SimDisk disk(NodeRef node) {
    return disks.get(node.id());
  }

  /**
   * Recoverable-fault mode: from now on, corruption, latent sector errors and misdirected writes
   * on these replicas are spread so that no logical block (file name and sector) is damaged on a
   * majority of them. A correct replicated system must then survive every run.
   */
  public void recoverableFaults(List<NodeRef> replicas) {
    checkArgument(replicas.size() >= 1, "a replica set needs at least one node: replicas=%s", replicas);
    Set<Integer> ids = new LinkedHashSet<>();
    replicas.forEach(r -> ids.add(r.id()));
    checkArgument(ids.size() == replicas.size(), "replicas must be distinct: replicas=%s", replicas);
    atlas = new FaultAtlas(ids);
    sim.traceEvent("disk.atlas", ids.size());
  }

  Optional<FaultAtlas> atlas() {
    return Optional.ofNullable(atlas);
  }
}
