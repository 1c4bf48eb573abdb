package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A node of a simulation as the test and the components see it: its name, number, status and
 * clock. Changing it goes through the simulation's verbs ({@code crash}, {@code restart}, {@code
 * pause}, {@code resume}, {@code skewClock}).
 *
 * <p>Each node reads its own clock: virtual time plus an offset, running at a rate that may
 * drift from virtual time by some parts per million. Both can change while the simulation runs
 * (clock-skew faults); a jump can move the node's clock backwards, as an NTP step does.
 */
public final class NodeRef {
  /** Drift is limited to ±10%: beyond that no real clock runs, and the arithmetic stays exact. */
  public static final long DRIFT_PPM_MAX = 100_000;

  private final int id;
  private final String name;
  final NodeFactory factory;
  NodeStatus status = NodeStatus.DOWN;
  int incarnation;
  Node instance;
  NodeContext context;
  final ArrayDeque<Deferred> deferred = new ArrayDeque<>();
  final Map<Class<?>, Object> components = new LinkedHashMap<>();

  // Clock: local(v) = anchorLocal + (v - anchorVirtual) * (1e6 + driftPpm) / 1e6
  private long anchorVirtual;
  private long anchorLocal;
  private long driftPpm;

  /** An event that came due while the node was paused. */
  record Deferred(Runnable action, String label, long detail, int incarnation) {}

  NodeRef(int id, String name, NodeFactory factory) {
    this.id = id;
    this.name = name;
    this.factory = factory;
  }

  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  public NodeStatus status() {
    return status;
  }

  /** 0 before the first start; incremented by every start and every crash. */
  public int incarnation() {
    return incarnation;
  }

  public boolean isUp() {
    return status == NodeStatus.UP;
  }

  /**
   * The running instance, if the node is up or paused, as {@code type} — for tests that inspect
   * a node's state, and for components that deliver to it.
   */
  public <T extends Node> Optional<T> instance(Class<T> type) {
    return instance == null ? Optional.empty() : Optional.of(type.cast(instance));
  }

  /** A component attached to this node (its network endpoint, its disk). */
  public <T> T component(Class<T> type) {
    Object c = components.get(type);
    checkArgument(
        c != null,
        "no %s attached to node %s: register it with Simulation.registerNodeComponent",
        type.getSimpleName(),
        name);
    return type.cast(c);
  }

  /** The node's clock reading at virtual time {@code virtualNanos}. */
  public long localNanosAt(long virtualNanos) {
    long elapsed = virtualNanos - anchorVirtual;
    return anchorLocal + elapsed + elapsed / 1_000_000 * driftPpm + elapsed % 1_000_000 * driftPpm / 1_000_000;
  }

  /** Virtual nanoseconds that pass while this node's clock advances {@code localNanos} (rounded up). */
  public long virtualNanosFor(long localNanos) {
    if (driftPpm == 0 || localNanos <= 0) {
      return Math.max(0, localNanos);
    }
    long rate = 1_000_000 + driftPpm;
    long whole = localNanos / rate * 1_000_000;
    long rest = localNanos % rate;
    return whole + (rest * 1_000_000 + rate - 1) / rate;
  }

  /** Current offset of the node's clock from virtual time at {@code virtualNanos}. */
  public long clockOffsetNanosAt(long virtualNanos) {
    return localNanosAt(virtualNanos) - virtualNanos;
  }

  public long clockDriftPpm() {
    return driftPpm;
  }

  void jumpClock(long nowVirtual, long jumpNanos) {
    long local = localNanosAt(nowVirtual);
    anchorVirtual = nowVirtual;
    anchorLocal = local + jumpNanos;
  }

  void setDrift(long nowVirtual, long ppm) {
    checkArgument(
        ppm >= -DRIFT_PPM_MAX && ppm <= DRIFT_PPM_MAX, // not Math.abs: it is negative for Long.MIN_VALUE
        "clock drift must be within ±%s ppm: driftPpm=%s node=%s",
        DRIFT_PPM_MAX,
        ppm,
        name);
    long local = localNanosAt(nowVirtual);
    anchorVirtual = nowVirtual;
    anchorLocal = local;
    driftPpm = ppm;
  }

  @Override
  public String toString() {
    return name;
  }
}
