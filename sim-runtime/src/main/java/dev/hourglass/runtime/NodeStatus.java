package dev.hourglass.runtime;

/** Lifecycle state of a node. */
public enum NodeStatus {
  /** Never started, or crashed: no instance, no timers, nothing delivered. */
  DOWN,
  /** Running: its events are dispatched. */
  UP,
  /** Frozen (a GC pause): its events wait and are dispatched in order on resume. */
  PAUSED
}
