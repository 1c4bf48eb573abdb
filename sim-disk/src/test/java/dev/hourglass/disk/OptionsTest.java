package dev.hourglass.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Simulation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Options and fault rates validate what they are given and say what was wrong. */
class OptionsTest {

  @Test
  @DisplayName("the defaults are an SSD-like disk: 4 KiB sectors, 1 GiB, metadata needs fsyncDirectory, 0.3/0.3 crash split, no faults")
  void defaults() {
    DiskOptions d = DiskOptions.defaults();
    assertEquals(4096, d.sectorSizeBytes());
    assertEquals(1L << 30, d.capacityBytes());
    assertFalse(d.metadataDurableImmediately());
    assertEquals(0.3, d.crashKeepProbability());
    assertEquals(0.3, d.crashTornProbability());
    assertTrue(d.faults().isNone());
  }

  @Test
  @DisplayName("bad options are rejected with the offending value in the message")
  void badOptionsAreRejected() {
    DiskOptions d = DiskOptions.defaults();
    assertMessage("sectorSizeBytes must be a power of two: sectorSizeBytes=1000", () -> d.withSectorSizeBytes(1000));
    assertMessage("capacityBytes must be positive: capacityBytes=0", () -> d.withCapacityBytes(0));
    assertThrows(IllegalArgumentException.class, () -> d.withCrashProbabilities(0.7, 0.4));
    assertThrows(IllegalArgumentException.class, () -> d.withCrashProbabilities(-0.1, 0));
    assertMessage("nanosMax must be >= nanosMin: nanosMin=5 nanosMax=4", () -> new DiskOptions.LatencyRange(5, 4));
    assertThrows(IllegalArgumentException.class, () -> new DiskOptions.LatencyRange(-1, 4));
    assertThrows(NullPointerException.class, () -> d.withFaults(null));
  }

  @Test
  @DisplayName("fault rates must be probabilities")
  void badRatesAreRejected() {
    assertMessage("fsyncErrorRate must be in [0, 1]: fsyncErrorRate=1.5", () -> new DiskFaults(0, false, 0, 0, 0, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new DiskFaults(-0.1, false, 0, 0, 0, 0));
    assertFalse(new DiskFaults(0, false, 0, 0.1, 0, 0).isNone());
    assertTrue(new DiskFaults(0, true, 0, 0, 0, 0).isNone(), "corruptStoredBytes alone injects nothing");
  }

  @Test
  @DisplayName("a simulation has one Disk; every node added before or after attach gets its own SimDisk")
  void attachGivesEveryNodeADisk() {
    Simulation sim = Simulation.create(1);
    var early = sim.addNode("early", ctx -> () -> {});
    Disk disks = Disk.attach(sim, DiskOptions.defaults());
    var late = sim.addNode("late", ctx -> () -> {});

    assertEquals(early, disks.disk(early).node());
    assertEquals(late, disks.disk(late).node());
    assertEquals(disks, Disk.of(sim));
    assertEquals(disks.disk(late), late.component(SimDisk.class));
    assertThrows(IllegalArgumentException.class, () -> Disk.attach(sim, DiskOptions.defaults()));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
  }
}
