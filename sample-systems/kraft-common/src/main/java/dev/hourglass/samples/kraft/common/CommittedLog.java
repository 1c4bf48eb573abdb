package dev.hourglass.samples.kraft.common;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.kraft.common.KraftProtocol.ClientResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One incarnation's state machine — the list of committed records — and the client requests
 * waiting on it. The node's KRaft client delivers what it committed, in offset order ({@link
 * #committed}, {@link #controlCommitted}); a request waits for its record's offset: an append is
 * answered {@code ok} with the offset when its record commits there, and not at all when another
 * record does (a duplicate of the request may still commit elsewhere; the client records a
 * timeout as {@code info}); a read is answered with every data record below its marker. Reports to the {@link KraftObserver} and checks, per node,
 * that commits arrive in order and that the high watermark never goes back.
 */
public final class CommittedLog {
  private final NodeContext ctx;
  private final KraftObserver observer;
  private final String name;
  private final TreeMap<Long, String> applied = new TreeMap<>();
  /** Where each applied record was first committed (String keys hash by value; never iterated). */
  private final HashMap<String, Long> firstOffset = new HashMap<>();
  private final TreeMap<Long, List<Waiter>> waiting = new TreeMap<>();
  /** Requests that wait for their record wherever it commits (String keys; never iterated). */
  private final HashMap<String, List<Waiter>> waitingForRecord = new HashMap<>();
  private long appliedEnd;
  private long highWatermark = -1;

  private record Waiter(String record, boolean read, SimFuture<ClientResponse> reply) {}

  public CommittedLog(NodeContext ctx, KraftObserver observer) {
    this.ctx = ctx;
    this.observer = observer;
    this.name = ctx.name();
  }

  /** Every offset below this has been delivered. */
  public long appliedEnd() {
    return appliedEnd;
  }

  /** A client request whose record the leader put at {@code offset}: answered when it commits. */
  public SimFuture<ClientResponse> await(long offset, String record, boolean read) {
    SimFuture<ClientResponse> reply = ctx.newFuture();
    if (offset < appliedEnd) {
      throw new IllegalStateException(name + ": a request awaits offset " + offset + " already applied (end " + appliedEnd + ")");
    }
    waiting.computeIfAbsent(offset, o -> new ArrayList<>()).add(new Waiter(record, read, reply));
    return reply;
  }

  /**
   * A client request whose record was handed to the leader without learning its offset (kafka-raft
   * 2.7 tells it only when its append purgatory next runs): answered when the record commits,
   * wherever; never answered {@code fail} (the client records a timeout as {@code info}).
   */
  public SimFuture<ClientResponse> awaitRecord(String record, boolean read) {
    SimFuture<ClientResponse> reply = ctx.newFuture();
    waitingForRecord.computeIfAbsent(record, r -> new ArrayList<>()).add(new Waiter(record, read, reply));
    return reply;
  }

  /** The node's client exposed high watermark {@code value}: it never goes back within an incarnation. */
  public void highWatermark(long value, int epoch) {
    ctx.always(value >= highWatermark, "high watermark never goes back: " + name + " exposed " + highWatermark
        + " then " + value + " (epoch " + epoch + ")");
    highWatermark = value;
  }

  /** Checks that a batch starting at {@code baseOffset} is the next to apply. */
  public void batch(long baseOffset, long lastOffset) {
    ctx.always(baseOffset == appliedEnd, "commits are delivered in order: " + name + " expected offset "
        + appliedEnd + " got batch " + baseOffset + ".." + lastOffset);
    appliedEnd = lastOffset + 1;
  }

  /** Data record {@code record} committed at {@code offset} in leader epoch {@code epoch}. */
  public void committed(long offset, int epoch, String record) {
    observer.committed(name, offset, epoch, record);
    long effective = offset;
    if (!record.startsWith(KraftProtocol.MARKER_PREFIX)) {
      Long first = firstOffset.putIfAbsent(record, offset);
      if (first == null) {
        applied.put(offset, record);
      } else {
        // The network duplicated a client's request and the leader appended both copies: the
        // state machine applies a record once, at its first offset (as a session table would).
        effective = first;
        ctx.reachable("a duplicated append request committed a record twice; applied once");
      }
    }
    List<Waiter> waiters = new ArrayList<>();
    List<Waiter> atOffset = waiting.remove(offset);
    if (atOffset != null) {
      waiters.addAll(atOffset);
    }
    List<Waiter> forRecord = waitingForRecord.remove(record);
    if (forRecord != null) {
      waiters.addAll(forRecord);
    }
    for (Waiter w : waiters) {
      if (!w.record().equals(record)) {
        // Another record took the offset the leader gave this one. That does not make the append
        // a definite failure: the network may have duplicated the client's request, and the copy
        // may commit elsewhere (a 10,000-seed campaign caught the adapter answering `fail` for a
        // record that committed at another offset). Left unanswered: the client records info.
        ctx.reachable("an appended record lost its offset to another record");
      } else if (w.read()) {
        List<List<Object>> records = new ArrayList<>();
        for (Map.Entry<Long, String> e : applied.headMap(offset, false).entrySet()) {
          records.add(List.of(e.getKey(), e.getValue()));
        }
        w.reply().complete(new ClientResponse(ClientResponse.OK, offset, records, null));
      } else {
        w.reply().complete(new ClientResponse(ClientResponse.OK, effective, List.of(), null));
      }
    }
  }

  /** A control record (a leader change, a voter set) committed at {@code offset}. */
  public void controlCommitted(long offset, int epoch) {
    observer.committed(name, offset, epoch, "<control>");
    List<Waiter> waiters = waiting.remove(offset);
    if (waiters != null) {
      ctx.reachable("an appended record lost its offset to a control record"); // unanswered, as above
    }
  }
}
