package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.filled;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The states a crash can leave a file in: every unsynced write independently kept, torn at
 * sector granularity, or lost — and {@code crashStates}, which lists them for exhaustive tests.
 */
class CrashStatesTest {
  private static final int SECTOR = 512;

  @Test
  @DisplayName("over many crashes, unsynced writes are kept, torn and lost with roughly the configured frequencies")
  void fatesFollowTheConfiguredProbabilities() {
    double keep = 0.2;
    double torn = 0.5;
    long kept = 0;
    long tornCount = 0;
    long lost = 0;
    for (long seed = 0; seed < 200; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR).withCrashProbabilities(keep, torn));
      SimFile file = f.durableFile("f", new byte[0]);
      for (int i = 0; i < 10; i++) {
        f.write(file, i * 4L * SECTOR, filled(4 * SECTOR, (char) ('a' + i)));
      }
      f.crashAndRestart();
      DiskStats s = f.disk().stats();
      assertEquals(10, s.unsyncedKept() + s.unsyncedTorn() + s.unsyncedLost(), "every unsynced write gets one fate: seed=" + seed);
      kept += s.unsyncedKept();
      tornCount += s.unsyncedTorn();
      lost += s.unsyncedLost();
    }
    double n = kept + tornCount + lost;
    assertEquals(keep, kept / n, 0.04, "kept fraction");
    assertEquals(torn, tornCount / n, 0.04, "torn fraction");
    assertEquals(1 - keep - torn, lost / n, 0.04, "lost fraction");
  }

  @Test
  @DisplayName("a torn multi-sector write keeps some whole sectors and loses others, never part of a sector")
  void tornWritesTearAtSectorBoundaries() {
    boolean sawMixed = false;
    Set<String> patterns = new TreeSet<>();
    for (long seed = 0; seed < 100; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR).withCrashProbabilities(0, 1));
      SimFile file = f.durableFile("f", filled(6 * SECTOR, 'o'));
      // Unaligned on purpose: bytes 256..2815 span sectors 0..5, partly covering the first and last.
      int start = SECTOR / 2;
      int length = 5 * SECTOR;
      f.write(file, start, filled(length, 'N'));
      f.crashAndRestart();

      byte[] after = f.readAll(f.open("f"));
      assertEquals(6 * SECTOR, after.length);
      StringBuilder pattern = new StringBuilder();
      for (int s = 0; s < 6; s++) {
        int from = Math.max(start, s * SECTOR);
        int to = Math.min(start + length, (s + 1) * SECTOR);
        byte[] part = Arrays.copyOfRange(after, from, to);
        boolean allNew = allEqual(part, 'N');
        boolean allOld = allEqual(part, 'o');
        assertTrue(allNew || allOld, "sector " + s + " is partly written: seed=" + seed);
        pattern.append(allNew ? 'N' : 'o');
      }
      for (int i = 0; i < start; i++) {
        assertEquals('o', after[i], "bytes outside the write never change");
      }
      patterns.add(pattern.toString());
      sawMixed |= pattern.indexOf("N") >= 0 && pattern.indexOf("o") >= 0;
      assertEquals(1, f.disk().stats().unsyncedTorn());
    }
    assertTrue(sawMixed, "no seed tore the write into kept and lost sectors: " + patterns);
    assertTrue(patterns.size() > 20, "only " + patterns.size() + " tear patterns in 100 seeds: " + patterns);
  }

  @Test
  @DisplayName("the sector size sets the tearing granularity: with 4 KiB sectors a 4 KiB-aligned write is all or nothing")
  void sectorSizeIsConfigurable() {
    for (long seed = 0; seed < 50; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(4096).withCrashProbabilities(0, 1));
      SimFile file = f.durableFile("f", filled(4096, 'o'));
      f.write(file, 0, filled(4096, 'N'));
      f.crashAndRestart();
      byte[] after = f.readAll(f.open("f"));
      assertTrue(allEqual(after, 'N') || allEqual(after, 'o'), "seed=" + seed);
    }
  }

  @Test
  @DisplayName("a torn write that extended the file keeps its kept sectors; the gap before them reads as zeros")
  void tornExtendingWriteLeavesZeroGaps() {
    Set<String> seen = new TreeSet<>();
    for (long seed = 0; seed < 60; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR).withCrashProbabilities(0, 1));
      SimFile file = f.durableFile("f", new byte[0]);
      f.write(file, 0, filled(3 * SECTOR, 'N'));
      f.crashAndRestart();
      byte[] after = f.readAll(f.open("f"));
      StringBuilder shape = new StringBuilder();
      for (int s = 0; s * SECTOR < after.length; s++) {
        byte[] part = Arrays.copyOfRange(after, s * SECTOR, (s + 1) * SECTOR);
        assertTrue(allEqual(part, 'N') || allEqual(part, '\0'), "seed=" + seed);
        shape.append(allEqual(part, 'N') ? 'N' : '0');
      }
      assertTrue(shape.isEmpty() || shape.charAt(shape.length() - 1) == 'N', "the file ends at its last kept sector");
      seen.add(shape.toString());
    }
    assertEquals(Set.of("", "N", "0N", "NN", "00N", "0NN", "N0N", "NNN"), seen);
  }

  @Test
  @DisplayName("crashStates of two single-sector writes over a durable base are exactly the 4 combinations")
  void crashStatesEnumeratesCombinations() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(2 * SECTOR, 'a'));
    f.write(file, 0, filled(SECTOR, 'b'));
    f.write(file, SECTOR, filled(SECTOR, 'c'));

    List<String> states = f.disk().crashStates("f", 100).stream().map(CrashStatesTest::sectors).sorted().toList();

    assertEquals(List.of("aa", "ac", "ba", "bc"), states);
  }

  @Test
  @DisplayName("crashStates lists distinct contents: two writes to one sector give 3 states, not 4")
  void crashStatesAreDistinct() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(SECTOR, 'a'));
    f.write(file, 0, filled(SECTOR, 'b'));
    f.write(file, 0, filled(SECTOR, 'c'));

    List<String> states = f.disk().crashStates("f", 100).stream().map(CrashStatesTest::sectors).sorted().toList();

    assertEquals(List.of("a", "b", "c"), states);
  }

  @Test
  @DisplayName("crashStates tears multi-sector writes: one 3-sector write over a base gives 8 states")
  void crashStatesTearMultiSectorWrites() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(3 * SECTOR, 'a'));
    f.write(file, 0, filled(3 * SECTOR, 'b'));

    List<String> states = f.disk().crashStates("f", 100).stream().map(CrashStatesTest::sectors).sorted().toList();

    assertEquals(List.of("aaa", "aab", "aba", "abb", "baa", "bab", "bba", "bbb"), states);
  }

  @Test
  @DisplayName("crashStates includes unsynced truncates kept or lost")
  void crashStatesIncludeTruncates() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(2 * SECTOR, 'a'));
    f.await(file.truncate(SECTOR));
    f.write(file, SECTOR, filled(SECTOR, 'b'));

    List<String> states = f.disk().crashStates("f", 100).stream().map(CrashStatesTest::sectors).sorted().toList();

    // truncate lost: aa or ab; truncate kept: a, or ab (the write re-extends it).
    assertEquals(List.of("a", "aa", "ab"), states);
  }

  @Test
  @DisplayName("past max combinations, crashStates samples at most max states, always including all-lost and all-kept")
  void crashStatesSamplePastMax() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    SimFile file = f.durableFile("f", filled(10 * SECTOR, 'a'));
    for (int s = 0; s < 10; s++) {
      f.write(file, (long) s * SECTOR, filled(SECTOR, 'b'));
    }

    List<byte[]> states = f.disk().crashStates("f", 16);

    assertTrue(states.size() <= 16 && states.size() > 2, "states=" + states.size());
    List<String> names = new ArrayList<>(states.stream().map(CrashStatesTest::sectors).toList());
    assertTrue(names.contains("aaaaaaaaaa"), "all lost is missing: " + names);
    assertTrue(names.contains("bbbbbbbbbb"), "all kept is missing: " + names);
    assertEquals(names.size(), Set.copyOf(names).size(), "states are distinct");
    for (String name : names) {
      assertTrue(name.matches("[ab]{10}"), "every state is a per-sector choice: " + name);
    }
    assertEquals(names, f.disk().crashStates("f", 16).stream().map(CrashStatesTest::sectors).toList(), "the sample is deterministic");
  }

  @Test
  @DisplayName("crashStates does not change the file, and a crash afterwards lands on one of the listed states")
  void crashStatesDoNotDisturbTheDisk() {
    for (long seed = 0; seed < 30; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskFixture.exact().withSectorSizeBytes(SECTOR));
      SimFile file = f.durableFile("f", filled(2 * SECTOR, 'a'));
      f.write(file, 0, filled(2 * SECTOR, 'b'));
      f.write(file, SECTOR, filled(SECTOR, 'c'));
      List<String> states = f.disk().crashStates("f", 64).stream().map(CrashStatesTest::sectors).toList();
      assertEquals("bc", sectors(f.readAll(file)));

      f.crashAndRestart();

      String after = sectors(f.readAll(f.open("f")));
      assertTrue(states.contains(after), "seed=" + seed + ": " + after + " is not in " + states);
    }
  }

  @Test
  @DisplayName("a file with no unsynced writes has one crash state, its durable content; max must be at least 2")
  void crashStatesOfASyncedFile() {
    DiskFixture f = DiskFixture.create(1, DiskFixture.exact());
    f.durableFile("f", filled(10, 'z'));

    List<byte[]> states = f.disk().crashStates("f", 2);

    assertEquals(1, states.size());
    assertArrayEquals(filled(10, 'z'), states.get(0));
    assertThrows(IllegalArgumentException.class, () -> f.disk().crashStates("f", 1));
    assertThrows(IllegalArgumentException.class, () -> f.disk().crashStates("missing", 4));
  }

  /** A file of whole sectors, each filled with one letter, as a string of those letters. */
  static String sectors(byte[] content) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < content.length; i += SECTOR) {
      byte[] part = Arrays.copyOfRange(content, i, Math.min(content.length, i + SECTOR));
      char c = (char) part[0];
      if (!allEqual(part, c)) {
        return "mixed:" + text(content);
      }
      s.append(c);
    }
    return s.toString();
  }

  static boolean allEqual(byte[] b, char c) {
    for (byte x : b) {
      if (x != (byte) c) {
        return false;
      }
    }
    return true;
  }
}
