package dev.hourglass.samples.microraft;

import dev.hourglass.checkers.linear.Models;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.testkit.Checks;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.Cluster;
import dev.hourglass.testkit.FaultKind;
import dev.hourglass.testkit.HistoryCheck;
import dev.hourglass.testkit.KeyDistribution;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.WorkloadSpec;
import dev.hourglass.testkit.Workloads;
import dev.hourglass.testkit.World;
import io.microraft.RaftConfig;
import io.microraft.RaftEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scenario {@code microraft}: MicroRaft 0.7 ({@code io.microraft:microraft}), unmodified, as a
 * five-server replicated KV store under the standard fault mix — partitions of every shape,
 * crashes and restarts (recovering from the simulated disk), pauses, clock skew and drift, clogs,
 * message loss and duplication, disk faults — a random subset per seed (swarm testing), with four
 * clients doing gets, puts, appends and cas over five keys, every history checked for
 * linearizability against the kv model, and a leader that must serve the final reads after the
 * faults are healed (liveness).
 *
 * <p>MicroRaft is configured to exercise its snapshot paths: a snapshot every {@value
 * #SNAPSHOT_EVERY} commits, so a run takes a dozen, of one chunk per key plus one of sessions, and
 * a follower that fell behind collects one by InstallSnapshot, from the leader and (MicroRaft's
 * default) from other followers. Timers are MicroRaft's own, scaled down: 300 ms election
 * timeout, 1 s heartbeat period and 2 s leader heartbeat timeout (MicroRaft counts the last two in
 * whole seconds). A fresh MicroRaft group elects its first leader only after the heartbeat
 * timeout (every node starts out believing a leader is alive), so the first 2 s of each run have
 * no leader.
 *
 * <p>Fault points ({@code buggify}): MicroRaft has none of its own and this adapter adds none, so
 * the {@code buggify} fault kind is not offered.
 */
public final class MicroRaftScenario implements Scenario {
  static {
    // MicroRaft logs every election, truncation and stale message at INFO or WARN: under a
    // nemesis, thousands of lines a seed on the CLI's stderr. Its errors still show;
    // -Dorg.slf4j.simpleLogger.log.io.microraft=info brings the rest back. (slf4j-simple reads
    // this property when each logger is created; the CLI has no logging option: see
    // docs/real-systems.md, "What the adapter showed about Hourglass's API".)
    if (System.getProperty("org.slf4j.simpleLogger.log.io.microraft") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.io.microraft", "error");
    }
  }

  public static final String NAME = "microraft";
  static final int SERVERS = 5;
  static final int KEYS = 5;
  static final int CLIENTS = 4;
  static final int SNAPSHOT_EVERY = 20;
  static final int SECTOR_BYTES = 512;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "MicroRaft 0.7, unmodified, as a 5-server KV store: elections, pre-vote, snapshots, read-index queries, disk recovery";
  }

  /** Planted in the adapter, not in MicroRaft: they show the scenario has teeth ({@link MicroRaftBugs}). */
  @Override
  public List<String> bugs() {
    return MicroRaftBugs.ALL;
  }

  @Override
  public String checkerName() {
    return "linearizable(kv)";
  }

  @Override
  public Set<FaultKind> faultKinds() {
    EnumSet<FaultKind> kinds = EnumSet.allOf(FaultKind.class);
    kinds.remove(FaultKind.BUGGIFY);
    return kinds;
  }

  static RaftConfig raftConfig() {
    return RaftConfig.newBuilder()
        .setLeaderElectionTimeoutMillis(300)
        .setLeaderHeartbeatPeriodSecs(1)
        .setLeaderHeartbeatTimeoutSecs(2)
        .setCommitCountToTakeSnapshot(SNAPSHOT_EVERY)
        .build();
  }

  @Override
  public Cluster build(World world) {
    Simulation sim = world.simulation();
    RaftConfig config = raftConfig();
    MicroRaftBugs bugs = new MicroRaftBugs(world.bug(MicroRaftBugs.EVENTUAL_READS), world.bug(MicroRaftBugs.LYING_FSYNC));
    List<RaftEndpoint> members = new ArrayList<>();
    for (int i = 1; i <= SERVERS; i++) {
      members.add(new SimEndpoint("n" + i));
    }
    List<RaftEndpoint> frozen = List.copyOf(members);
    List<NodeRef> servers = new ArrayList<>();
    for (RaftEndpoint m : frozen) {
      servers.add(sim.addNode((String) m.getId(), ctx -> new MicroRaftServer(ctx, config, frozen, SECTOR_BYTES, bugs)));
    }
    world.disk().recoverableFaults(servers);
    return new Cluster(servers, new MicroRaftProtocol());
  }

  @Override
  public WorkloadSpec workload() {
    List<ClientOp> finalReads = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      finalReads.add(new ClientOp(KvOps.GET, Arrays.asList("k" + k, null)));
    }
    // As raft-kv: half gets, 40% puts, 10% appends; 5–50 ms think time; 500 ms request timeout.
    return new WorkloadSpec(CLIENTS, 300, 5_000_000L, 50_000_000L, 500_000_000L,
        Workloads.keyValue(new KeyDistribution.Uniform(KEYS), 0.5, 0.1), finalReads);
  }

  @Override
  public HistoryCheck check() {
    return Checks.linearizable(Models.keyValue(Map.of()), Duration.ofSeconds(10));
  }

  /**
   * A 5 s safety phase and up to 10 s for the liveness phase (MicroRaft notices a dead leader only
   * after its 2 s heartbeat timeout); 512-byte sectors. The network does not copy messages through
   * JSON: Raft messages are already bytes ({@link Wire}), and client requests and responses are
   * immutable records.
   */
  @Override
  public RunOptions defaultOptions() {
    RunOptions d = RunOptions.defaults();
    return new RunOptions(d.bug(), d.plan(), d.operationsMax(), d.clients(), 5_000_000_000L, 10_000_000_000L,
        d.livenessOpsMin(), d.simulation(), d.network().withCopyMessages(false), d.disk().withSectorSizeBytes(512));
  }
}
