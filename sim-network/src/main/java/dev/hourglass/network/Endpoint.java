package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.NodeRef;

/**
 * A node's connection to the network: {@code send} and a handler for what arrives. The handler
 * belongs to the node's current incarnation: a crash clears it (and every pending RPC), so a
 * restarted node registers again in its {@code onStart}. Until it does, messages to it are
 * dropped as {@link DropReason#NO_HANDLER}.
 */
public final class Endpoint {
  private final Network network;
  private final NodeRef node;
  private MessageHandler handler;
  private Rpc rpc;

  Endpoint(Network network, NodeRef node) {
    this.network = network;
    this.node = node;
  }

  public NodeRef node() {
    return node;
  }

  /** Sets the handler for this incarnation's incoming messages (replacing any earlier one). */
  public void onMessage(MessageHandler handler) {
    this.handler = checkNotNull(handler, "handler");
  }

  /** Sends {@code message} (a value, e.g. a record) to {@code to}. Never blocks, never fails: a lost message is just lost. */
  public void send(NodeRef to, Object message) {
    network.send(node, to, message);
  }

  /** Sends to the node named {@code to}. */
  public void send(String to, Object message) {
    network.send(node, network.simulation().node(to), message);
  }

  /** Sends {@code message} to every other node. */
  public void broadcast(Object message) {
    for (NodeRef other : network.simulation().nodes()) {
      if (other != node) {
        network.send(node, other, message);
      }
    }
  }

  /** Request/response calls with virtual-time timeouts, for this incarnation. */
  public Rpc rpc() {
    if (rpc == null) {
      rpc = new Rpc(network, this);
    }
    return rpc;
  }

  void reset() {
    handler = null;
    if (rpc != null) {
      rpc.abandon();
      rpc = null;
    }
  }

  boolean accepts(Object payload) {
    if (payload instanceof Rpc.Request || payload instanceof Rpc.Response) {
      return true; // answered by the RPC layer (with an error if nothing serves requests)
    }
    return handler != null;
  }

  void deliver(NodeRef from, Object payload) {
    if (payload instanceof Rpc.Request request) {
      rpc().onRequest(from, request);
    } else if (payload instanceof Rpc.Response response) {
      if (rpc != null) {
        rpc.onResponse(response);
      }
    } else {
      handler.onMessage(from, payload);
    }
  }
}
