package dev.hourglass.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.Trace;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The determinism self-check over a busy storage scenario: three nodes writing, reading,
 * truncating, syncing, renaming and deleting files at random, crashed and restarted by a nemesis,
 * with every storage fault on (and the fault atlas over them) and slow periods. What the nodes
 * read is folded into the trace, so a divergence in content shows up as well as one in timing.
 */
class DiskDeterminismTest {
  private static final int SEEDS = 500;
  private static final long US = 1_000;
  private static final long MS = 1_000_000;
  private static final List<String> FILES = List.of("a", "b", "c", "tmp");

  @Test
  @DisplayName("500 seeds of a busy scenario give the same trace hash twice per seed, and a different one per seed")
  void busyScenarioIsDeterministic() {
    Set<Long> hashes = new TreeSet<>();
    Set<String> labels = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      DeterminismCheck.Report report = DeterminismCheck.check(seed, DiskDeterminismTest::busy);
      assertTrue(report.deterministic(), report.describe());
      assertEquals(report.firstHash(), report.secondHash());
      hashes.add(report.firstHash());
      if (seed < 20) {
        busy(seed).records().stream().map(TraceRecord::label).forEach(labels::add);
      }
    }
    assertEquals(SEEDS, hashes.size(), "distinct seeds gave equal trace hashes");
    for (String label : List.of(
        "disk.write", "disk.read", "disk.truncate", "disk.fsync", "disk.fsync-dir", "disk.rename", "disk.delete",
        "disk.open-or-create", "disk.crash", "disk.slow", "disk.fault.read-corruption", "disk.fault.latent",
        "disk.fault.latent-read", "disk.fault.misdirected", "disk.fault.write-error", "disk.fault.fsync-error",
        "disk.fault.no-space", "app.read", "app.error")) {
      assertTrue(labels.contains(label), "the busy scenario never produced " + label + ": " + labels);
    }
  }

  @Test
  @DisplayName("a disk's random streams are its own: adding a node with a disk does not change what another disk draws")
  void disksDrawFromTheirOwnStreams() {
    for (long seed = 0; seed < 20; seed++) {
      List<String> alone = contentAfterCrash(seed, false);
      List<String> withNeighbour = contentAfterCrash(seed, true);
      assertEquals(alone, withNeighbour, "seed=" + seed);
    }
  }

  /** n1 writes unsynced sectors and crashes; what survives, optionally with a busy n2 beside it. */
  private static List<String> contentAfterCrash(long seed, boolean neighbour) {
    DiskFixture f = DiskFixture.create(seed, neighbour ? 2 : 1, DiskFixture.exact().withSectorSizeBytes(512));
    if (neighbour) {
      SimDisk other = f.disk(f.nodes.get(1));
      SimFile x = f.await(other.create("x"));
      for (int i = 0; i < 10; i++) {
        f.await(x.write(i * 700L, new byte[700]));
      }
      f.sim.crash(f.nodes.get(1));
    }
    SimFile file = f.durableFile("f", DiskFixture.filled(8 * 512, 'o'));
    for (int s = 0; s < 8; s++) {
      f.write(file, s * 512L, DiskFixture.filled(512, (char) ('a' + s)));
    }
    f.crashAndRestart(f.nodes.get(0));
    DiskStats s = f.disk().stats();
    return List.of(CrashStatesTest.sectors(f.readAll(f.open("f"))), s.unsyncedKept() + "/" + s.unsyncedTorn() + "/" + s.unsyncedLost());
  }

  /** One run of the busy scenario; its trace. */
  static Trace busy(long seed) {
    Simulation sim = Simulation.create(seed);
    DiskFaults faults = new DiskFaults(0.05, true, 0.02, 0.02, 0.02, 0.02);
    Disk disks = Disk.attach(sim, DiskOptions.defaults().withSectorSizeBytes(512).withCapacityBytes(16 * 1024).withFaults(faults));
    List<NodeRef> nodes = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      nodes.add(sim.addNode("n" + i, BusyNode::new));
    }
    disks.recoverableFaults(nodes);
    SimRandom nemesis = sim.random().fork("nemesis");
    for (NodeRef node : nodes) {
      scheduleCrash(sim, node, nemesis);
    }
    sim.schedule(nemesis.nextLong(0, 50 * MS), "nemesis.slow", 0,
        () -> disks.disk(nodes.get(nemesis.nextInt(nodes.size()))).slowFor(Duration.ofMillis(5), 1 + nemesis.nextInt(50)));
    sim.runFor(Duration.ofMillis(80));
    sim.failure().ifPresent(f -> {
      throw new AssertionError("seed " + seed + " failed: " + f.describe(), f.cause().orElse(null));
    });
    return sim.trace();
  }

  private static void scheduleCrash(Simulation sim, NodeRef node, SimRandom nemesis) {
    sim.schedule(nemesis.nextLong(5 * MS, 40 * MS), "nemesis.crash", node.id(), () -> {
      if (node.isUp()) {
        sim.crash(node);
        sim.schedule(nemesis.nextLong(0, 2 * MS), "nemesis.restart", node.id(), () -> sim.restart(node));
      }
      scheduleCrash(sim, node, nemesis);
    });
  }

  /** Does something random to its disk every 20–300 µs and traces what it reads and every error. */
  private static final class BusyNode implements Node {
    private final NodeContext ctx;
    private final SimDisk disk;
    private final SimRandom random;
    private final Map<String, SimFile> open = new LinkedHashMap<>();

    BusyNode(NodeContext ctx) {
      this.ctx = ctx;
      this.disk = ctx.component(SimDisk.class);
      this.random = ctx.random();
    }

    @Override
    public void onStart() {
      ctx.simulation().traceEvent("app.list", disk.list().hashCode());
      step();
    }

    private void step() {
      String name = FILES.get(random.nextInt(FILES.size()));
      SimFile file = open.get(name);
      int op = random.nextInt(10);
      if (file == null || op == 0) {
        track(disk.openOrCreate(name).thenAccept(f -> open.put(name, f)));
      } else if (op <= 3) {
        byte[] data = new byte[1 + random.nextInt(1500)];
        random.nextBytes(data);
        track(file.write(random.nextInt(4096), data));
      } else if (op <= 5) {
        track(file.read(random.nextInt(4096), 1 + random.nextInt(1024))
            .thenAccept(bytes -> ctx.simulation().traceEvent("app.read", Arrays.hashCode(bytes))));
      } else if (op == 6) {
        track(file.fsync());
      } else if (op == 7) {
        track(random.nextBoolean() ? file.truncate(random.nextInt(4096)) : disk.fsyncDirectory());
      } else if (op == 8) {
        track(disk.rename("tmp", FILES.get(random.nextInt(3))));
      } else {
        track(disk.delete(name).thenAccept(v -> open.remove(name)));
      }
      ctx.schedule(Duration.ofNanos(random.nextLong(20 * US, 300 * US)), this::step);
    }

    private void track(SimFuture<?> future) {
      future.whenComplete((v, failure) -> {
        if (failure != null) {
          ctx.simulation().traceEvent("app.error",
              failure instanceof DiskException e ? e.kind().ordinal() : -1);
        }
      });
    }
  }
}
