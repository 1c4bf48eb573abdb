package dev.hourglass.samples.kraft27;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.kraft.common.CommittedLog;
import dev.hourglass.samples.kraft.common.KraftObserver;
import dev.hourglass.samples.kraft.common.KraftProtocol;
import dev.hourglass.samples.kraft.common.KraftProtocol.ClientRequest;
import dev.hourglass.samples.kraft.common.KraftProtocol.ClientResponse;
import dev.hourglass.samples.kraft.common.KraftStore;
import dev.hourglass.samples.kraft.common.KraftStore.StoredBatch;
import dev.hourglass.samples.kraft.common.PollDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.raft.AckMode;
import org.apache.kafka.raft.KafkaRaftClient;
import org.apache.kafka.raft.LeaderAndEpoch;
import org.apache.kafka.raft.QuorumState;
import org.apache.kafka.raft.internals.LogOffset;

/**
 * One voter running kafka-raft 2.7.2's {@link KafkaRaftClient}, unmodified, with our clock,
 * channel-and-inbox ({@link SimChannel27}), purgatories ({@link SimFuturePurgatory}), quorum-state
 * store and log ({@link SimReplicatedLog27}), polled by a {@link PollDriver}. kafka-raft 2.7 has
 * no listener API: after each poll the node applies to its {@link CommittedLog} the log entries
 * below the high watermark the client exposes — which is what 2.7's own {@code
 * ReplicatedCounter} does with {@code read(..., COMMITTED)}.
 */
final class Kraft27Server implements Node {
  static final int ELECTION_TIMEOUT_MS = 1_000;
  static final int FETCH_TIMEOUT_MS = 2_000;
  static final int ELECTION_BACKOFF_MAX_MS = 1_000;
  static final int RETRY_BACKOFF_MS = 20;
  static final int REQUEST_TIMEOUT_MS = 2_000;
  static final int FETCH_MAX_WAIT_MS = 500;
  static final int APPEND_TIMEOUT_MS = 1_000;

  private final NodeContext ctx;
  private final KraftObserver observer;
  private final int id;
  private final int voters;
  private final boolean fsyncEveryAppend;
  private final String name;
  private KafkaRaftClient client;
  private SimReplicatedLog27 log;
  private SimChannel27 channel;
  private CommittedLog state;
  private int applyIndex; // position in the log's batch list of the next batch to apply

  Kraft27Server(NodeContext ctx, KraftObserver observer, int id, int voters, boolean fsyncEveryAppend) {
    this.ctx = ctx;
    this.observer = observer;
    this.id = id;
    this.voters = voters;
    this.fsyncEveryAppend = fsyncEveryAppend;
    this.name = ctx.name();
  }

  @Override
  public void onStart() {
    KraftStore store = ctx.component(KraftStore.class);
    Endpoint endpoint = ctx.component(Endpoint.class);
    SimTime time = new SimTime(ctx);
    state = new CommittedLog(ctx, observer);
    SimChannel27[] channel = new SimChannel27[1];
    PollDriver driver = new PollDriver(ctx, this::poll, this::observe, () -> channel[0].lastTimeoutMs(), () -> channel[0].pollAgainNow());
    channel[0] = new SimChannel27(ctx, endpoint, REQUEST_TIMEOUT_MS, driver::pollSoon);
    endpoint.onMessage((from, message) -> channel[0].onMessage(from.name(), message));
    Set<Integer> voterIds = new LinkedHashSet<>();
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (int i = 1; i <= voters; i++) {
      voterIds.add(i);
      addresses.put(i, new InetSocketAddress("127.0.0.1", 9000 + i)); // an IP literal: no DNS look-up
    }
    LogContext logContext = new LogContext("[" + name + "] ");
    QuorumState quorum = new QuorumState(id, voterIds, ELECTION_TIMEOUT_MS, FETCH_TIMEOUT_MS, new SimQuorumStateStore27(store),
        time, logContext, ctx.random().asRandom());
    log = new SimReplicatedLog27(store, fsyncEveryAppend);
    client = new KafkaRaftClient(channel[0], log, quorum, time, new Metrics(time), new SimFuturePurgatory<LogOffset>(ctx),
        new SimFuturePurgatory<LogOffset>(ctx), addresses, ELECTION_BACKOFF_MAX_MS, RETRY_BACKOFF_MS, REQUEST_TIMEOUT_MS,
        FETCH_MAX_WAIT_MS, logContext, ctx.random().asRandom());
    try {
      client.initialize();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = channel[0];
    endpoint.rpc().serve((from, request) -> onClientRequest((ClientRequest) request, driver));
    observer.started(name, ctx.incarnation());
    driver.pollSoon();
  }

  private void poll() {
    channel.expireDue();
    try {
      client.poll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void observe() {
    LeaderAndEpoch le = client.currentLeaderAndEpoch();
    if (le.leaderId.isPresent() && le.leaderId.getAsInt() == id) {
      observer.leader(name, le.epoch);
    }
    OptionalLong hw = client.highWatermark();
    if (hw.isPresent()) {
      state.highWatermark(hw.getAsLong(), le.epoch);
      apply(hw.getAsLong());
    }
  }

  /** Applies every stored batch wholly below {@code highWatermark} not applied yet. */
  private void apply(long highWatermark) {
    List<StoredBatch> batches = log.batches();
    applyIndex = Math.min(applyIndex, batches.size());
    while (applyIndex > 0 && batches.get(applyIndex - 1).baseOffset() >= state.appliedEnd()) {
      applyIndex--; // the log was truncated and refilled since
    }
    while (applyIndex < batches.size() && batches.get(applyIndex).lastOffset() < highWatermark) {
      StoredBatch b = batches.get(applyIndex++);
      if (b.lastOffset() < state.appliedEnd()) {
        continue;
      }
      state.batch(b.baseOffset(), b.lastOffset());
      for (RecordBatch batch : MemoryRecords.readableRecords(ByteBuffer.wrap(b.bytes())).batches()) {
        for (Record r : batch) {
          if (batch.isControlBatch()) {
            state.controlCommitted(r.offset(), batch.partitionLeaderEpoch());
          } else {
            state.committed(r.offset(), batch.partitionLeaderEpoch(), new String(Utils.toArray(r.value()), StandardCharsets.UTF_8));
          }
        }
      }
    }
  }

  private Object onClientRequest(ClientRequest request, PollDriver driver) {
    LeaderAndEpoch le = client.currentLeaderAndEpoch();
    if (le.leaderId.isEmpty() || le.leaderId.getAsInt() != id) {
      return ClientResponse.redirect(le.leaderId.isPresent() ? SimChannel27.nodeName(le.leaderId.getAsInt()) : null);
    }
    MemoryRecords records = MemoryRecords.withRecords(CompressionType.NONE,
        new SimpleRecord(request.value().getBytes(StandardCharsets.UTF_8)));
    // kafka-raft 2.7 completes an append's future only when its append purgatory next runs (up to a
    // second later, after the record may have committed), so the request waits for its record
    // rather than for an offset. A failed append may or may not be in the log: unanswered, the
    // client records it as info.
    SimFuture<ClientResponse> reply = state.awaitRecord(request.value(), request.function().equals(KraftProtocol.READ));
    client.append(records, AckMode.LEADER, APPEND_TIMEOUT_MS);
    driver.pollSoon();
    return reply;
  }
}
