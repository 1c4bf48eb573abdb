package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.DiskException.Kind;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Names on one disk as the running node sees them: create, open, delete, rename, list. */
class NamespaceSemanticsTest {
  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact());
  private final SimDisk disk = f.disk();

  @Test
  @DisplayName("create makes an empty file that exists, is listed and can be opened")
  void createMakesAnEmptyFile() {
    assertFalse(disk.exists("a"));
    SimFile a = f.create("a");

    assertEquals("a", a.name());
    assertEquals(0, a.size());
    assertTrue(disk.exists("a"));
    assertEquals(List.of("a"), disk.list());
    assertEquals(0, f.open("a").size());
  }

  @Test
  @DisplayName("create of a name that exists fails with ALREADY_EXISTS and leaves the file alone")
  void createOfExistingNameFails() {
    SimFile a = f.create("a");
    f.write(a, 0, bytes("keep"));

    DiskException e = f.awaitFailure(disk.create("a"));

    assertEquals(Kind.ALREADY_EXISTS, e.kind());
    assertEquals("keep", text(f.readAll(f.open("a"))));
  }

  @Test
  @DisplayName("open of a missing name fails with NOT_FOUND")
  void openOfMissingNameFails() {
    assertEquals(Kind.NOT_FOUND, f.awaitFailure(disk.open("missing")).kind());
  }

  @Test
  @DisplayName("openOrCreate creates a missing file and opens an existing one without truncating it")
  void openOrCreateCreatesOrOpens() {
    SimFile first = f.await(disk.openOrCreate("a"));
    assertTrue(disk.exists("a"));
    f.write(first, 0, bytes("hello"));

    SimFile second = f.await(disk.openOrCreate("a"));

    assertEquals("hello", text(f.readAll(second)));
    assertEquals(List.of("a"), disk.list());
  }

  @Test
  @DisplayName("two handles to one file see each other's writes")
  void handlesShareTheFile() {
    SimFile one = f.create("a");
    SimFile two = f.open("a");

    f.write(one, 0, bytes("xyz"));

    assertEquals("xyz", text(f.readAll(two)));
  }

  @Test
  @DisplayName("delete removes the name; NOT_FOUND for a missing name; an open handle keeps working (POSIX unlink)")
  void deleteRemovesTheName() {
    SimFile a = f.create("a");
    f.write(a, 0, bytes("data"));

    f.await(disk.delete("a"));

    assertFalse(disk.exists("a"));
    assertEquals(List.of(), disk.list());
    assertEquals(Kind.NOT_FOUND, f.awaitFailure(disk.open("a")).kind());
    assertEquals(Kind.NOT_FOUND, f.awaitFailure(disk.delete("a")).kind());
    assertEquals("data", text(f.readAll(a)), "the unlinked file is still readable through its handle");
    f.write(a, 4, bytes("+"));
    assertEquals("data+", text(f.readAll(a)));
    assertEquals(0, f.create("a").size(), "a new file of the same name is a different file");
  }

  @Test
  @DisplayName("rename moves the content to the new name and frees the old one")
  void renameMovesTheFile() {
    SimFile a = f.create("a");
    f.write(a, 0, bytes("content"));

    f.await(disk.rename("a", "b"));

    assertFalse(disk.exists("a"));
    assertTrue(disk.exists("b"));
    assertEquals("content", text(f.readAll(f.open("b"))));
    assertEquals(Kind.NOT_FOUND, f.awaitFailure(disk.open("a")).kind());
  }

  @Test
  @DisplayName("rename over an existing name replaces it atomically (POSIX rename)")
  void renameReplacesTheTarget() {
    f.write(f.create("tmp"), 0, bytes("new"));
    f.write(f.create("current"), 0, bytes("old"));

    f.await(disk.rename("tmp", "current"));

    assertEquals(List.of("current"), disk.list());
    assertEquals("new", text(f.readAll(f.open("current"))));
  }

  @Test
  @DisplayName("rename of a missing name fails with NOT_FOUND and changes nothing")
  void renameOfMissingNameFails() {
    f.create("b");

    assertEquals(Kind.NOT_FOUND, f.awaitFailure(disk.rename("a", "b")).kind());
    assertEquals(List.of("b"), disk.list());
  }

  @Test
  @DisplayName("list is sorted by name")
  void listIsSorted() {
    for (String name : List.of("c", "a", "b10", "b2")) {
      f.create(name);
    }
    assertEquals(List.of("a", "b10", "b2", "c"), disk.list());
  }

  @Test
  @DisplayName("file names must be non-empty and contain no '/'")
  void namesAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> disk.create(""));
    assertThrows(IllegalArgumentException.class, () -> disk.create("dir/file"));
    assertThrows(IllegalArgumentException.class, () -> disk.open(null));
    assertThrows(IllegalArgumentException.class, () -> disk.rename("a", "x/y"));
  }

  @Test
  @DisplayName("each node has its own disk: a file created on one is not seen on another")
  void disksArePerNode() {
    DiskFixture two = DiskFixture.create(2, 2, DiskFixture.exact());
    SimDisk d1 = two.disk(two.nodes.get(0));
    SimDisk d2 = two.disk(two.nodes.get(1));

    two.await(d1.create("a"));

    assertTrue(d1.exists("a"));
    assertFalse(d2.exists("a"));
    assertEquals(two.nodes.get(1), d2.node());
    assertEquals(d1, Disk.of(two.sim).disk(two.nodes.get(0)));
  }
}
