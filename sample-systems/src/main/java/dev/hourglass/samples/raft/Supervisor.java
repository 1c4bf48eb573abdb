package dev.hourglass.samples.raft;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.NodeStatus;
import dev.hourglass.runtime.Simulation;

/**
 * The process supervisor (systemd, Kubernetes) of the store's servers: a server that exits is
 * restarted after a short delay. A server exits when it can no longer trust its state — its disk
 * failed every retry ({@link DiskIo}) — and at a few fault points ({@code buggify}) that restart
 * it right after it told another node something, which is when a store that answers before its
 * state is durable loses what it said.
 *
 * <p>An exit is a crash of the node (memory, timers and unsynced writes are gone); the restart is
 * a world event, skipped if the nemesis has meanwhile restarted or crashed the node again.
 */
final class Supervisor {
  /**
   * A restart comes 1 ms to 1 s after the exit (systemd restarts after 100 ms by default;
   * orchestrators back off for longer). A slow restart matters: while a leader that died with
   * entries nobody else has is down, the others elect a leader without them.
   */
  static final long RESTART_DELAY_NANOS_MIN = 1_000_000L;
  static final long RESTART_DELAY_NANOS_MAX = 1_000_000_000L;

  private final Simulation sim;

  Supervisor(Simulation sim) {
    this.sim = sim;
  }

  /**
   * The process of {@code ctx} exits as its next event (so that the event asking for it finishes
   * first, as a process finishes its current step before it dies) and is restarted after a short
   * delay.
   */
  void exit(NodeContext ctx, String why) {
    NodeRef node = ctx.node();
    long delay = ctx.random().nextLong(RESTART_DELAY_NANOS_MIN, RESTART_DELAY_NANOS_MAX + 1);
    ctx.schedule(0, "raft.exit", 0, () -> {
      ctx.log().debug("exiting ({}); restart in {} ns", why, delay);
      sim.crash(node);
      int incarnation = node.incarnation();
      sim.schedule(delay, "raft.supervisor-restart", node.id(), () -> {
        if (node.incarnation() == incarnation && node.status() == NodeStatus.DOWN) {
          sim.restart(node);
        }
      });
    });
  }
}
