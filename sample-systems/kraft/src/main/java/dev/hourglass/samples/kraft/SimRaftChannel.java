package dev.hourglass.samples.kraft;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.samples.kraft.common.Connections;
import dev.hourglass.samples.kraft.Wire.PeerRequest;
import dev.hourglass.samples.kraft.Wire.PeerResponse;
import java.util.TreeMap;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.raft.KafkaRaftClient;
import org.apache.kafka.raft.NetworkChannel;
import org.apache.kafka.raft.RaftRequest;
import org.apache.kafka.raft.RaftResponse;
import org.apache.kafka.raft.RaftUtil;

/**
 * KRaft's {@link NetworkChannel} over the simulated network. An outbound request goes to node
 * {@code n<id>} as a {@link PeerRequest}; there it becomes a {@link RaftRequest.Inbound} handed
 * to that node's client ({@code handle}), whose answer travels back as a {@link PeerResponse} and
 * completes the request. A request unanswered within Kafka's request timeout completes with
 * {@code BROKER_NOT_AVAILABLE}, as Kafka's {@code KafkaNetworkChannel} reports a request its
 * NetworkClient timed out (a disconnect); a late answer is then ignored. Between two nodes,
 * messages are delivered in order and at most once, as on Kafka's TCP connections ({@link
 * Connections}).
 */
final class SimRaftChannel implements NetworkChannel {
  static final ListenerName LISTENER = ListenerName.normalised("CONTROLLER");

  private final NodeContext ctx;
  private final Endpoint endpoint;
  private final long requestTimeoutNanos;
  private final TreeMap<Integer, Pending> pending = new TreeMap<>();
  private final Connections connections;
  private int nextCorrelationId;
  private KafkaRaftClient<?> client;

  private record Pending(RaftRequest.Outbound request, long timer, long deadlineClockNanos) {}

  SimRaftChannel(NodeContext ctx, Endpoint endpoint, long requestTimeoutMs) {
    this.ctx = ctx;
    this.endpoint = endpoint;
    this.requestTimeoutNanos = requestTimeoutMs * 1_000_000L;
    this.connections = new Connections(ctx.incarnation());
  }

  /** The client inbound requests go to; set once it is built. */
  void bind(KafkaRaftClient<?> value) {
    this.client = value;
  }

  static String nodeName(int id) {
    return "n" + id;
  }

  @Override
  public int newCorrelationId() {
    return nextCorrelationId++;
  }

  @Override
  public void send(RaftRequest.Outbound request) {
    ApiMessage data = request.data();
    short version = Wire.version(data);
    int correlationId = request.correlationId();
    // Due on the millisecond Kafka's own request timer expires (it counts whole milliseconds).
    long nowNanos = ctx.clockNanos();
    long dueNanos = Math.floorDiv(nowNanos, 1_000_000L) * 1_000_000L + requestTimeoutNanos;
    long timer = ctx.schedule(dueNanos - nowNanos, "kraft.request-timeout", correlationId, () -> timeOut(correlationId));
    pending.put(correlationId, new Pending(request, timer, dueNanos));
    String to = nodeName(request.destination().id());
    endpoint.send(to, new PeerRequest(connections.incarnation(), connections.next(to), correlationId, data.apiKey(), version,
        Wire.encode(data, version)));
  }

  private void timeOut(int correlationId) {
    Pending p = pending.remove(correlationId);
    if (p != null) {
      ctx.cancel(p.timer());
      p.request().completion.complete(new RaftResponse.Inbound(correlationId,
          RaftUtil.errorResponse(ApiKeys.forId(p.request().data().apiKey()), Errors.BROKER_NOT_AVAILABLE), p.request().destination()));
    }
  }

  /**
   * Times out every request whose deadline the node's clock has passed — as Kafka's NetworkClient
   * does at the start of each poll, by the same clock. (The timers alone would be late when the
   * clock jumps forward: they were set in virtual time.) Called before each poll.
   */
  void expireDue() {
    long now = ctx.clockNanos();
    java.util.List<Integer> due = new java.util.ArrayList<>();
    pending.forEach((id, p) -> {
      if (p.deadlineClockNanos() <= now) {
        due.add(id);
      }
    });
    due.forEach(this::timeOut);
  }

  @Override
  public ListenerName listenerName() {
    return LISTENER;
  }

  /** A message from a peer: a request for our client, or the response to one of ours. */
  void onMessage(String from, Object message) {
    switch (message) {
      case PeerRequest r -> {
        if (connections.accept(from, r.incarnation(), r.seq())) {
          onRequest(from, r);
        }
      }
      case PeerResponse r -> {
        if (connections.accept(from, r.incarnation(), r.seq())) {
          onResponse(r);
        }
      }
      default -> throw new IllegalArgumentException("unexpected message from " + from + ": " + message);
    }
  }

  private void onRequest(String from, PeerRequest r) {
    if (client == null) {
      return; // not started yet: as if the port were closed
    }
    ApiMessage data = Wire.decodeRequest(r.apiKey(), r.apiVersion(), r.body());
    RaftRequest.Inbound inbound = new RaftRequest.Inbound(LISTENER, r.correlationId(), r.apiVersion(), data, ctx.clockNanos() / 1_000_000L);
    inbound.completion.whenComplete((response, error) -> {
      if (response != null) {
        ApiMessage body = response.data();
        endpoint.send(from, new PeerResponse(connections.incarnation(), connections.next(from), r.correlationId(), body.apiKey(),
            r.apiVersion(), Wire.encode(body, r.apiVersion())));
      }
    });
    client.handle(inbound);
  }

  private void onResponse(PeerResponse r) {
    Pending p = pending.remove(r.correlationId());
    if (p == null) {
      return; // timed out already
    }
    ctx.cancel(p.timer());
    ApiMessage data = Wire.decodeResponse(r.apiKey(), r.apiVersion(), r.body());
    p.request().completion.complete(new RaftResponse.Inbound(r.correlationId(), data, p.request().destination()));
  }

  int pendingRequests() {
    return pending.size();
  }
}
