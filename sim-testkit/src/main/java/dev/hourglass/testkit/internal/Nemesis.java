package dev.hourglass.testkit.internal;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.disk.Disk;
import dev.hourglass.disk.DiskFaults;
import dev.hourglass.network.Network;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.NodeStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.testkit.Fault;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.TimedFault;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a fault plan to a run: each fault becomes a world event at its time. A fault that no
 * longer makes sense when it comes due (restarting a node that is up, as an edited or shrunk plan
 * may ask) is skipped and traced, so that any plan is runnable. {@link #healAll} ends every
 * fault at once for the liveness phase.
 */
public final class Nemesis {
  private final Simulation sim;
  private final Network net;
  private final Disk disk;
  private final List<NodeRef> servers;
  private final Map<String, NodeRef> byName = new LinkedHashMap<>();

  Nemesis(Simulation sim, Network net, Disk disk, List<NodeRef> servers) {
    this.sim = sim;
    this.net = net;
    this.disk = disk;
    this.servers = servers;
    servers.forEach(s -> byName.put(s.name(), s));
  }

  /** Rejects a plan that names a node that is not a server of this cluster. */
  void validate(FaultPlan plan) {
    validate(plan, byName.keySet());
  }

  /**
   * Rejects a plan that names a node not in {@code servers}; the seed runner and the CLI call it
   * with {@code ScenarioRunner.servers} before running an explicit plan.
   */
  public static void validate(FaultPlan plan, Collection<String> servers) {
    for (TimedFault f : plan.faults()) {
      String node = nodeOf(f.fault());
      checkArgument(node == null || servers.contains(node),
          "the fault plan names node '%s', which is not a server of this cluster (servers: %s)", node, servers);
    }
  }

  void schedule(FaultPlan plan) {
    for (TimedFault f : plan.faults()) {
      sim.schedule(Math.max(0, f.atNanos() - sim.nowNanos()), "nemesis", f.fault().kind().ordinal(), () -> apply(f.fault()));
    }
  }

  private static String nodeOf(Fault fault) {
    return switch (fault) {
      case Fault.Partition p -> p.node();
      case Fault.Crash c -> c.node();
      case Fault.Restart r -> r.node();
      case Fault.Pause p -> p.node();
      case Fault.Resume r -> r.node();
      case Fault.ClockSkew c -> c.node();
      case Fault.Clog c -> c.node();
      case Fault.DiskFaults d -> d.node();
      case Fault.Heal h -> null;
      case Fault.MessageLoss m -> null;
      case Fault.Buggify b -> null;
    };
  }

  void apply(Fault fault) {
    boolean applied = switch (fault) {
      case Fault.Partition p -> partition(p);
      case Fault.Heal h -> {
        net.heal();
        yield true;
      }
      case Fault.Crash c -> lifecycle(c.node(), NodeStatus.DOWN);
      case Fault.Restart r -> lifecycle(r.node(), NodeStatus.UP);
      case Fault.Pause p -> lifecycle(p.node(), NodeStatus.PAUSED);
      case Fault.Resume r -> {
        NodeRef n = byName.get(r.node());
        if (n.status() != NodeStatus.PAUSED) {
          yield false;
        }
        sim.resume(n);
        yield true;
      }
      case Fault.ClockSkew c -> {
        NodeRef n = byName.get(c.node());
        sim.skewClock(n, c.jumpNanos());
        sim.setClockDrift(n, Math.max(-NodeRef.DRIFT_PPM_MAX, Math.min(NodeRef.DRIFT_PPM_MAX, c.driftPpm())));
        yield true;
      }
      case Fault.Clog c -> {
        net.clog(byName.get(c.node()), Duration.ofNanos(c.durationNanos()));
        yield true;
      }
      case Fault.MessageLoss m -> {
        net.setDefaultLink(net.defaultLink().withLossRate(m.lossRate()).withDuplicateRate(m.duplicateRate()));
        yield true;
      }
      case Fault.DiskFaults d -> {
        disk.disk(byName.get(d.node())).setFaults(
            new DiskFaults(d.readCorruptionRate(), false, d.latentErrorRate(), 0, d.writeErrorRate(), d.fsyncErrorRate()));
        yield true;
      }
      case Fault.Buggify b -> {
        sim.setBuggifyActive(b.enabled());
        yield true;
      }
    };
    if (!applied) {
      sim.traceEvent("nemesis.skipped", fault.kind().ordinal());
    }
  }

  private boolean partition(Fault.Partition p) {
    if (p.shape().equals("isolate")) {
      NodeRef n = p.node() != null ? byName.get(p.node()) : servers.get(0);
      if (servers.size() < 2) {
        return false;
      }
      net.isolateAmong(n, servers);
      return true;
    }
    if (servers.size() < (p.shape().equals("halves") ? 2 : 3)) {
      return false;
    }
    net.partitionAmong(p.shape(), servers);
    return true;
  }

  private boolean lifecycle(String name, NodeStatus target) {
    NodeRef n = byName.get(name);
    switch (target) {
      case DOWN -> {
        if (n.status() == NodeStatus.DOWN) {
          return false;
        }
        sim.crash(n);
      }
      case UP -> {
        if (n.status() != NodeStatus.DOWN) {
          return false;
        }
        sim.restart(n);
      }
      case PAUSED -> {
        if (n.status() != NodeStatus.UP) {
          return false;
        }
        sim.pause(n);
      }
    }
    return true;
  }

  /** Ends every fault now: heal, unclog, resume, restart, no loss, no disk faults, steady clocks, no buggify. */
  void healAll() {
    net.heal();
    net.setDefaultLink(net.defaultLink().withLossRate(0).withDuplicateRate(0));
    sim.setBuggifyActive(false);
    for (NodeRef n : servers) {
      net.unclog(n);
      if (n.status() == NodeStatus.PAUSED) {
        sim.resume(n);
      }
      if (n.status() == NodeStatus.DOWN) {
        sim.restart(n);
      }
      disk.disk(n).setFaults(DiskFaults.none());
      if (n.clockDriftPpm() != 0) {
        sim.setClockDrift(n, 0);
      }
    }
    sim.traceEvent("nemesis.heal-all", servers.size());
  }
}
