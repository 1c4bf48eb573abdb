package dev.hourglass.runtime;

/**
 * An event action that wants to know when the kernel drops it instead of running it: it was
 * scheduled for a node that is down when it comes due (a message arriving at a crashed node).
 * Components use this to count drops by reason.
 */
public interface DropAware extends Runnable {
  /** Called instead of {@link #run()} when the event is dropped; must not schedule for the node. */
  void dropped(NodeRef node);
}
