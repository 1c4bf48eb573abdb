package dev.hourglass.testkit.demo;

import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import java.time.Duration;

/**
 * The getting-started example (docs/getting-started.md shows this file): a callback node that
 * serves pings with pongs, and a node that pings a random server every few milliseconds. There is
 * no network module here: a "message" is an event scheduled on the receiving node after a latency
 * drawn from the sender's random stream, so simultaneous arrivals are ordered by the seed.
 */
public final class PingPong {
  private PingPong() {}

  /** Builds a cluster of {@code servers} servers and one pinger, runs it, returns the simulation. */
  public static Simulation run(long seed, int servers, Duration duration) {
    Simulation sim = Simulation.create(seed);
    for (int i = 0; i < servers; i++) {
      sim.addNode("server-" + i, ctx -> new Server(ctx));
    }
    sim.addNode("pinger", ctx -> new Pinger(ctx, servers));
    sim.runFor(duration);
    return sim;
  }

  /** Counts pings and answers each one with a pong after a random latency. */
  static final class Server implements Node {
    private final NodeContext ctx;
    private long pings;

    Server(NodeContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onStart() {
      ctx.log().debug("server up");
    }

    void onPing(NodeRef from, long sequence) {
      pings++;
      ctx.always(sequence > 0, "ping sequence numbers start at 1");
      long latencyNanos = ctx.random().nextLong(100_000, 2_000_000);
      Simulation sim = ctx.simulation();
      sim.scheduleOn(from, latencyNanos, "pong", sequence, () -> pinger(sim, from).onPong(sequence));
    }
  }

  /** Pings a random server every 5 ms of its own clock and counts the pongs. */
  static final class Pinger implements Node {
    private final NodeContext ctx;
    private final int servers;
    private long sequence;
    private long pongs;

    Pinger(NodeContext ctx, int servers) {
      this.ctx = ctx;
      this.servers = servers;
    }

    @Override
    public void onStart() {
      ctx.schedule(Duration.ofMillis(5), this::tick);
    }

    private void tick() {
      long seq = ++sequence;
      Simulation sim = ctx.simulation();
      NodeRef target = sim.node("server-" + ctx.random().nextInt(servers));
      NodeRef self = ctx.node();
      long latencyNanos = ctx.random().nextLong(100_000, 2_000_000);
      sim.scheduleOn(target, latencyNanos, "ping", seq, () -> server(sim, target).onPing(self, seq));
      ctx.schedule(Duration.ofMillis(5), this::tick);
    }

    void onPong(long seq) {
      pongs++;
      ctx.sometimes(seq != pongs, "pongs arrive out of order");
    }
  }

  // A real system sends through sim-network; here delivery looks up the receiver's current
  // instance when the event runs (the kernel runs it only if the node is up).
  private static Server server(Simulation sim, NodeRef node) {
    return node.instance(Server.class).orElseThrow();
  }

  private static Pinger pinger(Simulation sim, NodeRef node) {
    return node.instance(Pinger.class).orElseThrow();
  }

  /** Pongs the pinger has received. */
  public static long pongs(Simulation sim) {
    return sim.node("pinger").instance(Pinger.class).orElseThrow().pongs;
  }
}
