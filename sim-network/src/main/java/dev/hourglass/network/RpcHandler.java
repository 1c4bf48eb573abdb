package dev.hourglass.network;

import dev.hourglass.runtime.NodeRef;

/**
 * Serves RPC requests. Returns the response, or a {@link dev.hourglass.runtime.SimFuture} of it
 * for an answer that needs more steps (a disk write, a quorum). A thrown exception, or a future
 * that fails, is sent back as a definite failure ({@link RpcException}).
 */
@FunctionalInterface
public interface RpcHandler {
  Object handle(NodeRef from, Object request) throws Exception;
}
