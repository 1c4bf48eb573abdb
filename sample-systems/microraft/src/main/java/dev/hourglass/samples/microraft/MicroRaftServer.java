package dev.hourglass.samples.microraft;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.microraft.KvOps.Request;
import dev.hourglass.samples.microraft.KvOps.Response;
import dev.hourglass.samples.microraft.KvOps.Result;
import io.microraft.Ordered;
import io.microraft.QueryPolicy;
import io.microraft.RaftConfig;
import io.microraft.RaftEndpoint;
import io.microraft.RaftNode;
import io.microraft.exception.CannotReplicateException;
import io.microraft.exception.LaggingCommitIndexException;
import io.microraft.exception.NotLeaderException;
import io.microraft.exception.RaftException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One server: an unmodified MicroRaft {@link RaftNode} wired to the simulation, plus the KV
 * client endpoint. At every start (first start or restart after a crash) it recovers its log
 * from the simulated disk ({@link WalRecovery}), then builds a RaftNode — from the restored
 * state if there is one — with the simulation's executor, transport, clock, random stream and
 * store, and starts it. Messages that arrive before that are dropped, as by a process that is
 * not listening yet.
 *
 * <p>Clients call any server. Writes go through {@code replicate}, reads through a linearizable
 * {@code query} (MicroRaft's read-index). The answer leaves only once the node's state behind it
 * is durable. A node that is not the leader redirects ({@code NotLeaderException} and {@code
 * CannotReplicateException} mean nothing was appended); a write whose fate is unknown ({@code
 * IndeterminateStateException}, a leader that stepped down) is answered with an RPC error, which
 * the client records as indefinite; a read that failed in any way is a failure (it changed
 * nothing).
 */
final class MicroRaftServer implements Node {
  static final String GROUP_ID = "kv";

  private final NodeContext ctx;
  private final RaftConfig config;
  private final List<RaftEndpoint> members;
  private final int sectorBytes;
  private final MicroRaftBugs bugs;
  private final RaftEndpoint self;
  private Endpoint endpoint;
  private WalStore store;
  private RaftNode raft;

  MicroRaftServer(NodeContext ctx, RaftConfig config, List<RaftEndpoint> members, int sectorBytes, MicroRaftBugs bugs) {
    this.ctx = ctx;
    this.bugs = bugs;
    this.config = config;
    this.members = members;
    this.sectorBytes = sectorBytes;
    this.self = new SimEndpoint(ctx.name());
  }

  @Override
  public void onStart() {
    endpoint = ctx.component(Endpoint.class);
    endpoint.onMessage((from, message) -> {
      if (raft != null) {
        raft.handle(Wire.decodeMessage(((Wire.Packet) message).bytes()));
      }
    });
    endpoint.rpc().serve((from, request) -> serve((Request) request));
    WalStore.on(WalRecovery.recover(ctx, sectorBytes, why -> Supervisor.exit(ctx, why)), (recovered, error) -> {
      if (error != null) {
        throw new AssertionError("recovery failed: " + error, error);
      }
      start(recovered);
    });
  }

  private void start(WalRecovery.Recovered recovered) {
    store = new WalStore(ctx, recovered.file(), sectorBytes, recovered.fileEnd(), recovered.nextBatchSequence(),
        why -> Supervisor.exit(ctx, why), bugs.lyingFsync());
    ctx.sometimes(recovered.state().isPresent(), "microraft: a server restarted from its durable state");
    ctx.sometimes(recovered.state().map(s -> s.getSnapshotEntry().getIndex() > 0).orElse(false),
        "microraft: a server restarted from a durable snapshot");
    RaftNode.RaftNodeBuilder builder = RaftNode.newBuilder()
        .setGroupId(GROUP_ID)
        .setConfig(config)
        .setExecutor(new SimExecutor(ctx))
        .setTransport(new SimTransport(endpoint, store))
        .setStateMachine(new KvStateMachine(ctx))
        .setStore(store)
        .setModelFactory(Wire.MODEL)
        .setRandom(ctx.random().fork("microraft").asRandom())
        .setClock(new SimClock(ctx));
    if (recovered.state().isPresent()) {
      builder.setRestoredState(recovered.state().get());
    } else {
      builder.setLocalEndpoint(self).setInitialGroupMembers(members);
    }
    ctx.log().debug("recovered {} batches; restored={}", recovered.batches(), recovered.state().isPresent());
    raft = builder.build();
    raft.start();
  }

  private Object serve(Request request) {
    if (raft == null) {
      return new Response(Response.REDIRECT, null, null); // still recovering: nothing was done
    }
    SimFuture<Response> answer = ctx.newFuture();
    boolean read = request.op().equals(KvOps.GET);
    CompletableFuture<Ordered<Object>> f = read
        ? raft.query(request.command(), bugs.eventualReads() ? QueryPolicy.EVENTUAL_CONSISTENCY : QueryPolicy.LINEARIZABLE,
            Optional.empty(), Optional.empty())
        : raft.replicate(request.command());
    WalStore current = store;
    f.whenComplete((ordered, error) -> current.afterDurable(() -> answer(answer, read, ordered, error)));
    return answer;
  }

  private void answer(SimFuture<Response> answer, boolean read, Ordered<Object> ordered, Throwable error) {
    if (error == null) {
      Result result = (Result) ordered.getResult();
      answer.complete(new Response(result.ok() ? Response.OK : Response.FAIL, result.value(), null));
      return;
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof NotLeaderException || cause instanceof CannotReplicateException
        || (read && cause instanceof LaggingCommitIndexException)) {
      RaftEndpoint leader = ((RaftException) cause).getLeader();
      String to = leader == null || leader.equals(self) ? null : (String) leader.getId();
      answer.complete(new Response(Response.REDIRECT, null, to));
    } else if (read) {
      answer.complete(new Response(Response.FAIL, cause.toString(), null));
    } else {
      answer.completeExceptionally(cause); // indefinite: the client records info
    }
  }
}
