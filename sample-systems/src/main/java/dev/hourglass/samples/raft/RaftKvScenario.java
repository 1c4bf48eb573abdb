package dev.hourglass.samples.raft;

import dev.hourglass.checkers.linear.Models;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import dev.hourglass.testkit.Checks;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.Cluster;
import dev.hourglass.testkit.HistoryCheck;
import dev.hourglass.testkit.KeyDistribution;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.WorkloadSpec;
import dev.hourglass.testkit.Workloads;
import dev.hourglass.testkit.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scenario {@code raft-kv}: the Raft KV store on five servers under the standard fault mix —
 * partitions of every shape, crashes and restarts, pauses, clock skew, clogs, message loss and
 * duplication, disk faults and fault points, a random subset per seed (swarm testing) — with
 * four clients doing gets, puts and appends over five keys, and every history checked for
 * linearizability against the kv model. Raft's own invariants — one vote per term, one leader
 * per term, leader completeness, commit safety, the same entry at an index on every node — are
 * checked as the run goes ({@link RaftObserver}).
 *
 * <p><b>Disk faults</b> run in the recoverable mode: no block is damaged on a majority of the
 * servers. Within it the store survives every fault the nemesis injects — EIO on writes and
 * fsyncs (a failed fsync loses the data it covered), bits flipped on reads, latent sector errors
 * — because it reads back every write before acknowledging it and re-reads a bad record before
 * believing it ({@link DiskIo}, {@link RaftLog}). What it cannot survive, and the nemesis does
 * not inject: stored corruption of a record that was already read back (a bit rotting later, or
 * a misdirected write over it). Recovery would stop at that record and the node would forget
 * entries it acknowledged; with majority quorums that one forgetful node and the two that never
 * had a committed entry can elect a leader without it. Surviving that takes protocol-aware
 * recovery (Alagappan et al., FAST '18): the node would have to rejoin without a vote until it
 * re-learns what it lost.
 */
public final class RaftKvScenario implements Scenario {
  public static final String NAME = "raft-kv";
  static final int SERVERS = 5;
  static final int KEYS = 5;
  static final int CLIENTS = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "a Raft-replicated key-value store on 5 servers: elections, replication, read index, sessions, disk recovery";
  }

  @Override
  public List<String> bugs() {
    return RaftConfig.BUGS;
  }

  @Override
  public String checkerName() {
    return "linearizable(kv)";
  }

  @Override
  public Cluster build(World world) {
    Simulation sim = world.simulation();
    RaftConfig config = RaftConfig.defaults(world.disk().options().sectorSizeBytes(), world.bug());
    RaftObserver observer = new RaftObserver(sim);
    Supervisor supervisor = new Supervisor(sim);
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= SERVERS; i++) {
      names.add("n" + i);
    }
    List<NodeRef> servers = new ArrayList<>();
    for (String name : names) {
      servers.add(sim.addNode(name, ctx -> new RaftNode(ctx, config, names, observer, supervisor)));
    }
    world.disk().recoverableFaults(servers);
    return new Cluster(servers, new RaftKvProtocol());
  }

  @Override
  public WorkloadSpec workload() {
    List<ClientOp> finalReads = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      finalReads.add(new ClientOp(Messages.GET, Arrays.asList("k" + k, null)));
    }
    // Half gets, 40% puts, 10% appends; each client thinks 5–50 ms between operations and gives
    // up on one after 500 ms (it is then indefinite). Appends catch a write applied twice, but
    // each indefinite append multiplies the orders the checker must try (a quarter of appends
    // made one seed in a few thousand exhaust the checker's budget); a tenth keeps every
    // history checkable in milliseconds.
    return new WorkloadSpec(CLIENTS, 300, 5_000_000L, 50_000_000L, 500_000_000L,
        Workloads.keyValue(new KeyDistribution.Uniform(KEYS), 0.5, 0.1), finalReads);
  }

  @Override
  public HistoryCheck check() {
    return Checks.linearizable(Models.keyValue(Map.of()), Duration.ofSeconds(10));
  }

  /**
   * A 5 s safety phase (the nemesis at work) and up to 10 s for the liveness phase (after
   * healing, a leader must be elected and the final reads answered); 512-byte sectors, so the
   * sector-aligned log stays small.
   *
   * <p>Fault points: whenever swarm testing switches buggify on for a seed, every one of the
   * store's few fault points is armed (site probability 1 instead of the kernel's 0.25, which
   * suits code with hundreds of sites); each still fires a quarter of the times it is reached.
   * Figure 8 ({@code commit-old-term}) needs two of them in one run — a leader whose entries
   * reach no majority before it fails, and a later leader slow to add its own — and with a
   * quarter of the sites armed it was found about once in 4,000 seeds instead of once in 150.
   *
   * <p>Messages are not copied through JSON on the way, neither peer messages nor the clients'
   * RPC requests and responses: every message of the store is an immutable record (its lists are
   * copied in the constructor), so sharing one between sender and receiver is as good as a copy,
   * and copying took 40% of a run's time (the RPC bodies alone, copied until the network honoured
   * the option for RPC too, another 20%). The test suite runs seeds both ways and requires the
   * same trace, which also shows every message would survive a real wire.
   */
  @Override
  public RunOptions defaultOptions() {
    RunOptions d = RunOptions.defaults();
    SimulationOptions.BuggifyOptions buggify = new SimulationOptions.BuggifyOptions(true, 1.0, 0.25);
    return new RunOptions(d.bug(), d.plan(), d.operationsMax(), d.clients(), 5_000_000_000L, 10_000_000_000L,
        d.livenessOpsMin(), d.simulation().withBuggify(buggify), d.network().withCopyMessages(false),
        d.disk().withSectorSizeBytes(512));
  }
}
