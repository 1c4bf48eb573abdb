package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hourglass.disk.DiskException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Out-of-space at the configured capacity, and slow periods. */
class CapacityAndLatencyTest {
  private static final long CAPACITY = 8192;

  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCapacityBytes(CAPACITY));

  @Test
  @DisplayName("a write that would grow the disk past capacityBytes fails with NO_SPACE and changes nothing")
  void writePastCapacityFails() {
    SimFile a = f.durableFile("a", new byte[0]);
    f.write(a, 0, filled((int) CAPACITY, 'a'));

    DiskException e = f.awaitFailure(a.write(CAPACITY, new byte[] {1}));

    assertEquals(Kind.NO_SPACE, e.kind());
    assertEquals(CAPACITY, a.size());
    f.write(a, 100, filled(100, 'b')); // overwriting in place needs no space
    assertEquals(1, f.disk().stats().faults("no-space"));
    assertEquals(1, f.traced("disk.fault.no-space").size());
  }

  @Test
  @DisplayName("capacity counts every file of the disk, and truncating up counts too")
  void capacityIsPerDisk() {
    SimFile a = f.durableFile("a", new byte[0]);
    SimFile b = f.durableFile("b", new byte[0]);
    f.write(a, 0, filled(6000, 'a'));

    assertEquals(Kind.NO_SPACE, f.awaitFailure(b.write(0, filled(3000, 'b'))).kind());
    assertEquals(Kind.NO_SPACE, f.awaitFailure(b.truncate(3000)).kind());
    f.write(b, 0, filled(2192, 'b'));
    assertEquals(CAPACITY, a.size() + b.size(), "the disk is exactly full");
  }

  @Test
  @DisplayName("truncating or deleting a file gives its space back")
  void shrinkingFreesSpace() {
    SimFile a = f.durableFile("a", new byte[0]);
    f.write(a, 0, filled((int) CAPACITY, 'a'));
    f.await(a.truncate(0));
    f.write(a, 0, filled((int) CAPACITY, 'a'));

    f.await(f.disk().delete("a"));
    f.await(f.disk().fsyncDirectory());
    SimFile b = f.create("b");
    f.write(b, 0, filled((int) CAPACITY, 'b'));
    assertEquals(CAPACITY, b.size());
  }

  @Test
  @DisplayName("slowFor multiplies every latency for its duration, then latencies return to normal")
  void slowPeriodMultipliesLatency() {
    SimFile file = f.durableFile("f", new byte[0]);
    f.disk().slowFor(Duration.ofMillis(50), 20);

    long t = f.sim.nowNanos();
    f.write(file, 0, new byte[] {1});
    assertEquals(20 * DiskFixture.WRITE.nanosMin(), f.sim.nowNanos() - t);
    t = f.sim.nowNanos();
    f.fsync(file);
    assertEquals(20 * DiskFixture.SYNC.nanosMin(), f.sim.nowNanos() - t);
    t = f.sim.nowNanos();
    f.read(file, 0, 1);
    assertEquals(20 * DiskFixture.READ.nanosMin(), f.sim.nowNanos() - t);
    assertEquals(1, f.traced("disk.slow").size());

    f.sim.runFor(Duration.ofMillis(50));
    t = f.sim.nowNanos();
    f.write(file, 0, new byte[] {2});
    assertEquals(DiskFixture.WRITE.nanosMin(), f.sim.nowNanos() - t);
  }

  @Test
  @DisplayName("a slow period is per disk: the other nodes' disks keep their speed")
  void slowPeriodIsPerDisk() {
    DiskFixture two = DiskFixture.create(1, 2, DiskFixture.exact());
    SimDisk slow = two.disk(two.nodes.get(0));
    SimDisk fast = two.disk(two.nodes.get(1));
    slow.slowFor(Duration.ofSeconds(1), 10);

    long t = two.sim.nowNanos();
    two.await(fast.create("x"));
    assertEquals(DiskFixture.WRITE.nanosMin(), two.sim.nowNanos() - t);
    t = two.sim.nowNanos();
    two.await(slow.create("x"));
    assertEquals(10 * DiskFixture.WRITE.nanosMin(), two.sim.nowNanos() - t);
  }

  @Test
  @DisplayName("slowFor rejects factors outside [1, 10000]")
  void slowFactorIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> f.disk().slowFor(Duration.ofSeconds(1), 0.5));
    assertThrows(IllegalArgumentException.class, () -> f.disk().slowFor(Duration.ofSeconds(1), 10_001));
  }
}
