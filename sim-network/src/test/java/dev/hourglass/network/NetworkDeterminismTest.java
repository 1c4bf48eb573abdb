package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.NodeStatus;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import dev.hourglass.runtime.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Determinism of the network under every fault at once: a 5-node gossip (rumours pushed with
 * fan-out, push anti-entropy, pings by RPC) over long-tail latency with loss and duplication,
 * while a nemesis partitions the cluster into random shapes and heals it, clogs nodes and links,
 * swizzles, holds links, pauses, crashes and restarts nodes. The same seed must give the same
 * trace; different seeds different traces.
 */
class NetworkDeterminismTest {
  private static final int NODES = 5;
  private static final int SEEDS = 500;
  private static final Duration CHAOS = Duration.ofSeconds(1);
  private static final Duration RUN = Duration.ofMillis(1_500);

  record Rumor(String id) {}

  /** Push anti-entropy, bounded: a node sends the {@link #SYNC_MAX} greatest rumour ids it knows. */
  record Sync(List<String> known) {}

  private static final int SYNC_MAX = 8;

  record Ping(int n) {}

  record Pong(int n) {}

  /** Gossips rumours: forwards each new one to two random peers, and pushes a sync to a random peer every tick. */
  static final class GossipNode implements Node {
    private final NodeContext ctx;
    private final Endpoint endpoint;
    private final TreeSet<String> known = new TreeSet<>();
    private int originated;
    private int pings;

    GossipNode(NodeContext ctx) {
      this.ctx = ctx;
      this.endpoint = ctx.component(Endpoint.class);
    }

    @Override
    public void onStart() {
      if (ctx.incarnation() == 1) {
        listen();
      } else {
        ctx.schedule(Duration.ofMillis(5), this::listen); // recovering: deaf for a moment (NO_HANDLER)
      }
      tick();
    }

    private void listen() {
      endpoint.onMessage(this::onMessage);
      endpoint.rpc().serve((from, request) -> new Pong(((Ping) request).n()));
    }

    private List<NodeRef> peers() {
      List<NodeRef> peers = new ArrayList<>(ctx.simulation().nodes());
      peers.remove(ctx.node());
      return peers;
    }

    private NodeRef randomPeer() {
      List<NodeRef> peers = peers();
      return peers.get(ctx.random().nextInt(peers.size()));
    }

    private void tick() {
      SimRandom r = ctx.random();
      if (r.chance(0.15)) {
        String id = ctx.name() + "/" + ctx.incarnation() + "/" + originated++;
        known.add(id);
        spread(id);
      }
      endpoint.send(randomPeer(), new Sync(known.descendingSet().stream().limit(SYNC_MAX).toList()));
      if (r.chance(0.3)) {
        int n = pings++;
        endpoint.rpc().call(randomPeer(), new Ping(n), Pong.class, Duration.ofMillis(40))
            .whenComplete((pong, failure) -> ctx.sometimes(failure == null, "a ping is answered"));
      }
      ctx.schedule(Duration.ofMillis(10 + r.nextInt(20)), this::tick);
    }

    private void spread(String id) {
      for (int i = 0; i < 2; i++) {
        endpoint.send(randomPeer(), new Rumor(id));
      }
    }

    private void onMessage(NodeRef from, Object message) {
      if (message instanceof Rumor rumor) {
        if (known.add(rumor.id())) {
          spread(rumor.id());
        }
      } else if (message instanceof Sync sync) {
        known.addAll(sync.known());
      }
    }
  }

  /** What one run left behind, for the campaign's summary. */
  record Outcome(Trace trace, LinkStats totals, int crashes, int parks) {}

  static Outcome run(long seed) {
    return run(seed, true);
  }

  static Outcome run(long seed, boolean copyMessages) {
    Simulation sim = Simulation.create(seed, SimulationOptions.defaults().withTraceRecordsMax(20_000));
    LatencyModel longTail = new LatencyModel.LongTail(
        new LatencyModel.LogNormal(1_000_000, 0.6, 50_000_000), 0.03, LatencyModel.uniform(Duration.ofMillis(20), Duration.ofMillis(200)));
    LinkOptions link = LinkOptions.defaults().withLatency(longTail).withLossRate(0.05).withDuplicateRate(0.05).withInFlightMax(4);
    Network net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(link).withCopyMessages(copyMessages));
    for (int i = 1; i <= NODES; i++) {
      sim.addNode("n" + i, GossipNode::new);
    }
    int[] crashes = {0};
    Nemesis nemesis = new Nemesis(sim, net, sim.random().fork("nemesis"), crashes);
    sim.schedule(Duration.ofMillis(25), nemesis::step);
    sim.schedule(CHAOS, () -> {
      nemesis.stop();
      net.heal();
    });
    sim.runFor(RUN);
    if (sim.failure().isPresent()) {
      throw new AssertionError("seed " + seed + " failed: " + sim.failure().get().describe(), sim.failure().get().cause().orElse(null));
    }
    int parks = (int) sim.trace().records().stream().filter(r -> r.label().equals("net.park")).count();
    return new Outcome(sim.trace(), net.totals(), crashes[0], parks);
  }

  /** Every 25-75 ms of the chaos phase, one fault, drawn from the run's own "nemesis" stream. */
  static final class Nemesis {
    private final Simulation sim;
    private final Network net;
    private final SimRandom r;
    private final int[] crashes;
    private boolean stopped;

    Nemesis(Simulation sim, Network net, SimRandom r, int[] crashes) {
      this.sim = sim;
      this.net = net;
      this.r = r;
      this.crashes = crashes;
    }

    void stop() {
      stopped = true;
    }

    private NodeRef any() {
      return sim.node(r.nextInt(NODES));
    }

    void step() {
      if (stopped) {
        return;
      }
      switch (r.nextInt(13)) {
        case 0 -> net.halves();
        case 1 -> net.bridge();
        case 2 -> net.majoritiesRing();
        case 3 -> net.isolate(any());
        case 4 -> {
          List<NodeRef> group = new ArrayList<>();
          for (NodeRef n : sim.nodes()) {
            if (r.chance(0.5)) {
              group.add(n);
            }
          }
          if (!group.isEmpty()) {
            net.partition(group);
          }
        }
        case 5 -> {
          NodeRef a = any();
          NodeRef b = any();
          if (a != b) {
            net.oneWay(a, b);
          }
        }
        case 6 -> net.heal();
        case 7 -> net.clog(any(), Duration.ofMillis(10 + r.nextInt(90)));
        case 8 -> net.clog(any(), any(), Duration.ofMillis(10 + r.nextInt(90)));
        case 9 -> net.swizzle(Duration.ofMillis(5 + r.nextInt(20)));
        case 10 -> {
          NodeRef victim = any();
          if (victim.status() != NodeStatus.DOWN) {
            sim.crash(victim);
            crashes[0]++;
            sim.schedule(Duration.ofMillis(20 + r.nextInt(130)), () -> {
              if (victim.status() == NodeStatus.DOWN) {
                sim.restart(victim);
              }
            });
          }
        }
        case 11 -> {
          NodeRef sleeper = any();
          if (sleeper.isUp()) {
            sim.pause(sleeper);
            sim.schedule(Duration.ofMillis(10 + r.nextInt(70)), () -> {
              if (sleeper.status() == NodeStatus.PAUSED) {
                sim.resume(sleeper);
              }
            });
          }
        }
        default -> {
          NodeRef a = any();
          NodeRef b = any();
          net.hold(a, b);
          sim.schedule(Duration.ofMillis(5 + r.nextInt(60)), () -> net.release(a, b));
        }
      }
      sim.schedule(Duration.ofMillis(25 + r.nextInt(50)), this::step);
    }
  }

  @Test
  @DisplayName("5-node gossip under every fault: the same seed gives the same trace hash over 500 seeds, and different seeds different hashes")
  void sameSeedSameHashDifferentSeedsDifferentHashes() {
    Set<Long> hashes = new HashSet<>();
    Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    long duplicated = 0;
    long delivered = 0;
    long crashes = 0;
    long parks = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      Outcome[] first = new Outcome[1];
      DeterminismCheck.Report report = DeterminismCheck.check(seed, s -> {
        Outcome o = run(s);
        if (first[0] == null) {
          first[0] = o;
        }
        return o.trace();
      });
      assertTrue(report.deterministic(), report.describe());
      assertTrue(hashes.add(report.firstHash()), "seed " + seed + " has the hash of an earlier seed: " + report.describe());
      first[0].totals().dropped().forEach((reason, n) -> drops.merge(reason, n, Long::sum));
      duplicated += first[0].totals().duplicated();
      delivered += first[0].totals().delivered();
      crashes += first[0].crashes();
      parks += first[0].parks();
    }
    assertEquals(SEEDS, hashes.size());
    // The campaign really exercised every fault (else equal hashes would prove little).
    for (DropReason reason : DropReason.values()) {
      assertTrue(drops.getOrDefault(reason, 0L) > 0, "no " + reason + " drop in " + SEEDS + " seeds: " + drops);
    }
    assertTrue(duplicated > 0 && crashes > 0 && parks > 0, "duplicated=" + duplicated + " crashes=" + crashes + " parks=" + parks);
    assertTrue(delivered > 100L * SEEDS, "delivered=" + delivered);
  }

  @Test
  @DisplayName("messages and RPC bodies that are immutable values give the same trace whether they are copied through JSON or shared")
  void copyingImmutableMessagesChangesNoTrace() {
    // Every node pings by RPC on about 30% of its ticks, so each seed carries requests and responses.
    for (long seed = 0; seed < 100; seed++) {
      Outcome copied = run(seed, true);
      Outcome shared = run(seed, false);
      assertEquals(copied.trace().hash(), shared.trace().hash(), "seed " + seed + ": copy on and copy off ran differently");
      assertEquals(copied.totals(), shared.totals(), "seed " + seed);
    }
  }

  @Test
  @DisplayName("a change of one fault setting changes the hash of a seed")
  void faultSettingsFeedTheHash() {
    long plain = run(17).trace().hash();
    Simulation sim = Simulation.create(17, SimulationOptions.defaults().withTraceRecordsMax(20_000));
    Network net = Network.attach(sim, NetworkOptions.defaults());
    for (int i = 1; i <= NODES; i++) {
      sim.addNode("n" + i, GossipNode::new);
    }
    sim.runFor(RUN);
    long faultless = sim.trace().hash();
    assertTrue(plain != faultless, "the nemesis and the fault rates left the hash unchanged");
    assertEquals(0, net.totals().droppedTotal(), "the default network neither loses nor duplicates");
  }
}
