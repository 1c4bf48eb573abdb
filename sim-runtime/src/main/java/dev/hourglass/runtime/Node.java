package dev.hourglass.runtime;

/**
 * A simulated process, written in callback style: the simulation calls {@link #onStart()} once
 * per incarnation, and the node reacts to timers and futures it sets up through its {@link
 * NodeContext} (and to messages, through sim-network). A crash throws the instance away; a
 * restart builds a new one from the {@link NodeFactory}.
 */
@FunctionalInterface
public interface Node {
  /** Called once, as the first event of this incarnation. */
  void onStart();
}
