package dev.hourglass.samples.microraft;

import dev.hourglass.runtime.NodeContext;
import io.microraft.executor.RaftNodeExecutor;
import java.util.concurrent.TimeUnit;

/**
 * MicroRaft's executor on the node's simulated scheduler. MicroRaft runs every step of a Raft node
 * — a message, a timer, a client call — as a task on one executor, never two at once; here each
 * task is an event of the node's current incarnation:
 *
 * <ul>
 *   <li>{@code execute} and {@code submit}: an event now (virtual time does not move), so tasks
 *       that become due at the same instant are ordered by the simulation's tie-break, like tasks
 *       racing into a real executor's queue;
 *   <li>{@code schedule(task, delay)}: a timer on the node's own clock, so clock drift makes
 *       MicroRaft's election and heartbeat timers fire early or late;
 *   <li>a crash drops every pending task and timer with the incarnation, as a process's executor
 *       dies with it.
 * </ul>
 *
 * <p>An exception a task throws is not swallowed (as {@code DefaultRaftNodeExecutor} would log
 * it): it fails the run as {@code CRASH}, with the node and virtual time, because an exception
 * escaping MicroRaft's own code is a finding.
 */
final class SimExecutor implements RaftNodeExecutor {
  private final NodeContext ctx;
  private long tasks;

  SimExecutor(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void execute(Runnable task) {
    ctx.schedule(0, "microraft.task", ++tasks, task);
  }

  @Override
  public void submit(Runnable task) {
    ctx.schedule(0, "microraft.task", ++tasks, task);
  }

  @Override
  public void schedule(Runnable task, long delay, TimeUnit timeUnit) {
    ctx.schedule(Math.max(0, timeUnit.toNanos(delay)), "microraft.timer", ++tasks, task);
  }
}
