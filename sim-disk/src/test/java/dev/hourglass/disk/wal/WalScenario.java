package dev.hourglass.disk.wal;

import dev.hourglass.disk.Disk;
import dev.hourglass.disk.DiskFaults;
import dev.hourglass.disk.DiskOptions;
import dev.hourglass.disk.DiskStats;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the {@link TestWal} on one node: the node appends records from the oracle as fast as
 * every 0.1–1 ms; a nemesis drawn from the run's {@code nemesis} stream crashes it every few
 * milliseconds of virtual time and restarts it soon after, and slows its disk now and then. At the end the node is
 * crashed and restarted once more, so that the last recovery judges every acknowledgment.
 */
final class WalScenario {
  /**
   * @param disk the disk's options, faults included
   * @param appendsMax records appended over the run
   * @param runNanos virtual time the workload and the nemesis run
   * @param crashGapNanosMin the nemesis crashes the node after a uniform gap in [this, max] of
   *     up time (a recovery takes a few fsyncs, 0.5–5 ms each by default)
   * @param crashGapNanosMax see {@code crashGapNanosMin}
   */
  record Config(DiskOptions disk, int appendsMax, long runNanos, long crashGapNanosMin, long crashGapNanosMax) {}

  /** What a run did and what the oracle found. */
  record Outcome(
      long seed,
      TestWal.Variant variant,
      List<WalOracle.Violation> violations,
      long appended,
      long acknowledged,
      long failed,
      long recoveries,
      long healedReads,
      DiskStats stats,
      long traceHash) {

    String describe() {
      return "seed=%d variant=%s appended=%d acknowledged=%d failed=%d recoveries=%d healedReads=%d crashes=%d kept/torn/lost=%d/%d/%d faults=%s violations=%s"
          .formatted(seed, variant, appended, acknowledged, failed, recoveries, healedReads, stats.crashes(),
              stats.unsyncedKept(), stats.unsyncedTorn(), stats.unsyncedLost(), stats.faults(), violations);
    }
  }

  private static final long MS = 1_000_000;

  static Outcome run(long seed, TestWal.Variant variant, Config config) {
    Simulation sim = Simulation.create(seed, SimulationOptions.defaults().withTraceRecordsMax(0));
    Disk.attach(sim, config.disk());
    WalOracle oracle = new WalOracle(config.appendsMax());
    long[] healed = {0};
    NodeRef node = sim.addNode("wal", ctx -> new WalNode(ctx, variant, oracle, healed));
    SimRandom nemesis = sim.random().fork("nemesis");
    boolean[] stopped = {false};
    scheduleCrash(sim, node, nemesis, config, stopped);
    scheduleSlowdown(sim, node, nemesis, stopped);

    sim.runFor(Duration.ofNanos(config.runNanos()));
    stopped[0] = true;
    long before = oracle.recoveries();
    if (node.isUp()) {
      sim.crash(node);
    }
    sim.restart(node);
    sim.runUntil(() -> oracle.recoveries() > before, Duration.ofSeconds(10));

    List<WalOracle.Violation> violations = new ArrayList<>(oracle.violations());
    sim.failure().ifPresent(f -> violations.add(new WalOracle.Violation(WalOracle.Kind.RUN_FAILED, f.timeNanos(), "simulation failed: " + f.describe())));
    if (oracle.recoveries() == before) {
      violations.add(new WalOracle.Violation(WalOracle.Kind.RUN_FAILED, sim.nowNanos(), "the final recovery did not finish within 10 s"));
    }
    return new Outcome(seed, variant, violations, oracle.appendedCount(), oracle.acknowledgedCount(), oracle.failures(),
        oracle.recoveries(), healed[0], Disk.of(sim).disk(node).stats(), sim.trace().hash());
  }

  private static void scheduleCrash(Simulation sim, NodeRef node, SimRandom nemesis, Config config, boolean[] stopped) {
    long gap = nemesis.nextLong(config.crashGapNanosMin(), config.crashGapNanosMax() + 1);
    sim.schedule(gap, "nemesis.crash", 0, () -> {
      if (stopped[0]) {
        return;
      }
      if (node.isUp()) {
        sim.crash(node);
        sim.schedule(nemesis.nextLong(0, MS), "nemesis.restart", 0, () -> {
          if (!node.isUp()) {
            sim.restart(node);
          }
        });
      }
      scheduleCrash(sim, node, nemesis, config, stopped);
    });
  }

  private static void scheduleSlowdown(Simulation sim, NodeRef node, SimRandom nemesis, boolean[] stopped) {
    sim.schedule(nemesis.nextLong(5 * MS, 50 * MS), "nemesis.slow", 0, () -> {
      if (stopped[0]) {
        return;
      }
      Disk.of(sim).disk(node).slowFor(Duration.ofNanos(nemesis.nextLong(MS, 10 * MS)), 1 + nemesis.nextInt(20));
      scheduleSlowdown(sim, node, nemesis, stopped);
    });
  }

  /** The node: recovers its log at every start, then appends the oracle's records until it has enough. */
  private static final class WalNode implements Node {
    private final NodeContext ctx;
    private final WalOracle oracle;
    private final TestWal wal;
    private boolean appending;

    WalNode(NodeContext ctx, TestWal.Variant variant, WalOracle oracle, long[] healed) {
      this.ctx = ctx;
      this.oracle = oracle;
      this.wal = new TestWal(ctx, variant, new TestWal.Listener() {
        @Override
        public void recovered(List<byte[]> records) {
          oracle.recovered(ctx.simulation().nowNanos(), records);
          if (!appending) {
            appending = true;
            appendLoop();
          }
        }

        @Override
        public void acknowledged(byte[] payload) {
          oracle.acknowledged(payload);
        }

        @Override
        public void failed(byte[] payload, Throwable cause) {
          oracle.failed();
        }

        @Override
        public void badReadHealed() {
          healed[0]++;
        }
      });
    }

    @Override
    public void onStart() {
      wal.start();
    }

    private void appendLoop() {
      if (!oracle.wantsMore()) {
        return;
      }
      wal.append(oracle.nextPayload(ctx.random()));
      ctx.schedule(Duration.ofNanos(ctx.random().nextLong(100_000, MS)), this::appendLoop);
    }
  }

  /** Fault rates a single-node log can be expected to survive, drawn per seed (swarm testing). */
  static Config survivable(long seed) {
    SimRandom r = new SimRandom(seed).fork("swarm");
    double keep = r.nextDouble() * 0.6;
    double torn = r.nextDouble() * (1 - keep);
    DiskFaults faults = new DiskFaults(
        pick(r, 0, 0.01, 0.05), // transient read corruption: rereads see through it
        false,
        0, // latent errors and misdirected writes damage the only copy: see WalTest
        0,
        pick(r, 0, 0.01, 0.05),
        pick(r, 0, 0.01, 0.05));
    long capacity = r.nextBoolean() ? 1L << 30 : 32 * 1024; // a small disk fills up: appends fail with NO_SPACE
    DiskOptions disk = DiskOptions.defaults()
        .withSectorSizeBytes(512)
        .withCapacityBytes(capacity)
        .withCrashProbabilities(keep, torn)
        .withFaults(faults);
    return new Config(disk, 300, 300 * MS, 2 * MS, 10 * MS + r.nextLong(0, 50 * MS));
  }

  private static double pick(SimRandom r, double... choices) {
    return choices[r.nextInt(choices.length)];
  }
}
