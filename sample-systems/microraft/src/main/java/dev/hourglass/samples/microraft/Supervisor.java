package dev.hourglass.samples.microraft;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.NodeStatus;
import dev.hourglass.runtime.Simulation;

/**
 * The process supervisor (systemd, Kubernetes) of the servers: a server that gives up on its disk
 * ({@link WalStore}) exits — a crash: memory, timers and unsynced writes are gone — and is
 * restarted 1 ms to 1 s later, unless the nemesis has meanwhile restarted or crashed it again.
 */
final class Supervisor {
  static final long RESTART_DELAY_NANOS_MIN = 1_000_000L;
  static final long RESTART_DELAY_NANOS_MAX = 1_000_000_000L;

  private Supervisor() {}

  /** The process of {@code ctx} exits as its next event and is restarted after a short delay. */
  static void exit(NodeContext ctx, String why) {
    Simulation sim = ctx.simulation();
    NodeRef node = ctx.node();
    long delay = ctx.random().nextLong(RESTART_DELAY_NANOS_MIN, RESTART_DELAY_NANOS_MAX + 1);
    ctx.schedule(0, "microraft.exit", 0, () -> {
      ctx.log().debug("exiting ({}); restart in {} ns", why, delay);
      sim.crash(node);
      int incarnation = node.incarnation();
      sim.schedule(delay, "microraft.supervisor-restart", node.id(), () -> {
        if (node.incarnation() == incarnation && node.status() == NodeStatus.DOWN) {
          sim.restart(node);
        }
      });
    });
  }
}
