package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.network.internal.MessageCopier;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimTimeoutException;
import dev.hourglass.runtime.Simulation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request/response over the simulated network, for one incarnation of a node. A call completes
 * with the response, with {@link RpcException} when the remote answered with an error (definite:
 * the request failed), or with {@link SimTimeoutException} when no answer came in time — the
 * request may still have been executed, so a client records that operation as {@code info}.
 *
 * <p>Requests and responses travel as ordinary messages (with latency, loss, partitions); a
 * response that arrives after its call timed out is ignored. Call ids carry the incarnation, so
 * a response to a crashed incarnation's call never completes a new one.
 */
public final class Rpc {
  /** The wire envelope of a request. */
  record Request(long callId, Object body) {}

  /** The wire envelope of a response: {@code error} is null on success. */
  record Response(long callId, Object body, String error) {}

  private final Network network;
  private final Endpoint endpoint;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private RpcHandler handler;
  private long nextCall;
  private boolean abandoned;

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
    long callId = ((long) self.incarnation() << 40) | ++nextCall;
    SimFuture<Object> raw = sim.newFuture();
    pending.put(callId, new Pending(raw, responseType));
    network.transmit(self, to, new Request(callId, MessageCopier.copy(request)));
    return raw.orTimeout(timeout, "rpc " + request.getClass().getSimpleName() + " to " + to.name())
        .whenComplete((r, f) -> pending.remove(callId))
        .thenApply(responseType::cast);
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
    Object copy = body == null ? null : MessageCopier.copy(body);
    network.transmit(endpoint.node(), to, new Response(callId, copy, error));
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
