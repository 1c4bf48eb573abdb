package dev.hourglass.runtime;

/**
 * Builds a node's instance for one incarnation: at first start and at every restart. Whatever
 * must survive a crash lives outside the instance (on the node's simulated disk); the factory
 * must not hand the new instance any memory of the old one.
 */
@FunctionalInterface
public interface NodeFactory {
  Node create(NodeContext context);
}
