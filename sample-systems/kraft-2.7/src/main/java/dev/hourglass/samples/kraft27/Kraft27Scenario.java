package dev.hourglass.samples.kraft27;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.samples.kraft.common.AppendLogCheck;
import dev.hourglass.samples.kraft.common.ClientLinks;
import dev.hourglass.samples.kraft.common.KraftObserver;
import dev.hourglass.samples.kraft.common.KraftProtocol;
import dev.hourglass.samples.kraft.common.KraftStore;
import dev.hourglass.testkit.ClientOp;
import dev.hourglass.testkit.Cluster;
import dev.hourglass.testkit.FaultKind;
import dev.hourglass.testkit.HistoryCheck;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.WorkloadSpec;
import dev.hourglass.testkit.World;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Scenario {@code kraft-2.7}: the first release of Kafka's Raft ({@code kafka-raft} 2.7.2,
 * unmodified) under the same campaign as {@code kraft} (4.1.0): three voters, the same fault mix,
 * workload and checks. It has two known bugs, fixed in later releases:
 *
 * <ul>
 *   <li><b>KAFKA-10533</b> (fixed by PR #9352, October 2020; 2.7.2's {@code ReplicatedLog} still has
 *       no {@code flush}): the client never flushes its log, so a leader counts its own unflushed
 *       entries toward the high watermark and a follower acknowledges unflushed entries; a crash
 *       loses them, and an entry that was committed (and applied) is gone.
 *   <li><b>KAFKA-12619</b> (fixed by PR #10481, April 2021): a new leader exposes a high watermark once
 *       replication reaches its epoch's start offset, not past its own {@code LeaderChange}
 *       record — off by one — so it can expose entries of earlier epochs before anything of its
 *       own epoch is committed (Raft's Figure 8).
 * </ul>
 *
 * Planted switch {@code fsync-every-append} makes the log flush after every append (the fix for
 * KAFKA-10533, done in the log instead of the client), to look for KAFKA-12619 alone.
 */
public final class Kraft27Scenario implements Scenario {
  public static final String NAME = "kraft-2.7";
  public static final String FSYNC_EVERY_APPEND = "fsync-every-append";
  static final int VOTERS = 3;
  static final int CLIENTS = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Apache Kafka KRaft as first released (kafka-raft 2.7.2, unmodified) on 3 voters: KAFKA-10533, KAFKA-12619";
  }

  @Override
  public List<String> bugs() {
    return List.of(FSYNC_EVERY_APPEND);
  }

  @Override
  public String checkerName() {
    return AppendLogCheck.NAME;
  }

  @Override
  public Set<FaultKind> faultKinds() {
    return EnumSet.of(FaultKind.PARTITION, FaultKind.CRASH, FaultKind.PAUSE, FaultKind.CLOCK_SKEW, FaultKind.CLOG,
        FaultKind.MESSAGE_LOSS);
  }

  @Override
  public Cluster build(World world) {
    Simulation sim = world.simulation();
    KraftStore.attach(sim);
    KraftObserver observer = new KraftObserver(sim);
    boolean fsync = world.bug(FSYNC_EVERY_APPEND);
    List<NodeRef> servers = new ArrayList<>();
    for (int i = 1; i <= VOTERS; i++) {
      int id = i;
      servers.add(sim.addNode(SimChannel27.nodeName(id), ctx -> new Kraft27Server(ctx, observer, id, VOTERS, fsync)));
    }
    ClientLinks.attach(sim, world.network(), servers);
    return new Cluster(servers, new KraftProtocol());
  }

  /** The same workload as scenario {@code kraft}. */
  @Override
  public WorkloadSpec workload() {
    return new WorkloadSpec(CLIENTS, 200, 5_000_000L, 50_000_000L, 1_000_000_000L,
        random -> random.chance(0.05)
            ? new ClientOp(KraftProtocol.READ, null)
            : new ClientOp(KraftProtocol.APPEND, "a" + Long.toHexString(random.nextLong())),
        List.of(new ClientOp(KraftProtocol.READ, null)));
  }

  @Override
  public HistoryCheck check() {
    return new AppendLogCheck();
  }

  @Override
  public RunOptions defaultOptions() {
    RunOptions d = RunOptions.defaults();
    return new RunOptions(d.bug(), d.plan(), d.operationsMax(), d.clients(), 10_000_000_000L, 20_000_000_000L,
        d.livenessOpsMin(), d.simulation(), d.network().withCopyMessages(false), d.disk());
  }
}
