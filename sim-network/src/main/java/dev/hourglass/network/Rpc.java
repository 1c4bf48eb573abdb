package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimTimeoutException;
import dev.hourglass.runtime.Simulation;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.time.Duration;

/**
 * Request/response over the simulated network, for one incarnation of a node. A call completes
 * with the response, with {@link RpcException} when the remote answered with an error (definite:
 * the request failed), or with {@link SimTimeoutException} when no answer came in time — the
 * request may still have been executed, so a client records that operation as {@code info}.
 *
 * <p>Requests and responses travel as ordinary messages (with latency, loss, partitions); a
 * response that arrives after its call timed out is ignored. Their bodies are copied as every
 * message is, when {@link NetworkOptions#copyMessages} is on: a request when it is called, a
 * response when it is sent back (so a non-serialisable one fails there, naming its type); with it
 * off the receiver gets the very object the sender passed. Call ids carry the incarnation, so
 * a response to a crashed incarnation's call never completes a new one.
 */
public final class Rpc {
  /** The wire envelope of a request. */
  record Request(long callId, Object body) {}

  /** The wire envelope of a response: {@code error} is null on success. */
  record Response(long callId, Object body, String error) {}

  private final Network network;
  private final Endpoint endpoint;
  // Looked up by call id only, never iterated: a hash map's order cannot leak into a run.
  private final Long2ObjectOpenHashMap<Pending> pending = new Long2ObjectOpenHashMap<>();
  private RpcHandler handler;
  private long nextCall;
  private boolean abandoned;
  // The timeout's description of the last call ("rpc Get to s"): a client calls the same kind of
  // request on the same server over and over, and building the string each time showed up.
  private Class<?> describedType;
  private NodeRef describedTo;
  private String description;

  private record Pending(SimFuture<Object> future, Class<?> responseType) {}

  Rpc(Network network, Endpoint endpoint) {
    this.network = network;
    this.endpoint = endpoint;
  }

  /** Serves incoming requests with {@code handler} (replacing any earlier one). */
  public void serve(RpcHandler handler) {
    this.handler = checkNotNull(handler, "handler");
  }

  /** Calls {@code to} with {@code request}; the response must be a {@code responseType}. */
  public <R> SimFuture<R> call(NodeRef to, Object request, Class<R> responseType, Duration timeout) {
    checkNotNull(responseType, "responseType");
    checkArgument(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive: timeout=%s", timeout);
    Simulation sim = network.simulation();
    NodeRef self = endpoint.node();
    Object body = network.outgoing(request); // first: a request that cannot be sent leaves no pending call
    long callId = ((long) self.incarnation() << 40) | ++nextCall;
    SimFuture<Object> raw = sim.newFuture();
    pending.put(callId, new Pending(raw, responseType));
    network.transmit(self, to, new Request(callId, body));
    return raw.orTimeout(timeout, describe(request.getClass(), to))
        .whenComplete((r, f) -> pending.remove(callId))
        .thenApply(responseType::cast);
  }

  private String describe(Class<?> type, NodeRef to) {
    if (type != describedType || to != describedTo) {
      describedType = type;
      describedTo = to;
      description = "rpc " + type.getSimpleName() + " to " + to.name();
    }
    return description;
  }

  /** Calls still waiting for an answer. */
  public int pendingCalls() {
    return pending.size();
  }

  void onRequest(NodeRef from, Request request) {
    if (handler == null) {
      reply(from, request.callId(), null, "no RPC handler on " + endpoint.node().name());
      return;
    }
    Object result;
    try {
      result = handler.handle(from, request.body());
    } catch (Exception e) {
      reply(from, request.callId(), null, e.toString());
      return;
    }
    if (result instanceof SimFuture<?> future) {
      future.whenComplete(
          (value, failure) -> {
            if (!abandoned) {
              reply(from, request.callId(), failure == null ? value : null, failure == null ? null : failure.toString());
            }
          });
    } else {
      reply(from, request.callId(), result, null);
    }
  }

  private void reply(NodeRef to, long callId, Object body, String error) {
    network.transmit(endpoint.node(), to, new Response(callId, body == null ? null : network.outgoing(body), error));
  }

  void onResponse(Response response) {
    Pending p = pending.remove(response.callId());
    if (p == null) {
      return; // timed out already, or a duplicate
    }
    if (response.error() != null) {
      p.future().completeExceptionally(new RpcException(response.error()));
    } else if (response.body() != null && !p.responseType().isInstance(response.body())) {
      p.future().completeExceptionally(
          new RpcException("expected a " + p.responseType().getName() + " but got " + response.body().getClass().getName()));
    } else {
      p.future().complete(response.body());
    }
  }

  /** The incarnation crashed: nothing it asked for may complete. */
  void abandon() {
    abandoned = true;
    pending.clear();
  }
}
