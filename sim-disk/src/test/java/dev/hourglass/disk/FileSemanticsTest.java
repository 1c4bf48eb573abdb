package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bytes of one file as the running node sees them: read, write, truncate, size. */
class FileSemanticsTest {
  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact());
  private final SimFile file = f.create("f");

  @Test
  @DisplayName("a write is read back; an overlapping later write replaces only the bytes it covers")
  void writeThenRead() {
    f.write(file, 0, bytes("hello world"));
    f.write(file, 6, bytes("WORLD!"));

    assertEquals(12, file.size());
    assertEquals("hello WORLD!", text(f.readAll(file)));
    assertEquals("lo W", text(f.read(file, 3, 4)));
  }

  @Test
  @DisplayName("a write past the end leaves a hole that reads as zeros")
  void holesReadAsZeros() {
    f.write(file, 0, bytes("ab"));
    f.write(file, 6, bytes("cd"));

    assertEquals(8, file.size());
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 'c', 'd'}, f.readAll(file));
  }

  @Test
  @DisplayName("a hole stays zeros once synced and after a crash")
  void holesAreZerosWhenDurable() {
    f.write(file, 0, bytes("ab"));
    f.write(file, 6, bytes("cd"));
    f.fsync(file);
    f.await(f.disk().fsyncDirectory());
    f.crashAndRestart();

    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0, 'c', 'd'}, f.readAll(f.open("f")));
  }

  @Test
  @DisplayName("a read past the end returns the bytes up to the end, or none")
  void readsPastTheEndAreShort() {
    f.write(file, 0, bytes("12345"));

    assertEquals("45", text(f.read(file, 3, 100)));
    assertEquals(0, f.read(file, 5, 10).length);
    assertEquals(0, f.read(file, 1_000, 10).length);
    assertEquals(0, f.read(file, 0, 0).length);
  }

  @Test
  @DisplayName("truncate shrinks the file; extending it again reads zeros where the old bytes were")
  void truncateShrinkThenExtend() {
    f.write(file, 0, bytes("abcdef"));

    f.await(file.truncate(2));
    assertEquals(2, file.size());
    assertEquals("ab", text(f.readAll(file)));

    f.await(file.truncate(6));
    assertEquals(6, file.size());
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 0, 0}, f.readAll(file));
  }

  @Test
  @DisplayName("truncate then a write past the new end: old bytes in the gap read as zeros")
  void truncateThenWritePastEnd() {
    f.write(file, 0, bytes("abcdef"));
    f.fsync(file);
    f.await(file.truncate(1));
    f.write(file, 4, bytes("X"));

    assertArrayEquals(new byte[] {'a', 0, 0, 0, 'X'}, f.readAll(file));
    f.fsync(file);
    assertArrayEquals(new byte[] {'a', 0, 0, 0, 'X'}, f.disk().durableContent("f").orElseThrow());
  }

  @Test
  @DisplayName("the caller may reuse its buffer as soon as write() returns")
  void writeCopiesTheCallersBuffer() {
    byte[] buffer = bytes("first");
    var pending = file.write(0, buffer);
    buffer[0] = 'X';
    java.util.Arrays.fill(buffer, 1, buffer.length, (byte) '?');
    f.await(pending);

    assertEquals("first", text(f.readAll(file)));
  }

  @Test
  @DisplayName("the bytes a read returns belong to the caller: changing them changes nothing on disk")
  void readReturnsACopy() {
    f.write(file, 0, bytes("abc"));
    byte[] got = f.readAll(file);
    got[0] = 'Z';

    assertEquals("abc", text(f.readAll(file)));
  }

  @Test
  @DisplayName("a zero-length write changes nothing, even past the end (POSIX: no effect)")
  void zeroLengthWriteChangesNothing() {
    f.write(file, 0, bytes("ab"));
    f.write(file, 100, new byte[0]);

    assertEquals(2, file.size());
    f.fsync(file);
    assertEquals(2, f.disk().durableContent("f").orElseThrow().length);
  }

  @Test
  @DisplayName("negative positions, lengths and sizes are rejected at the call")
  void argumentsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> file.read(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> file.read(0, -1));
    assertThrows(IllegalArgumentException.class, () -> file.write(-1, new byte[1]));
    assertThrows(NullPointerException.class, () -> file.write(0, null));
    assertThrows(IllegalArgumentException.class, () -> file.truncate(-1));
  }
}
