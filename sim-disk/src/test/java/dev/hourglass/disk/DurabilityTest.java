package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.filled;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimRandom;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a crash leaves of a file's data: fsync is the only thing that makes a write durable. */
class DurabilityTest {
  private static final int SECTOR = 512;

  @Test
  @DisplayName("without fsync a crash loses a write when the crash draws 'lost' for it")
  void unsyncedWriteIsLostWhenCrashLosesIt() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile file = f.durableFile("f", bytes("base"));
    f.write(file, 0, bytes("NEW!"));
    assertEquals("NEW!", text(f.readAll(file)), "before the crash the node reads its own write");

    f.crashAndRestart();

    assertEquals("base", text(f.readAll(f.open("f"))));
    assertEquals(1, f.disk().stats().unsyncedLost());
  }

  @Test
  @DisplayName("with the default crash probabilities an unsynced write is lost in some seeds and kept in others")
  void unsyncedWriteMayOrMayNotSurvive() {
    int lost = 0;
    int kept = 0;
    for (long seed = 0; seed < 100; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      SimFile file = f.durableFile("f", bytes("base"));
      f.write(file, 0, bytes("NEW!"));
      f.crashAndRestart();
      String after = text(f.readAll(f.open("f")));
      if (after.equals("base")) {
        lost++;
      } else {
        assertEquals("NEW!", after, "a 4-byte write fits in one sector: whole or nothing, seed=" + seed);
        kept++;
      }
    }
    assertTrue(lost > 0, "no seed lost the unsynced write");
    assertTrue(kept > 0, "no seed kept the unsynced write");
  }

  @Test
  @DisplayName("after fsync completes, a crash never loses the write (300 seeds, with unsynced writes around it)")
  void syncedWriteSurvivesEveryCrash() {
    for (long seed = 0; seed < 300; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults().withSectorSizeBytes(SECTOR));
      SimRandom r = new SimRandom(seed);
      SimFile file = f.durableFile("f", filled(8 * SECTOR, '.'));
      SimFile other = f.durableFile("other", new byte[0]);
      byte[] synced = randomBytes(r, 1 + r.nextInt(3 * SECTOR));
      long at = r.nextInt(SECTOR); // the synced bytes end before 4 sectors; unsynced ones start there
      f.write(file, at, synced);
      f.fsync(file);
      // Unsynced writes that do not overlap the synced one, here and in another file, in flight and completed.
      f.write(file, 5 * SECTOR, randomBytes(r, 1 + r.nextInt(3 * SECTOR)));
      f.write(other, 0, randomBytes(r, 1 + r.nextInt(4 * SECTOR)));
      file.write(4 * SECTOR, randomBytes(r, SECTOR));
      f.crashAndRestart();

      byte[] after = f.readAll(f.open("f"));
      assertArrayEquals(synced, Arrays.copyOfRange(after, (int) at, (int) at + synced.length), "seed=" + seed);
    }
  }

  @Test
  @DisplayName("fsync covers only the writes completed before it was called, not one that completes while it runs")
  void fsyncCoversOnlyWritesCompletedBeforeTheCall() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile file = f.durableFile("f", filled(8, '.'));
    f.write(file, 0, bytes("AAAA"));

    SimFuture<Void> sync = file.fsync(); // 1 ms
    f.write(file, 4, bytes("BBBB")); // 100 µs: completes while the fsync runs
    assertFalse(sync.isDone());
    f.await(sync);

    assertEquals("AAAABBBB", text(f.readAll(file)));
    assertEquals("AAAA....", text(f.disk().durableContent("f").orElseThrow()));
    f.crashAndRestart();
    assertEquals("AAAA....", text(f.readAll(f.open("f"))));
  }

  @Test
  @DisplayName("a write submitted before an fsync but completing after its call is not covered by it")
  void fsyncDoesNotCoverAWriteInFlight() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile file = f.durableFile("f", filled(4, '.'));

    SimFuture<Void> write = file.write(0, bytes("AAAA"));
    SimFuture<Void> sync = file.fsync();
    f.await(write);
    f.await(sync);

    assertEquals("....", text(f.disk().durableContent("f").orElseThrow()));
  }

  @Test
  @DisplayName("fsync of one file does not make another file's writes durable")
  void fsyncIsPerFile() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile a = f.durableFile("a", new byte[0]);
    SimFile b = f.durableFile("b", new byte[0]);
    f.write(a, 0, bytes("aaa"));
    f.write(b, 0, bytes("bbb"));

    f.fsync(a);
    f.crashAndRestart();

    assertEquals("aaa", text(f.readAll(f.open("a"))));
    assertEquals(0, f.open("b").size());
  }

  @Test
  @DisplayName("truncate is volatile until fsync: a crash can bring the old bytes back, an fsync makes it stick")
  void truncateIsDurableOnlyAfterFsync() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0));
    SimFile file = f.durableFile("f", bytes("abcdef"));
    f.await(file.truncate(2));
    f.crashAndRestart();
    file = f.open("f");
    assertEquals("abcdef", text(f.readAll(file)));

    f.await(file.truncate(2));
    f.fsync(file);
    f.crashAndRestart();
    assertEquals("ab", text(f.readAll(f.open("f"))));
  }

  @Test
  @DisplayName("durableContent is what the medium holds: unsynced writes are not in it, synced ones are")
  void durableContentTracksFsync() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact());
    SimFile file = f.durableFile("f", bytes("one"));
    f.write(file, 3, bytes("two"));
    assertEquals("one", text(f.disk().durableContent("f").orElseThrow()));
    f.fsync(file);
    assertEquals("onetwo", text(f.disk().durableContent("f").orElseThrow()));
    assertTrue(f.disk().durableContent("missing").isEmpty());
  }

  static byte[] randomBytes(SimRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('A' + r.nextInt(26));
    }
    return b;
  }
}
