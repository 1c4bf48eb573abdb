package dev.hourglass.samples.kraft;

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
 * Scenario {@code kraft}: Apache Kafka's Raft implementation ({@code org.apache.kafka:kafka-raft}
 * 4.1.0, unmodified) on three voters, under partitions, crashes and restarts (losing unflushed log
 * batches), pauses, clock skew, clogs and message loss — a random subset per seed. Four clients
 * append unique records through the leader and read the log through it; every history must show
 * each acknowledged append committed exactly once at its offset ({@link AppendLogCheck}), and
 * the run must keep one leader per epoch, agreement on the committed prefix and a high watermark
 * that never goes back on any node ({@link KraftObserver}, {@link dev.hourglass.samples.kraft.common.CommittedLog}).
 *
 * <p>No {@code DISK} faults: the log lives in {@link KraftStore}, which models crashes honestly
 * but not stored corruption. No {@code BUGGIFY}: Kafka's code has no fault points.
 */
public final class KraftScenario implements Scenario {
  public static final String NAME = "kraft";
  static final int VOTERS = 3;
  static final int CLIENTS = 4;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Apache Kafka KRaft (kafka-raft 4.1.0, unmodified) on 3 voters: elections, replication, flush and crash recovery";
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
    KraftConfig config = KraftConfig.of(VOTERS);
    KraftObserver observer = new KraftObserver(sim);
    List<NodeRef> servers = new ArrayList<>();
    for (int i = 1; i <= VOTERS; i++) {
      int id = i;
      servers.add(sim.addNode(SimRaftChannel.nodeName(id), ctx -> new KraftServer(ctx, config, observer, id)));
    }
    ClientLinks.attach(sim, world.network(), servers);
    return new Cluster(servers, new KraftProtocol());
  }

  @Override
  public WorkloadSpec workload() {
    // 95% appends of a fresh random record, 5% reads through the log; every client reads once
    // more after the faults are healed. 1 s timeout: an election takes 1–2 s of Kafka's timers.
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

  /**
   * A 10 s safety phase and up to 20 s to recover after healing (Kafka's election and fetch
   * timeouts are 1–2 s, and a crashed node comes back after its restart delay). Messages are not
   * copied through JSON: they already cross the network as Kafka's wire bytes ({@link Wire}).
   */
  @Override
  public RunOptions defaultOptions() {
    RunOptions d = RunOptions.defaults();
    return new RunOptions(d.bug(), d.plan(), d.operationsMax(), d.clients(), 10_000_000_000L, 20_000_000_000L,
        d.livenessOpsMin(), d.simulation(), d.network().withCopyMessages(false), d.disk());
  }
}
