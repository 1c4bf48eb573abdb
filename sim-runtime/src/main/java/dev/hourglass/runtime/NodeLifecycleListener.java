package dev.hourglass.runtime;

/**
 * Lets a component (a network, a disk, a user's own) react to what happens to a node without the
 * kernel knowing the component: drop in-flight state on a crash, discard unsynced writes, hold
 * deliveries during a pause. Called on the scheduler, after the kernel has changed the node's
 * status. Listeners are called in the order they were added.
 */
public interface NodeLifecycleListener {
  /** The node was added to the simulation (it is still DOWN). */
  default void onAdded(NodeRef node) {}

  /** A new incarnation was created (first start or restart); its {@code onStart} is pending. */
  default void onStarted(NodeRef node) {}

  /** The node crashed: its instance, timers and queued events are gone. */
  default void onCrashed(NodeRef node) {}

  default void onPaused(NodeRef node) {}

  default void onResumed(NodeRef node) {}
}
