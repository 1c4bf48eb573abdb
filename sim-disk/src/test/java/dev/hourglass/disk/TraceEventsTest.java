package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every disk operation and every fault is an event of the disk's node in the trace. */
class TraceEventsTest {

  @Test
  @DisplayName("each operation, fault, crash and setting change appears in the trace, attributed to the node")
  void everyOperationAndFaultIsTraced() {
    DiskFixture f = DiskFixture.create(1, 2, DiskFixture.exact().withSectorSizeBytes(512).withCapacityBytes(1 << 20));
    SimDisk disk = f.disk();
    SimFile a = f.create("a");
    f.await(disk.open("a"));
    f.await(disk.openOrCreate("b"));
    f.write(a, 0, filled(4096, 'x'));
    f.read(a, 0, 10);
    f.await(a.truncate(2048));
    f.fsync(a);
    f.await(disk.rename("b", "c"));
    f.await(disk.delete("c"));
    f.await(disk.fsyncDirectory());

    f.disk().slowFor(Duration.ofMillis(1), 2);
    f.disk().setFaults(new DiskFaults(1, false, 0, 0, 0, 0));
    f.read(a, 0, 10);
    f.disk().setFaults(new DiskFaults(0, false, 1, 0, 0, 0));
    f.write(a, 0, bytes("y"));
    f.write(a, 0, filled(16 * 512, 'x')); // room for a misdirected write to land in
    f.disk().setFaults(new DiskFaults(0, false, 0, 1, 0, 0));
    f.write(a, 0, bytes("z"));
    f.disk().setFaults(new DiskFaults(0, false, 0, 0, 1, 0));
    f.awaitFailure(a.write(0, bytes("w")));
    f.disk().setFaults(new DiskFaults(0, false, 0, 0, 0, 1));
    f.awaitFailure(a.fsync());
    f.disk().setFaults(DiskFaults.none());
    f.awaitFailure(a.write(0, new byte[2 << 20]));
    f.disk().injectLatentError("a", 0);
    f.awaitFailure(a.read(0, 1));
    f.disks.recoverableFaults(f.nodes);
    f.crashAndRestart();

    Map<String, Set<String>> nodesByLabel = new TreeMap<>();
    for (TraceRecord r : f.sim.trace().records()) {
      if (r.label().startsWith("disk.")) {
        nodesByLabel.computeIfAbsent(r.label(), k -> new TreeSet<>()).add(r.node());
      }
    }
    for (String label : List.of(
        "disk.create", "disk.open", "disk.open-or-create", "disk.write", "disk.read", "disk.truncate",
        "disk.fsync", "disk.rename", "disk.delete", "disk.fsync-dir", "disk.slow", "disk.faults",
        "disk.fault.read-corruption", "disk.fault.latent", "disk.fault.misdirected", "disk.fault.write-error",
        "disk.fault.fsync-error", "disk.fault.no-space", "disk.fault.latent-read", "disk.crash")) {
      assertEquals(Set.of("n1"), nodesByLabel.get(label), label + " is an event of n1: " + nodesByLabel);
    }
    assertEquals(Set.of("world"), nodesByLabel.get("disk.atlas"), "switching the atlas on is the driver's event");
  }

  @Test
  @DisplayName("the counters agree with the trace")
  void statsAgreeWithTheTrace() {
    DiskFixture f = DiskFixture.create(4, DiskFixture.exact());
    SimFile a = f.durableFile("a", bytes("abc"));
    f.disk().setFaults(new DiskFaults(0.5, false, 0, 0, 0.2, 0.2));
    for (int i = 0; i < 200; i++) {
      var w = a.write(i, bytes("q"));
      f.sim.runUntil(w::isDone, Duration.ofSeconds(1));
      var r = a.read(0, 50);
      f.sim.runUntil(r::isDone, Duration.ofSeconds(1));
      if (i % 10 == 0) {
        var s = a.fsync();
        f.sim.runUntil(s::isDone, Duration.ofSeconds(1));
      }
    }
    DiskStats s = f.disk().stats();
    assertEquals(f.traced("disk.read").size(), s.reads());
    assertEquals(f.traced("disk.write").size(), s.writes());
    assertEquals(f.traced("disk.fsync").size() + f.traced("disk.fsync-dir").size(), s.fsyncs());
    for (String kind : List.of("read-corruption", "write-error", "fsync-error")) {
      assertEquals(f.traced("disk.fault." + kind).size(), s.faults(kind), kind);
      assertTrue(s.faults(kind) > 0, kind + " never happened");
    }
  }
}
