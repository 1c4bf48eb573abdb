package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.filled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.TraceRecord;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Read corruption: one flipped bit in the returned bytes, and optionally on the medium. */
class ReadCorruptionTest {
  private static final DiskFaults TRANSIENT = new DiskFaults(1, false, 0, 0, 0, 0);
  private static final DiskFaults STORED = new DiskFaults(1, true, 0, 0, 0, 0);

  @Test
  @DisplayName("a corrupted read differs from the data in exactly one bit; the medium is untouched")
  void transientCorruptionFlipsOneBitInTheReturnedBytes() {
    for (long seed = 0; seed < 50; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact());
      byte[] data = DurabilityTest.randomBytes(new dev.hourglass.runtime.SimRandom(seed), 1000);
      SimFile file = f.durableFile("f", data);
      f.disk().setFaults(TRANSIENT);

      byte[] got = f.read(file, 0, data.length);

      assertEquals(1, bitsDiffering(data, got), "seed=" + seed);
      assertArrayEquals(data, f.disk().durableContent("f").orElseThrow(), "the medium is untouched: seed=" + seed);
      f.disk().setFaults(DiskFaults.none());
      assertArrayEquals(data, f.read(file, 0, data.length), "the next clean read returns the data: seed=" + seed);
      assertEquals(1, f.disk().stats().faults("read-corruption"));
    }
  }

  @Test
  @DisplayName("with corruptStoredBytes the flipped bit is also on the medium: later clean reads and restarts return it")
  void storedCorruptionStays() {
    DiskFixture f = DiskFixture.create(3, DiskFixture.exact());
    byte[] data = filled(4096, 'x');
    SimFile file = f.durableFile("f", data);
    f.disk().setFaults(STORED);

    byte[] corrupted = f.read(file, 0, data.length);
    assertEquals(1, bitsDiffering(data, corrupted));
    assertArrayEquals(corrupted, f.disk().durableContent("f").orElseThrow());

    f.disk().setFaults(DiskFaults.none());
    assertArrayEquals(corrupted, f.read(file, 0, data.length));
    f.crashAndRestart();
    assertArrayEquals(corrupted, f.readAll(f.open("f")), "stored corruption is a property of the medium and survives a crash");
  }

  @Test
  @DisplayName("stored corruption lands where the byte was read from: in unsynced data it stays in later reads and fsync makes it durable")
  void storedCorruptionOfUnsyncedBytes() {
    DiskFixture f = DiskFixture.create(3, DiskFixture.exact());
    SimFile file = f.durableFile("f", filled(100, 'x'));
    f.write(file, 0, filled(100, 'y'));
    f.disk().setFaults(STORED);

    byte[] corrupted = f.read(file, 0, 100);
    f.disk().setFaults(DiskFaults.none());

    assertEquals(1, bitsDiffering(filled(100, 'y'), corrupted));
    assertArrayEquals(corrupted, f.read(file, 0, 100), "a later clean read returns the flip");
    assertArrayEquals(filled(100, 'x'), f.disk().durableContent("f").orElseThrow(), "the synced bytes were not read, so not damaged");
    f.fsync(file);
    assertArrayEquals(corrupted, f.disk().durableContent("f").orElseThrow());
  }

  @Test
  @DisplayName("stored corruption of unsynced bytes is lost with them: a crash that loses the write leaves the durable bytes intact")
  void storedCorruptionOfUnsyncedBytesDiesWithThem() {
    DiskFixture f = DiskFixture.create(3, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile file = f.durableFile("f", filled(100, 'x'));
    f.write(file, 0, filled(100, 'y'));
    f.disk().setFaults(STORED);
    f.read(file, 0, 100);
    f.disk().setFaults(DiskFaults.none());

    f.crashAndRestart();

    assertArrayEquals(filled(100, 'x'), f.readAll(f.open("f")));
  }

  @Test
  @DisplayName("the corruption rate is a probability per read")
  void rateIsPerRead() {
    DiskFixture f = DiskFixture.create(5, DiskFixture.exact());
    byte[] data = filled(64, 'x');
    SimFile file = f.durableFile("f", data);
    f.disk().setFaults(new DiskFaults(0.25, false, 0, 0, 0, 0));
    int corrupted = 0;
    for (int i = 0; i < 2000; i++) {
      int flips = bitsDiffering(data, f.read(file, 0, data.length));
      assertTrue(flips <= 1);
      corrupted += flips;
    }
    assertEquals(0.25, corrupted / 2000.0, 0.04);
    assertEquals(corrupted, f.disk().stats().faults("read-corruption"));
  }

  @Test
  @DisplayName("every corruption is a disk.fault.read-corruption trace event of the node, with the corrupted offset")
  void corruptionIsTraced() {
    DiskFixture f = DiskFixture.create(9, DiskFixture.exact());
    byte[] data = filled(100, 'x');
    SimFile file = f.durableFile("f", data);
    f.disk().setFaults(TRANSIENT);

    byte[] got = f.read(file, 0, 100);

    List<TraceRecord> faults = f.traced("disk.fault.read-corruption");
    assertEquals(1, faults.size());
    assertEquals("n1", faults.get(0).node());
    int offset = (int) faults.get(0).detail();
    assertTrue(got[offset] != data[offset], "the traced offset is where the bit flipped");
  }

  static int bitsDiffering(byte[] a, byte[] b) {
    assertEquals(a.length, b.length, "lengths differ");
    int bits = 0;
    for (int i = 0; i < a.length; i++) {
      bits += Integer.bitCount((a[i] ^ b[i]) & 0xFF);
    }
    return bits;
  }
}
