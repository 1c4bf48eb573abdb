package dev.hourglass.network;

/**
 * The remote node answered an RPC with an error: a definite failure, unlike a {@link
 * dev.hourglass.runtime.SimTimeoutException}, after which the call may or may not have taken
 * effect.
 */
public final class RpcException extends RuntimeException {
  public RpcException(String message) {
    super(message, null, false, false);
  }
}
