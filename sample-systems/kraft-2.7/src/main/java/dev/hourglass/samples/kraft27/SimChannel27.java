package dev.hourglass.samples.kraft27;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.samples.kraft.common.Connections;
import dev.hourglass.samples.kraft27.Wire.PeerRequest;
import dev.hourglass.samples.kraft27.Wire.PeerResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.raft.NetworkChannel;
import org.apache.kafka.raft.RaftMessage;
import org.apache.kafka.raft.RaftRequest;
import org.apache.kafka.raft.RaftResponse;
import org.apache.kafka.raft.RaftUtil;

/**
 * kafka-raft 2.7's {@link NetworkChannel}, which is also the client's inbox: {@code receive(timeout)}
 * — in Kafka a blocking call — returns what arrived and records the timeout, which tells the
 * {@link dev.hourglass.samples.kraft.common.PollDriver} when to poll next. Requests and responses
 * cross the simulated network in Kafka's wire format ({@link Wire}). An inbound request gets a
 * local correlation id, so the client's {@link RaftResponse.Outbound} (which names no destination)
 * finds its way back. A request unanswered within the request timeout completes with {@code
 * BROKER_NOT_AVAILABLE}, as a disconnect would. Between two nodes, messages are delivered in
 * order and at most once, as on Kafka's TCP connections ({@link Connections}).
 */
final class SimChannel27 implements NetworkChannel {
  private final NodeContext ctx;
  private final Endpoint endpoint;
  private final long requestTimeoutNanos;
  private final Runnable pollSoon;
  private final List<RaftMessage> inbox = new ArrayList<>();
  private final Connections connections;
  private final TreeMap<Integer, PendingOut> outbound = new TreeMap<>();
  private final TreeMap<Integer, PendingIn> inbound = new TreeMap<>();
  private int nextCorrelationId;
  private long lastTimeoutMs = -1;
  private int lastReceived;

  private record PendingOut(RaftRequest.Outbound request, long timer, long deadlineClockNanos) {}

  private record PendingIn(String from, int remoteCorrelationId, short apiVersion) {}

  SimChannel27(NodeContext ctx, Endpoint endpoint, long requestTimeoutMs, Runnable pollSoon) {
    this.ctx = ctx;
    this.endpoint = endpoint;
    this.requestTimeoutNanos = requestTimeoutMs * 1_000_000L;
    this.pollSoon = pollSoon;
    this.connections = new Connections(ctx.incarnation());
  }

  static String nodeName(int id) {
    return "n" + id;
  }

  @Override
  public int newCorrelationId() {
    return nextCorrelationId++;
  }

  @Override
  public void send(RaftMessage message) {
    try {
      doSend(message);
    } catch (RuntimeException e) {
      // Kafka calls send from inside CompletableFuture callbacks, which would swallow this.
      ctx.always(false, ctx.name() + ": cannot send " + message + ": " + e);
    }
  }

  private void doSend(RaftMessage message) {
    if (message instanceof RaftRequest.Outbound request) {
      sendRequest(request);
    } else if (message instanceof RaftResponse.Outbound response) {
      PendingIn in = inbound.remove(response.correlationId());
      if (in == null) {
        throw new IllegalStateException(ctx.name() + ": response to unknown request " + response.correlationId());
      }
      ApiMessage body = response.data();
      endpoint.send(in.from(), new PeerResponse(connections.incarnation(), connections.next(in.from()), in.remoteCorrelationId(),
          body.apiKey(), in.apiVersion(), Wire.encode(body, in.apiVersion())));
    } else {
      throw new IllegalArgumentException("cannot send " + message);
    }
  }

  private void sendRequest(RaftRequest.Outbound request) {
    ApiMessage data = request.data();
    short version = Wire.version(data);
    int correlationId = request.correlationId();
    long nowNanos = ctx.clockNanos(); // due on the millisecond Kafka's request timer expires
    long dueNanos = Math.floorDiv(nowNanos, 1_000_000L) * 1_000_000L + requestTimeoutNanos;
    long timer = ctx.schedule(dueNanos - nowNanos, "kraft.request-timeout", correlationId, () -> timeOut(correlationId));
    outbound.put(correlationId, new PendingOut(request, timer, dueNanos));
    String to = nodeName(request.destinationId());
    endpoint.send(to, new PeerRequest(connections.incarnation(), connections.next(to), correlationId, data.apiKey(), version,
        Wire.encode(data, version)));
  }

  private void timeOut(int correlationId) {
    PendingOut p = outbound.remove(correlationId);
    if (p != null) {
      ctx.cancel(p.timer());
      deliver(new RaftResponse.Inbound(correlationId,
          RaftUtil.errorResponse(ApiKeys.forId(p.request().data().apiKey()), Errors.BROKER_NOT_AVAILABLE), p.request().destinationId()));
    }
  }

  /**
   * Times out every request whose deadline the node's clock has passed — as Kafka's NetworkClient
   * does at the start of each poll, by the same clock. (The timers alone would be late when the
   * clock jumps forward: they were set in virtual time.) Called before each poll.
   */
  void expireDue() {
    long now = ctx.clockNanos();
    List<Integer> due = new ArrayList<>();
    outbound.forEach((id, p) -> {
      if (p.deadlineClockNanos() <= now) {
        due.add(id);
      }
    });
    due.forEach(this::timeOut);
  }

  private void deliver(RaftMessage message) {
    inbox.add(message);
    pollSoon.run();
  }

  /** A message from a peer: a request for our client, or the response to one of ours. */
  void onMessage(String from, Object message) {
    switch (message) {
      case PeerRequest r when !connections.accept(from, r.incarnation(), r.seq()) -> {
        // a duplicate or an overtaken message: TCP would never deliver it
      }
      case PeerResponse r when !connections.accept(from, r.incarnation(), r.seq()) -> {
        // likewise
      }
      case PeerRequest r -> {
        int local = newCorrelationId();
        inbound.put(local, new PendingIn(from, r.correlationId(), r.apiVersion()));
        deliver(new RaftRequest.Inbound(local, Wire.decodeRequest(r.apiKey(), r.apiVersion(), r.body()), ctx.clockNanos() / 1_000_000L));
      }
      case PeerResponse r -> {
        PendingOut p = outbound.remove(r.correlationId());
        if (p != null) {
          ctx.cancel(p.timer());
          deliver(new RaftResponse.Inbound(r.correlationId(), Wire.decodeResponse(r.apiKey(), r.apiVersion(), r.body()),
              p.request().destinationId()));
        }
      }
      default -> throw new IllegalArgumentException("unexpected message from " + from + ": " + message);
    }
  }

  @Override
  public List<RaftMessage> receive(long timeoutMs) {
    lastTimeoutMs = timeoutMs;
    lastReceived = inbox.size();
    if (inbox.isEmpty()) {
      return List.of();
    }
    List<RaftMessage> out = new ArrayList<>(inbox);
    inbox.clear();
    return out;
  }

  @Override
  public void wakeup() {
    pollSoon.run();
  }

  @Override
  public void updateEndpoint(int id, InetSocketAddress address) {
    // Addresses only name nodes here: messages go to node n<id>.
  }

  long lastTimeoutMs() {
    return lastTimeoutMs;
  }

  /**
   * Whether the client must be polled again at once: messages wait, or the last poll handled some
   * (its state may have changed since it computed its timeout; Kafka's driver thread calls
   * {@code poll} again right away).
   */
  boolean pollAgainNow() {
    return !inbox.isEmpty() || lastReceived > 0;
  }
}
