package dev.hourglass.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The directory: what the node sees now, what is durable, and what a crash keeps. */
class NamespaceTest {
  private final Namespace ns = new Namespace();
  private final Inode a = new Inode(1);
  private final Inode b = new Inode(2);

  @Test
  @DisplayName("operations change what the node sees at once and are pending until synced")
  void operationsArePendingUntilSynced() {
    ns.create("a", a, false);
    ns.create("b", b, false);
    ns.rename("a", "c", false);

    assertEquals(List.of("b", "c"), ns.names());
    assertSame(a, ns.lookup("c"));
    assertEquals(3, ns.pending().size());

    ns.crash(0);
    assertEquals(List.of(), ns.names());
  }

  @Test
  @DisplayName("sync makes the operations up to a sequence number durable; a crash then keeps them")
  void syncIsAPrefix() {
    ns.create("a", a, false);
    long upTo = ns.lastSeq();
    ns.create("b", b, false);

    ns.sync(upTo);
    ns.crash(0);

    assertEquals(List.of("a"), ns.names());
    assertEquals(-1, ns.lastSeq());
  }

  @Test
  @DisplayName("a crash keeps the first k pending operations, replayed in order")
  void crashKeepsAPrefix() {
    ns.create("a", a, false);
    ns.rename("a", "b", false);
    ns.delete("b", false);

    Namespace one = threePendingOperations();
    one.crash(1);
    assertEquals(List.of("a"), one.names());
    Namespace two = threePendingOperations();
    two.crash(2);
    assertEquals(List.of("b"), two.names());
    ns.crash(3);
    assertEquals(List.of(), ns.names());
  }

  @Test
  @DisplayName("rename replaces an existing target; operations durable at once are not pending")
  void renameReplacesAndDurableNow() {
    ns.create("a", a, true);
    ns.create("b", b, true);
    ns.rename("a", "b", true);

    assertEquals(List.of("b"), ns.names());
    assertSame(a, ns.lookup("b"));
    assertEquals(0, ns.pending().size());
    ns.crash(0);
    assertSame(a, ns.lookup("b"));
    assertNull(ns.lookup("a"));
  }

  @Test
  @DisplayName("currentInodes lists the inodes that have a name now, in name order")
  void currentInodes() {
    ns.create("z", a, false);
    ns.create("m", b, false);
    List<Long> ids = new java.util.ArrayList<>();
    ns.currentInodes().forEach(i -> ids.add(i.id));
    assertEquals(List.of(2L, 1L), ids);
  }

  /** A namespace with the same three pending operations as {@link #crashKeepsAPrefix}. */
  private Namespace threePendingOperations() {
    Namespace n = new Namespace();
    n.create("a", a, false);
    n.rename("a", "b", false);
    n.delete("b", false);
    return n;
  }
}
