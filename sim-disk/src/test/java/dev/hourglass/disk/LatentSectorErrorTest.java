package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.filled;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.DiskException.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Latent sector errors: reads of a sector fail with IO_ERROR until the sector is written again. */
class LatentSectorErrorTest {
  private static final int SECTOR = 512;

  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));

  @Test
  @DisplayName("an injected latent error fails every read that touches the sector, and only those")
  void injectedLatentErrorFailsReadsOfItsSector() {
    SimFile file = f.durableFile("f", threeSectors());
    f.disk().injectLatentError("f", 1);

    assertEquals("a", text(f.read(file, 0, 1)));
    assertEquals(SECTOR, f.read(file, 0, SECTOR).length, "sector 0 is readable");
    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.read(SECTOR, 1)).kind());
    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.read(2 * SECTOR - 1, 1)).kind());
    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.read(0, 3 * SECTOR)).kind(), "a read spanning the sector fails");
    assertEquals("c", text(f.read(file, 2 * SECTOR, 1)));
    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.read(SECTOR, 1)).kind(), "the error persists");
  }

  @Test
  @DisplayName("a latent error survives a crash, and rewriting the sector clears it")
  void rewriteClearsTheLatentError() {
    SimFile file = f.durableFile("f", threeSectors());
    f.disk().injectLatentError("f", 1);
    f.crashAndRestart();
    file = f.open("f");
    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.read(SECTOR, 1)).kind());

    f.write(file, SECTOR, filled(SECTOR, 'B'));

    assertEquals("aBc", CrashStatesTest.sectors(f.readAll(file)));
  }

  @Test
  @DisplayName("with latentErrorRate 1 every write leaves exactly one of the sectors it wrote unreadable")
  void writesLeaveLatentErrors() {
    List<Integer> badSectors = new ArrayList<>();
    for (long seed = 0; seed < 40; seed++) {
      DiskFixture g = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile file = g.durableFile("f", filled(4 * SECTOR, 'o'));
      g.disk().setFaults(new DiskFaults(0, false, 1, 0, 0, 0));
      g.write(file, SECTOR, filled(2 * SECTOR, 'N')); // sectors 1 and 2
      g.disk().setFaults(DiskFaults.none());

      List<Integer> failing = new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        var read = file.read((long) s * SECTOR, SECTOR);
        g.sim.runUntil(read::isDone, java.time.Duration.ofSeconds(1));
        if (read.isCompletedExceptionally()) {
          failing.add(s);
        }
      }
      assertEquals(1, failing.size(), "seed=" + seed + " failing=" + failing);
      int bad = failing.get(0);
      assertTrue(bad == 1 || bad == 2, "the latent sector is one the write touched: seed=" + seed);
      assertEquals(1, g.disk().stats().faults("latent"));
      assertEquals(1, g.traced("disk.fault.latent").size());
      badSectors.add(bad);
    }
    assertTrue(badSectors.contains(1) && badSectors.contains(2), "either sector of the write can go bad: " + badSectors);
  }

  @Test
  @DisplayName("a read of a latent sector is a disk.fault.latent-read trace event with the sector")
  void latentReadIsTraced() {
    SimFile file = f.durableFile("f", threeSectors());
    f.disk().injectLatentError("f", 2);
    f.awaitFailure(file.read(2 * SECTOR, 10));

    var records = f.traced("disk.fault.latent-read");
    assertEquals(1, records.size());
    assertEquals(2, records.get(0).detail());
    assertEquals(1, f.traced("disk.fault.latent").size(), "the injection is traced too");
  }

  @Test
  @DisplayName("injecting a latent error into a missing file is rejected")
  void injectIntoMissingFileIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> f.disk().injectLatentError("missing", 0));
  }

  private static byte[] threeSectors() {
    byte[] b = new byte[3 * SECTOR];
    java.util.Arrays.fill(b, 0, SECTOR, (byte) 'a');
    java.util.Arrays.fill(b, SECTOR, 2 * SECTOR, (byte) 'b');
    java.util.Arrays.fill(b, 2 * SECTOR, 3 * SECTOR, (byte) 'c');
    return b;
  }
}
