package dev.hourglass.disk.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One file's bytes: durable content under an overlay of unsynced writes and truncates. */
class InodeTest {
  private static final int SECTOR = 4;

  private final Inode inode = new Inode(7);

  @Test
  @DisplayName("reads see the overlay on top of the durable content; the durable content is unchanged until sync")
  void readsSeeTheOverlay() {
    inode.setDurableContent(bytes("abcdefgh"));
    inode.addWrite(2, bytes("XY"));

    assertEquals("abXYefgh", text(inode.read(0, 100)));
    assertEquals("abcdefgh", text(inode.durableContent()));
    assertEquals(8, inode.size());
    assertEquals(8, inode.durableLength());
  }

  @Test
  @DisplayName("overlay entries apply in order: a later write wins where they overlap")
  void laterWritesWin() {
    inode.addWrite(0, bytes("1111"));
    inode.addWrite(2, bytes("22"));
    inode.addWrite(1, bytes("3"));

    assertEquals("1322", text(inode.read(0, 4)));
  }

  @Test
  @DisplayName("a write past the end leaves a hole of zeros, in the overlay and once durable")
  void holesAreZeros() {
    inode.setDurableContent(bytes("ab"));
    inode.addWrite(5, bytes("c"));

    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 'c'}, inode.read(0, 6));
    inode.sync(inode.lastSeq());
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 'c'}, inode.durableContent());
  }

  @Test
  @DisplayName("truncate shrinks; extending again reads zeros, never the old bytes (overlay and durable)")
  void truncateThenExtendReadsZeros() {
    inode.setDurableContent(bytes("abcdef"));
    inode.addTruncate(2);
    inode.addWrite(4, bytes("Z"));

    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 'Z'}, inode.read(0, 10));
    assertEquals(5, inode.size());
    inode.sync(inode.lastSeq());
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 'Z'}, inode.durableContent());

    inode.addTruncate(1);
    inode.addTruncate(3);
    assertArrayEquals(new byte[] {'a', 0, 0}, inode.read(0, 10));
    inode.sync(inode.lastSeq());
    assertArrayEquals(new byte[] {'a', 0, 0}, inode.durableContent());
  }

  @Test
  @DisplayName("a read window in the middle of the file is assembled from durable bytes, overlay and holes")
  void windowedReads() {
    inode.setDurableContent(bytes("0123456789"));
    inode.addTruncate(4);
    inode.addWrite(6, bytes("xy"));

    assertArrayEquals(new byte[] {'3', 0, 0, 'x'}, inode.read(3, 4));
    assertArrayEquals(new byte[] {'y'}, inode.read(7, 100));
    assertEquals(0, inode.read(8, 5).length);
  }

  @Test
  @DisplayName("sync makes exactly the entries up to the given sequence number durable, in order")
  void syncIsAPrefix() {
    inode.addWrite(0, bytes("aaaa"));
    long first = inode.lastSeq();
    inode.addWrite(0, bytes("bb"));

    inode.sync(first);

    assertEquals("aaaa", text(inode.durableContent()));
    assertEquals(1, inode.pending().size());
    assertEquals("bbaa", text(inode.read(0, 4)));
    inode.sync(inode.lastSeq());
    assertEquals("bbaa", text(inode.durableContent()));
    assertEquals(-1, inode.lastSeq());
  }

  @Test
  @DisplayName("dropDirty discards the entries up to the sequence number (a failed fsync) and keeps later ones")
  void dropDirtyDiscards() {
    inode.setDurableContent(bytes("...."));
    inode.addWrite(0, bytes("A"));
    long upTo = inode.lastSeq();
    inode.addWrite(1, bytes("B"));

    inode.dropDirty(upTo);

    assertEquals(".B..", text(inode.read(0, 4)));
    assertEquals("....", text(inode.durableContent()));
  }

  @Test
  @DisplayName("a crash applies each entry whole, torn at absolute sector boundaries, or not at all, and empties the overlay")
  void applyCrashFates() {
    inode.setDurableContent(bytes("................")); // 4 sectors of 4 bytes
    inode.addWrite(0, bytes("AAAA"));
    inode.addWrite(4, bytes("BBBB"));
    inode.addWrite(10, bytes("CCCCC")); // bytes 10..14: sectors 2 (10..11) and 3 (12..14)

    inode.applyCrash(List.of(Inode.CrashFate.WHOLE, Inode.CrashFate.LOST, new Inode.CrashFate(true, new boolean[] {false, true})), SECTOR);

    assertEquals("AAAA........CCC.", text(inode.durableContent()));
    assertTrue(inode.pending().isEmpty());
    assertEquals("AAAA........CCC.", text(inode.read(0, 16)));
  }

  @Test
  @DisplayName("a torn write past the end extends the file to its last kept sector, with zeros in lost sectors before it")
  void tornExtension() {
    inode.setDurableContent(bytes("ab"));
    inode.addWrite(4, bytes("XXXXYYYYZZ")); // sectors 1, 2, 3 (partly)

    inode.applyCrash(List.of(new Inode.CrashFate(true, new boolean[] {false, true, false})), SECTOR);

    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 0, 0, 'Y', 'Y', 'Y', 'Y'}, inode.durableContent());
  }

  @Test
  @DisplayName("applyCrash needs one fate per overlay entry")
  void applyCrashChecksFates() {
    inode.addWrite(0, bytes("A"));
    assertThrows(IllegalStateException.class, () -> inode.applyCrash(List.of(), SECTOR));
  }

  @Test
  @DisplayName("sectorsSpanned counts absolute sectors; a truncate or empty write is one unit")
  void sectorsSpanned() {
    assertEquals(1, Inode.sectorsSpanned(new Inode.Pending(0, 0, new byte[4]), SECTOR));
    assertEquals(2, Inode.sectorsSpanned(new Inode.Pending(0, 3, new byte[2]), SECTOR));
    assertEquals(3, Inode.sectorsSpanned(new Inode.Pending(0, 3, new byte[6]), SECTOR));
    assertEquals(1, Inode.sectorsSpanned(new Inode.Pending(0, 9, null), SECTOR));
    assertEquals(1, Inode.sectorsSpanned(new Inode.Pending(0, 9, new byte[0]), SECTOR));
  }

  @Test
  @DisplayName("a copy is independent: crashing the copy leaves the original's overlay and content alone")
  void copyIsIndependent() {
    inode.setDurableContent(bytes("...."));
    inode.addWrite(0, bytes("AB"));
    Inode copy = inode.copy();

    copy.applyCrash(List.of(Inode.CrashFate.WHOLE), SECTOR);

    assertEquals("AB..", text(copy.durableContent()));
    assertEquals("....", text(inode.durableContent()));
    assertEquals(1, inode.pending().size());
  }

  @Test
  @DisplayName("the overlay keeps its own copy of written bytes")
  void writesAreCopied() {
    byte[] data = bytes("abc");
    inode.addWrite(0, data);
    data[0] = 'X';
    assertEquals("abc", text(inode.read(0, 3)));
  }

  @Test
  @DisplayName("flipDurableBit flips one bit of the durable content, and nothing past its end")
  void flipDurableBit() {
    inode.setDurableContent(new byte[] {0, 0});
    inode.flipDurableBit(1, 3);
    inode.flipDurableBit(5, 0);
    assertArrayEquals(new byte[] {0, 8}, inode.durableContent());
  }

  @Test
  @DisplayName("flipVisibleBit flips the byte where a read finds it: the last overlay write covering it, else the durable content")
  void flipVisibleBit() {
    inode.setDurableContent(bytes("aaaaaaaa"));
    inode.addWrite(0, bytes("bb"));
    inode.addWrite(1, bytes("cc"));

    assertTrue(inode.flipVisibleBit(1, 0)); // 'c' from the second write
    assertTrue(inode.flipVisibleBit(0, 0)); // 'b' from the first write
    assertTrue(inode.flipVisibleBit(5, 0)); // 'a' from the durable content

    assertEquals("cbcaa`aa", text(inode.read(0, 8))); // was "bccaaaaa"
    assertEquals("aaaaa`aa", text(inode.durableContent()));
  }

  @Test
  @DisplayName("flipVisibleBit changes nothing for a byte that reads as zero because of a truncate or a hole")
  void flipVisibleBitOfZeros() {
    inode.setDurableContent(bytes("abcd"));
    inode.addTruncate(1);
    inode.addWrite(6, bytes("z"));

    assertFalse(inode.flipVisibleBit(2, 0), "truncated away");
    assertFalse(inode.flipVisibleBit(5, 0), "in the hole before the write");
    assertArrayEquals(new byte[] {'a', 0, 0, 0, 0, 0, 'z'}, inode.read(0, 7));
    assertEquals("abcd", text(inode.durableContent()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }
}
