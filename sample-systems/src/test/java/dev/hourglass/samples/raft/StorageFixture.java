package dev.hourglass.samples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.Disk;
import dev.hourglass.disk.DiskFaults;
import dev.hourglass.disk.DiskOptions;
import dev.hourglass.disk.SimDisk;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.samples.raft.Messages.Command;
import dev.hourglass.samples.raft.Messages.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One simulated node with a disk, for testing the store's storage on its own: each incarnation
 * recovers {@link Storage} from the disk; the test then acts on it as events of the node, runs
 * virtual time, and crashes and restarts the node. A storage-level fail-stop is recorded in
 * {@link #failStops}.
 */
final class StorageFixture {
  static final int SECTOR = 512;

  final Simulation sim;
  final Disk disks;
  final NodeRef node;
  final List<String> failStops = new ArrayList<>();
  private Storage current;

  StorageFixture(long seed) {
    sim = Simulation.create(seed);
    disks = Disk.attach(sim, DiskOptions.defaults().withSectorSizeBytes(SECTOR));
    node = sim.addStoppedNode("n1", this::incarnation);
  }

  private dev.hourglass.runtime.Node incarnation(NodeContext ctx) {
    return () -> {
      DiskIo io = new DiskIo(ctx, SECTOR, failStops::add);
      DiskIo.on(Storage.recover(io), (storage, error) -> {
        if (error != null) {
          throw new AssertionError("recovery failed", error);
        }
        current = storage;
      });
    };
  }

  /** Starts (or restarts) the node and runs until it recovered its storage. */
  Storage start() {
    current = null;
    sim.start(node);
    sim.runUntil(() -> current != null, Duration.ofSeconds(1));
    assertTrue(current != null, "the node recovered its storage within 1 s");
    return current;
  }

  /** Runs {@code action} on the storage now, as an event of the node (so its callbacks belong to this incarnation). */
  void act(Consumer<Storage> action) {
    Storage s = current;
    sim.scheduleOn(node, 0, "test.act", 0, () -> action.accept(s));
    sim.runFor(Duration.ZERO);
  }

  /** Runs {@code action} on the storage after {@code delayNanos}, as an event of the node. */
  void actLater(long delayNanos, Consumer<Storage> action) {
    Storage s = current;
    sim.scheduleOn(node, delayNanos, "test.act", 0, () -> action.accept(s));
  }

  /** Runs virtual time: long enough for every pending write to finish. */
  void settle() {
    var r = sim.runFor(Duration.ofSeconds(1));
    assertEquals(RunStatus.DEADLINE_REACHED, r.status(), () -> "run: " + r);
  }

  void runFor(long nanos) {
    sim.runFor(Duration.ofNanos(nanos));
  }

  /** Crashes the node: unsynced writes are kept, torn or lost. */
  void crash() {
    sim.crash(node);
  }

  SimDisk disk() {
    return disks.disk(node);
  }

  void faults(DiskFaults faults) {
    disk().setFaults(faults);
  }

  static Entry entry(long term, String value) {
    return new Entry(term, new Command(Messages.PUT, "k", value, null, 1, 1));
  }

  /** The terms of the log's entries, in order (e.g. [1, 1, 2]). */
  static List<Long> terms(RaftLog log) {
    List<Long> terms = new ArrayList<>();
    for (long i = 1; i <= log.lastIndex(); i++) {
      terms.add(log.termAt(i));
    }
    return terms;
  }
}
