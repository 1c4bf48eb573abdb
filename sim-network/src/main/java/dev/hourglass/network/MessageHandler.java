package dev.hourglass.network;

import dev.hourglass.runtime.NodeRef;

/** Receives a node's messages; runs as an event of that node. */
@FunctionalInterface
public interface MessageHandler {
  void onMessage(NodeRef from, Object message);
}
