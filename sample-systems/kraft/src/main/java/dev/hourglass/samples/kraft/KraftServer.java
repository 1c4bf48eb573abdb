package dev.hourglass.samples.kraft;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.samples.kraft.common.CommittedLog;
import dev.hourglass.samples.kraft.common.KraftObserver;
import dev.hourglass.samples.kraft.common.KraftProtocol;
import dev.hourglass.samples.kraft.common.KraftProtocol.ClientRequest;
import dev.hourglass.samples.kraft.common.KraftProtocol.ClientResponse;
import dev.hourglass.samples.kraft.common.KraftStore;
import dev.hourglass.samples.kraft.common.PollDriver;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.feature.SupportedVersionRange;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.raft.Batch;
import org.apache.kafka.raft.BatchReader;
import org.apache.kafka.raft.Endpoints;
import org.apache.kafka.raft.HourglassRaftClients;
import org.apache.kafka.raft.KafkaRaftClient;
import org.apache.kafka.raft.LeaderAndEpoch;
import org.apache.kafka.raft.RaftClient;
import org.apache.kafka.snapshot.SnapshotReader;

/**
 * One KRaft voter: an unmodified {@link KafkaRaftClient} with our clock ({@link SimTime}), network
 * channel ({@link SimRaftChannel}), non-blocking inbox ({@link SimMessageQueue}), expiration
 * service, quorum-state store and log ({@link SimReplicatedLog}), polled by a {@link PollDriver}.
 * Its state machine is a {@link CommittedLog}, fed by the client's {@link RaftClient.Listener};
 * clients append to it through the leader and read it through the log.
 */
final class KraftServer implements Node {
  private final NodeContext ctx;
  private final KraftConfig config;
  private final KraftObserver observer;
  private final int id;
  private final String name;
  private KafkaRaftClient<String> client;
  private PollDriver driver;
  private CommittedLog state;

  KraftServer(NodeContext ctx, KraftConfig config, KraftObserver observer, int id) {
    this.ctx = ctx;
    this.config = config;
    this.observer = observer;
    this.id = id;
    this.name = ctx.name();
  }

  @Override
  public void onStart() {
    KraftStore store = ctx.component(KraftStore.class);
    Endpoint endpoint = ctx.component(Endpoint.class);
    SimTime time = new SimTime(ctx);
    state = new CommittedLog(ctx, observer);
    SimMessageQueue[] queue = new SimMessageQueue[1];
    SimRaftChannel[] channelRef = new SimRaftChannel[1];
    driver = new PollDriver(ctx, () -> {
      channelRef[0].expireDue();
      client.poll();
    }, this::observe, () -> queue[0].lastTimeoutMs(), () -> queue[0].pollAgainNow());
    queue[0] = new SimMessageQueue(driver::pollSoon);
    SimRaftChannel channel = new SimRaftChannel(ctx, endpoint, config.quorum().requestTimeoutMs());
    channelRef[0] = channel;
    endpoint.onMessage((from, message) -> channel.onMessage(from.name(), message));
    InetSocketAddress self = config.addressOf(id);
    client = HourglassRaftClients.create(id, new Uuid(0x686f7572676c6173L, id), new StringSerde(), channel, queue[0],
        new SimReplicatedLog(store), time, new SimExpirationService(ctx), HourglassRaftClients.FETCH_MAX_WAIT_MS,
        false, KraftConfig.CLUSTER_ID, Endpoints.fromInetSocketAddresses(Map.of(SimRaftChannel.LISTENER, self)),
        new SupportedVersionRange((short) 0, (short) 1), new LogContext("[" + name + "] "), ctx.random().asRandom(),
        config.quorum());
    channel.bind(client);
    client.register(new Listener());
    client.initialize(config.voterAddresses(), new SimQuorumStateStore(store), new Metrics(time), ignored -> {});
    endpoint.rpc().serve((from, request) -> onClientRequest((ClientRequest) request));
    observer.started(name, ctx.incarnation());
    driver.pollSoon();
  }

  private void observe() {
    LeaderAndEpoch le = client.leaderAndEpoch();
    if (le.isLeader(id)) {
      observer.leader(name, le.epoch());
    }
    OptionalLong hw = client.highWatermark();
    if (hw.isPresent()) {
      state.highWatermark(hw.getAsLong(), le.epoch());
    }
  }

  private Object onClientRequest(ClientRequest request) {
    LeaderAndEpoch le = client.leaderAndEpoch();
    if (!le.isLeader(id)) {
      OptionalInt leader = le.leaderId();
      return ClientResponse.redirect(leader.isPresent() ? SimRaftChannel.nodeName(leader.getAsInt()) : null);
    }
    long offset;
    try {
      offset = client.prepareAppend(le.epoch(), List.of(request.value()));
      client.schedulePreparedAppend();
    } catch (RuntimeException e) {
      // NotLeaderException, or the accumulator is full: nothing was appended.
      return ClientResponse.redirect(null);
    }
    driver.pollSoon();
    return state.await(offset, request.value(), request.function().equals(KraftProtocol.READ));
  }

  /** The state machine's door: what the client delivers as committed, in offset order. */
  private final class Listener implements RaftClient.Listener<String> {
    @Override
    public void handleCommit(BatchReader<String> reader) {
      try (reader) {
        while (reader.hasNext()) {
          Batch<String> batch = reader.next();
          state.batch(batch.baseOffset(), batch.lastOffset());
          if (batch.records().isEmpty()) {
            for (long o = batch.baseOffset(); o <= batch.lastOffset(); o++) {
              state.controlCommitted(o, batch.epoch());
            }
          } else {
            long o = batch.baseOffset();
            for (String record : batch.records()) {
              state.committed(o++, batch.epoch(), record);
            }
          }
        }
      }
    }

    @Override
    public void handleLoadSnapshot(SnapshotReader<String> reader) {
      reader.close();
      ctx.always(false, "no snapshot is ever taken, yet " + name + " was asked to load one");
    }

    @Override
    public void handleLeaderChange(LeaderAndEpoch leader) {
      ctx.reachable("a leader change is delivered to the state machine");
    }
  }
}
