package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** When operations complete: after their latency, as events of the disk's node, in any order. */
class CompletionOrderTest {

  @Test
  @DisplayName("an operation completes after its latency, as a later event of the node, never inside the call")
  void completesAfterLatencyAsAnEvent() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact());
    SimFile file = f.create("f");
    long submittedAt = f.sim.nowNanos();

    SimFuture<Void> write = file.write(0, bytes("x"));
    assertFalse(write.isDone(), "completed inside write()");
    f.sim.runFor(Duration.ofNanos(DiskFixture.WRITE.nanosMin() - 1));
    assertFalse(write.isDone(), "completed before its latency");
    f.sim.runFor(Duration.ofNanos(1));
    assertTrue(write.isDone());

    List<TraceRecord> writes = f.traced("disk.write");
    assertEquals(1, writes.size());
    assertEquals(submittedAt + DiskFixture.WRITE.nanosMin(), writes.get(0).timeNanos());
    assertEquals("n1", writes.get(0).node(), "the completion is an event of the disk's node");
  }

  @Test
  @DisplayName("reads, writes and syncs take latencies drawn from their configured ranges")
  void latenciesComeFromTheirRanges() {
    var read = new DiskOptions.LatencyRange(10_000, 20_000);
    var write = new DiskOptions.LatencyRange(30_000, 40_000);
    var sync = new DiskOptions.LatencyRange(500_000, 600_000);
    DiskFixture f = DiskFixture.create(7, DiskOptions.defaults().withLatencies(read, write, sync));
    SimFile file = f.create("f");
    for (int i = 0; i < 50; i++) {
      long t = f.sim.nowNanos();
      f.write(file, 0, bytes("x"));
      assertInRange(write, f.sim.nowNanos() - t, "write");
      t = f.sim.nowNanos();
      f.read(file, 0, 1);
      assertInRange(read, f.sim.nowNanos() - t, "read");
      t = f.sim.nowNanos();
      f.fsync(file);
      assertInRange(sync, f.sim.nowNanos() - t, "fsync");
    }
  }

  private static void assertInRange(DiskOptions.LatencyRange range, long nanos, String what) {
    assertTrue(
        nanos >= range.nanosMin() && nanos <= range.nanosMax(),
        what + " took " + nanos + " ns, outside [" + range.nanosMin() + ", " + range.nanosMax() + "]");
  }

  @Test
  @DisplayName("two writes to one offset can complete in reverse submission order, and the later-completing one wins")
  void independentWritesCompleteOutOfOrder() {
    int reversedSeeds = 0;
    int inOrderSeeds = 0;
    for (long seed = 0; seed < 200; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults()); // writes take 20–200 µs
      SimFile file = f.create("f");
      SimFuture<Void> first = file.write(0, bytes("first!"));
      SimFuture<Void> second = file.write(0, bytes("second"));

      f.sim.runUntil(() -> first.isDone() || second.isDone(), Duration.ofSeconds(1));
      boolean reversed = second.isDone() && !first.isDone();
      f.await(first);
      f.await(second);

      String expected = reversed ? "first!" : "second";
      assertEquals(expected, text(f.readAll(file)), "the write that completed last wins: seed=" + seed);
      if (reversed) {
        reversedSeeds++;
      } else {
        inOrderSeeds++;
      }
    }
    assertTrue(reversedSeeds > 20, "writes completed in reverse submission order in only " + reversedSeeds + " of 200 seeds");
    assertTrue(inOrderSeeds > 20, "writes completed in submission order in only " + inOrderSeeds + " of 200 seeds");
  }

  @Test
  @DisplayName("seed 1: the second write completes first (about 53 µs against 96 µs), so the first one's bytes stay")
  void aRecordedSeedWithReversedWrites() {
    DiskFixture f = DiskFixture.create(1, DiskOptions.defaults());
    SimFile file = f.create("f");
    long submittedAt = f.sim.nowNanos();
    SimFuture<Void> first = file.write(0, bytes("first!"));
    SimFuture<Void> second = file.write(0, bytes("second"));

    f.sim.runUntil(second::isDone, Duration.ofSeconds(1));
    long secondTook = f.sim.nowNanos() - submittedAt;
    assertFalse(first.isDone(), "in seed 1 the second write completes first");
    f.await(first);
    long firstTook = f.sim.nowNanos() - submittedAt;

    assertTrue(secondTook < firstTook, "second took " + secondTook + " ns, first " + firstTook + " ns");
    assertEquals("first!", text(f.readAll(file)), "the write that completed last wins");
    List<TraceRecord> writes = f.traced("disk.write");
    assertEquals(2, writes.size());
    assertEquals(submittedAt + secondTook, writes.get(0).timeNanos());
    assertEquals(submittedAt + firstTook, writes.get(1).timeNanos());
  }
}
