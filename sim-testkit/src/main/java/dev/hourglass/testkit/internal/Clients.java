package dev.hourglass.testkit.internal;

import dev.hourglass.checkers.OpType;
import dev.hourglass.network.Endpoint;
import dev.hourglass.network.RpcException;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimTimeoutException;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.ClientProtocol;
import dev.hourglass.testkit.Reply;
import dev.hourglass.testkit.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload's clients: one node per client process, each issuing one operation at a time
 * through RPC to a server, recording it, and thinking between operations. A definite reply
 * records {@code ok} or {@code fail}; a redirect retries the same operation at the hinted (or
 * next) server; a timeout records {@code info}, and the client carries on as a new process (as
 * Jepsen's do), since the old one's operation may still take effect.
 */
final class Clients {
  enum Phase {
    SAFETY,
    LIVENESS,
    DRAINING
  }

  private static final int REDIRECTS_MAX = 8;

  private final Simulation sim;
  private final WorkloadSpec spec;
  private final ClientProtocol protocol;
  private final List<NodeRef> servers;
  private final Recorder recorder;
  private final List<NodeRef> clientNodes = new ArrayList<>();
  Phase phase = Phase.SAFETY;
  int issued;
  int okSinceHeal;
  int finalReadsDone;
  private long healedAtNanos = Long.MAX_VALUE;

  Clients(Simulation sim, WorkloadSpec spec, ClientProtocol protocol, List<NodeRef> servers, Recorder recorder) {
    this.sim = sim;
    this.spec = spec;
    this.protocol = protocol;
    this.servers = servers;
    this.recorder = recorder;
  }

  void start() {
    for (int i = 0; i < spec.clients(); i++) {
      int id = i;
      clientNodes.add(sim.addNode("client-" + i, ctx -> new Client(ctx, id)));
    }
  }

  /** Faults are healed: clients issue their final reads, then keep the workload going. */
  void startLiveness() {
    phase = Phase.LIVENESS;
    healedAtNanos = sim.nowNanos();
    for (NodeRef c : clientNodes) {
      sim.scheduleOn(c, 0, "client.wake", 0, () -> c.instance(Client.class).ifPresent(Client::wake));
    }
  }

  boolean livenessDone(int opsMin) {
    return okSinceHeal >= opsMin && finalReadsDone >= spec.clients() * spec.finalReads().size();
  }

  private final class Client implements Node {
    private final NodeContext ctx;
    private final int id;
    private int process;
    private long sequence;
    private boolean busy;
    private int finalReadIndex;
    private int nextServer;

    Client(NodeContext ctx, int id) {
      this.ctx = ctx;
      this.id = id;
      this.process = id;
      this.nextServer = id % servers.size();
    }

    @Override
    public void onStart() {
      ctx.schedule(think(), "client.think", id, this::issue);
    }

    private long think() {
      return spec.thinkNanosMin() == spec.thinkNanosMax()
          ? spec.thinkNanosMin()
          : ctx.random().nextLong(spec.thinkNanosMin(), spec.thinkNanosMax() + 1);
    }

    void wake() {
      if (!busy) {
        issue();
      }
    }

    private void issue() {
      if (busy || phase == Phase.DRAINING || recorder.full()) {
        return;
      }
      ClientOp op;
      boolean finalRead = false;
      if (phase == Phase.LIVENESS && finalReadIndex < spec.finalReads().size()) {
        op = spec.finalReads().get(finalReadIndex);
        finalRead = true;
      } else if (phase == Phase.SAFETY && issued >= spec.operationsMax()) {
        return; // the safety budget is spent: wait to be woken for the liveness phase
      } else {
        op = spec.generator().next(ctx.random());
      }
      issued++;
      busy = true;
      long seq = ++sequence;
      long invokedAt = sim.nowNanos();
      recorder.invoke(process, op.function(), op.value());
      send(op, seq, invokedAt, finalRead, 0, servers.get(nextServer));
    }

    private void send(ClientOp op, long seq, long invokedAt, boolean finalRead, int redirects, NodeRef target) {
      Endpoint endpoint = ctx.component(Endpoint.class);
      endpoint.rpc()
          .call(target, protocol.request(op, id, seq), Object.class, java.time.Duration.ofNanos(spec.requestTimeoutNanos()))
          .whenComplete((response, error) -> {
            if (error != null) {
              if (!(error instanceof SimTimeoutException) && !(error instanceof RpcException)) {
                throw new IllegalStateException("client " + id + ": unexpected failure of " + op + ": " + error, error);
              }
              // No answer, or an error whose effect we cannot know: indeterminate.
              recorder.complete(process, OpType.INFO, op.function(), op.value(), error.getClass().getSimpleName());
              process += spec.clients(); // the old process may still have an operation in flight
              nextServer = (nextServer + 1) % servers.size();
              done(false, invokedAt, finalRead);
              return;
            }
            Reply reply = protocol.interpret(op, response);
            switch (reply) {
              case Reply.Ok ok -> {
                recorder.complete(process, OpType.OK, op.function(), ok.value(), null);
                done(true, invokedAt, finalRead);
              }
              case Reply.Fail fail -> {
                recorder.complete(process, OpType.FAIL, op.function(), op.value(), fail.reason());
                done(false, invokedAt, finalRead);
              }
              case Reply.Redirect redirect -> {
                if (redirects >= REDIRECTS_MAX) {
                  // Every redirect said "not done here": the operation never happened.
                  recorder.complete(process, OpType.FAIL, op.function(), op.value(), "too many redirects");
                  done(false, invokedAt, finalRead);
                  return;
                }
                NodeRef next = redirect.node().map(sim::node).filter(servers::contains).orElseGet(() -> {
                  nextServer = (nextServer + 1) % servers.size();
                  return servers.get(nextServer);
                });
                nextServer = servers.indexOf(next);
                // Back off a little so a cluster without a leader is not hammered.
                ctx.schedule(ctx.random().nextLong(1_000_000, 10_000_001), "client.redirect", id,
                    () -> send(op, seq, invokedAt, finalRead, redirects + 1, next));
              }
            }
          });
    }

    private void done(boolean ok, long invokedAt, boolean finalRead) {
      busy = false;
      if (ok && invokedAt >= healedAtNanos) {
        okSinceHeal++;
        if (finalRead) {
          finalReadsDone++;
          finalReadIndex++;
        }
      }
      ctx.schedule(think(), "client.think", id, this::issue);
    }
  }
}
