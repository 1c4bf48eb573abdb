package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hourglass.disk.DiskException.Kind;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a crash does to handles and to operations still in flight. */
class CrashLifecycleTest {
  /** Every unsynced write a crash resolves is kept: anything missing afterwards never happened. */
  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(1, 0).withMetadataDurableImmediately(true));

  @Test
  @DisplayName("a handle of a crashed incarnation is stale: every operation on it fails with STALE_HANDLE")
  void handlesAreStaleAfterACrash() {
    SimFile old = f.durableFile("f", bytes("data"));
    f.crashAndRestart();

    assertEquals(Kind.STALE_HANDLE, f.awaitFailure(old.read(0, 4)).kind());
    assertEquals(Kind.STALE_HANDLE, f.awaitFailure(old.write(0, bytes("x"))).kind());
    assertEquals(Kind.STALE_HANDLE, f.awaitFailure(old.truncate(0)).kind());
    assertEquals(Kind.STALE_HANDLE, f.awaitFailure(old.fsync()).kind());
    DiskException size = assertThrows(DiskException.class, old::size);
    assertEquals(Kind.STALE_HANDLE, size.kind());

    SimFile fresh = f.open("f");
    assertEquals("data", text(f.readAll(fresh)), "the stale handle changed nothing");
  }

  @Test
  @DisplayName("a write in flight at a crash never happens, even when the crash keeps every completed write")
  void writeInFlightNeverHappens() {
    SimFile file = f.durableFile("f", bytes("base"));
    f.write(file, 0, bytes("done"));
    SimFuture<Void> inFlight = file.write(0, bytes("LOST"));

    f.crashAndRestart();
    f.sim.runFor(Duration.ofSeconds(1));

    assertFalse(inFlight.isDone(), "the future of an operation that never happened never completes");
    assertEquals("done", text(f.readAll(f.open("f"))));
  }

  @Test
  @DisplayName("an fsync in flight at a crash never happens: the writes it would have covered are resolved by the crash")
  void fsyncInFlightNeverHappens() {
    DiskFixture g = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(0, 0).withMetadataDurableImmediately(true));
    SimFile file = g.durableFile("f", bytes("base"));
    g.write(file, 0, bytes("next"));
    SimFuture<Void> sync = file.fsync();
    g.sim.runFor(Duration.ofNanos(DiskFixture.SYNC.nanosMin() - 1));

    g.crashAndRestart();
    g.sim.runFor(Duration.ofSeconds(1));

    assertFalse(sync.isDone());
    assertEquals("base", text(g.readAll(g.open("f"))));
  }

  @Test
  @DisplayName("directory operations in flight at a crash never happen")
  void directoryOperationsInFlightNeverHappen() {
    f.durableFile("a", bytes("a"));
    SimFuture<SimFile> create = f.disk().create("b");
    SimFuture<Void> rename = f.disk().rename("a", "c");

    f.crashAndRestart();
    f.sim.runFor(Duration.ofSeconds(1));

    assertFalse(create.isDone());
    assertFalse(rename.isDone());
    assertEquals(java.util.List.of("a"), f.disk().list());
  }

  @Test
  @DisplayName("an operation submitted while its node is down, and still due after the restart, never happens")
  void operationsOfADownNodeNeverHappen() {
    SimFile file = f.durableFile("f", bytes("base"));
    NodeRef node = f.node();
    f.sim.crash(node);
    SimFuture<SimFile> create = f.disk().create("while-down");
    f.sim.restart(node);
    f.sim.runFor(Duration.ofSeconds(1));

    assertFalse(create.isDone());
    assertFalse(f.disk().exists("while-down"));
    assertEquals(Kind.STALE_HANDLE, f.awaitFailure(file.read(0, 1)).kind());
  }

  @Test
  @DisplayName("the disk survives the node: a restarted node reads what its previous incarnation made durable")
  void diskSurvivesRestarts() {
    f.durableFile("f", bytes("generation-1"));
    for (int i = 2; i <= 5; i++) {
      f.crashAndRestart();
      SimFile file = f.open("f");
      assertEquals("generation-" + (i - 1), text(f.readAll(file)));
      f.await(file.truncate(0));
      f.write(file, 0, bytes("generation-" + i));
      f.fsync(file);
    }
    assertEquals(4, f.disk().stats().crashes());
    assertEquals(4, f.traced("disk.crash").size());
  }
}
