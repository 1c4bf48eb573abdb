package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * What one incarnation of a node sees of the world: its clock, its random stream, timers,
 * futures, its components, fault points and assertions. A new context is made for every
 * incarnation; timers set through an old one never fire.
 */
public final class NodeContext {
  private final Simulation simulation;
  private final NodeRef node;
  private final int incarnation;
  private final SimRandom random;
  private final SimLogger log;

  NodeContext(Simulation simulation, NodeRef node, int incarnation) {
    this.simulation = simulation;
    this.node = node;
    this.incarnation = incarnation;
    this.random = simulation.random().fork("node/" + node.name() + "/" + incarnation);
    this.log = new SimLogger(simulation, node.name(), node.name());
  }

  public NodeRef node() {
    return node;
  }

  public String name() {
    return node.name();
  }

  public int incarnation() {
    return incarnation;
  }

  /** The simulation, for components that attach to it; node logic should not need it. */
  public Simulation simulation() {
    return simulation;
  }

  /** This node's clock, in nanoseconds (virtual time with this node's skew and drift). */
  public long clockNanos() {
    return node.localNanosAt(simulation.nowNanos());
  }

  /** This incarnation's own random stream. */
  public SimRandom random() {
    return random;
  }

  /** A logger whose lines carry the virtual time and this node's name. */
  public SimLogger log() {
    return log;
  }

  /**
   * Runs {@code action} after {@code delay} of this node's clock (so a drifting clock fires its
   * timers early or late in virtual time, as a real one would). Returns the timer's id.
   */
  public long schedule(Duration delay, Runnable action) {
    return schedule(delay.toNanos(), "timer", 0, action);
  }

  /**
   * Like {@link #schedule(Duration, Runnable)} with a label and detail for the trace.
   *
   * @param delayNanos delay on this node's clock, in nanoseconds, ≥ 0
   */
  public long schedule(long delayNanos, String label, long detail, Runnable action) {
    checkArgument(delayNanos >= 0, "delayNanos must be >= 0: delayNanos=%s node=%s", delayNanos, name());
    checkNotNull(action, "action");
    return simulation.scheduleFor(
        node.id(), incarnation, node.virtualNanosFor(delayNanos), label, detail, action);
  }

  /** Cancels a timer; false if it already fired or was cancelled. */
  public boolean cancel(long timerId) {
    return simulation.cancel(timerId);
  }

  /** A new incomplete future whose callbacks run on the scheduler. */
  public <T> SimFuture<T> newFuture() {
    return simulation.newFuture();
  }

  /** A future that completes after {@code delay} of this node's clock. */
  public SimFuture<Void> sleep(Duration delay) {
    SimFuture<Void> f = simulation.newFuture();
    schedule(delay.toNanos(), "sleep", 0, () -> f.complete(null));
    return f;
  }

  /** A component attached to this node (network endpoint, disk). */
  public <T> T component(Class<T> type) {
    return node.component(type);
  }

  /** A fault point: see {@link Simulation#buggify(String)}. */
  public boolean buggify(String site) {
    return simulation.buggify(site);
  }

  public void always(boolean condition, String message) {
    simulation.always(condition, message);
  }

  public void sometimes(boolean condition, String message) {
    simulation.sometimes(condition, message);
  }

  public void reachable(String message) {
    simulation.reachable(message);
  }
}
