package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.filled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Misdirected writes: the data lands at another sector-aligned offset or in another file. */
class MisdirectedWriteTest {
  private static final int SECTOR = 512;
  private static final DiskFaults MISDIRECT = new DiskFaults(0, false, 0, 1, 0, 0);

  @Test
  @DisplayName("a misdirected write leaves its intended sector unchanged and lands whole on another sector of the file")
  void landsElsewhereInTheFile() {
    Set<Integer> landings = new TreeSet<>();
    for (long seed = 0; seed < 60; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile file = f.durableFile("f", filled(32 * SECTOR, 'o'));
      f.disk().setFaults(MISDIRECT);

      f.write(file, 16L * SECTOR, filled(SECTOR, 'N'));

      String after = CrashStatesTest.sectors(f.readAll(file));
      assertEquals('o', after.charAt(16), "the intended sector keeps its old content: seed=" + seed);
      assertEquals(1, after.chars().filter(c -> c == 'N').count(), "the data landed exactly once: seed=" + seed + " " + after);
      int landed = after.indexOf('N');
      assertTrue(Math.abs(landed - 16) <= 8, "landed at sector " + landed);
      landings.add(landed);
      assertEquals(1, f.disk().stats().faults("misdirected"));
      assertEquals(1, f.traced("disk.fault.misdirected").size());
    }
    assertTrue(landings.size() >= 8, "landings=" + landings);
  }

  @Test
  @DisplayName("a misdirected write can land in another file, at the same offset, leaving its own file unchanged")
  void landsInAnotherFile() {
    int inOther = 0;
    for (long seed = 0; seed < 60; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile mine = f.durableFile("mine", filled(32 * SECTOR, 'm'));
      SimFile other = f.durableFile("other", filled(32 * SECTOR, 'o'));
      f.disk().setFaults(MISDIRECT);

      f.write(mine, 4L * SECTOR, filled(SECTOR, 'N'));

      String a = CrashStatesTest.sectors(f.readAll(mine));
      String b = CrashStatesTest.sectors(f.readAll(other));
      assertEquals('m', a.charAt(4), "seed=" + seed);
      long landed = a.chars().filter(c -> c == 'N').count() + b.chars().filter(c -> c == 'N').count();
      assertEquals(1, landed, "seed=" + seed + " mine=" + a + " other=" + b);
      if (b.indexOf('N') >= 0) {
        assertEquals(4, b.indexOf('N'), "a write misdirected to another file keeps its offset");
        inOther++;
      }
    }
    assertTrue(inOther > 5 && inOther < 55, "landed in the other file in " + inOther + " of 60 seeds");
  }

  @Test
  @DisplayName("a misdirected multi-sector write keeps its shape where it lands")
  void multiSectorWriteLandsWhole() {
    for (long seed = 0; seed < 30; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile file = f.durableFile("f", filled(40 * SECTOR, 'o'));
      f.disk().setFaults(MISDIRECT);
      byte[] data = new byte[3 * SECTOR];
      java.util.Arrays.fill(data, 0, SECTOR, (byte) 'X');
      java.util.Arrays.fill(data, SECTOR, 2 * SECTOR, (byte) 'Y');
      java.util.Arrays.fill(data, 2 * SECTOR, 3 * SECTOR, (byte) 'Z');

      f.write(file, 16L * SECTOR, data);

      String after = CrashStatesTest.sectors(f.readAll(file));
      int x = after.indexOf('X');
      assertTrue(x >= 0 && x != 16, "seed=" + seed + " " + after);
      assertEquals("XYZ", after.substring(x, x + 3), "seed=" + seed + " " + after);
    }
  }

  @Test
  @DisplayName("a misdirected write lands only on bytes the file already has: it never grows the file")
  void neverGrowsAFile() {
    int misdirected = 0;
    for (long seed = 0; seed < 60; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile file = f.durableFile("f", filled(4 * SECTOR, 'o'));
      f.disk().setFaults(MISDIRECT);

      f.write(file, 4L * SECTOR, filled(SECTOR, 'N')); // an append

      String after = CrashStatesTest.sectors(f.readAll(file));
      if (f.disk().stats().faults("misdirected") == 1) {
        misdirected++;
        assertEquals(4 * SECTOR, file.size(), "seed=" + seed);
        assertEquals(1, after.chars().filter(c -> c == 'N').count(), "seed=" + seed + " " + after);
      } else {
        assertEquals("ooooN", after, "a write that cannot be misdirected lands where it was aimed: seed=" + seed);
      }
    }
    assertTrue(misdirected > 10 && misdirected < 60, "appends misdirected in " + misdirected + " of 60 seeds");
  }

  @Test
  @DisplayName("with misdirection off, the same writes land where they were aimed")
  void noMisdirectionWhenRateIsZero() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(32 * SECTOR, 'o'));
    for (int s = 0; s < 32; s += 3) {
      f.write(file, (long) s * SECTOR, filled(SECTOR, 'N'));
    }
    String after = CrashStatesTest.sectors(f.readAll(file));
    for (int s = 0; s < 32; s++) {
      assertEquals(s % 3 == 0 ? 'N' : 'o', after.charAt(s));
    }
    assertEquals(0, f.disk().stats().faults("misdirected"));
  }
}
