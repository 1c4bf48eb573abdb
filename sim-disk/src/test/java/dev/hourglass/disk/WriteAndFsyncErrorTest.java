package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.disk.DiskException.Kind;
import dev.hourglass.runtime.SimFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Write and fsync I/O errors, with Linux's consequence for a failed fsync. */
class WriteAndFsyncErrorTest {
  private static final DiskFaults WRITE_ERRORS = new DiskFaults(0, false, 0, 0, 1, 0);
  private static final DiskFaults FSYNC_ERRORS = new DiskFaults(0, false, 0, 0, 0, 1);

  private final DiskFixture f = DiskFixture.create(1, DiskFixture.exact().withCrashProbabilities(1, 0));

  @Test
  @DisplayName("a failed write fails with IO_ERROR and changes nothing, not even after a crash that keeps every write")
  void failedWriteChangesNothing() {
    SimFile file = f.durableFile("f", bytes("base"));
    f.disk().setFaults(WRITE_ERRORS);

    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.write(2, bytes("XXXXXX"))).kind());

    assertEquals(4, file.size());
    assertEquals("base", text(f.readAll(file)));
    f.disk().setFaults(DiskFaults.none());
    f.fsync(file);
    f.crashAndRestart();
    assertEquals("base", text(f.readAll(f.open("f"))));
    assertEquals(1, f.disk().stats().faults("write-error"));
    assertEquals(1, f.traced("disk.fault.write-error").size());
  }

  @Test
  @DisplayName("a failed fsync drops the dirty data it covered: later reads see the last durable content (Linux)")
  void failedFsyncDropsDirtyData() {
    SimFile file = f.durableFile("f", bytes("durable"));
    f.write(file, 0, bytes("DIRTY"));
    f.disk().setFaults(FSYNC_ERRORS);

    assertEquals(Kind.IO_ERROR, f.awaitFailure(file.fsync()).kind());

    assertEquals("durable", text(f.readAll(file)), "the dirty pages are gone");
    f.disk().setFaults(DiskFaults.none());
    f.fsync(file);
    f.crashAndRestart();
    assertEquals("durable", text(f.readAll(f.open("f"))), "retrying the fsync does not bring the data back");
    assertEquals(1, f.disk().stats().faults("fsync-error"));
  }

  @Test
  @DisplayName("a failed fsync drops a dirty truncate too: the file is back at its durable size")
  void failedFsyncDropsDirtyTruncate() {
    SimFile file = f.durableFile("f", bytes("abcdef"));
    f.await(file.truncate(2));
    f.write(file, 10, bytes("z"));
    f.disk().setFaults(FSYNC_ERRORS);

    f.awaitFailure(file.fsync());

    assertEquals(6, file.size());
    assertEquals("abcdef", text(f.readAll(file)));
  }

  @Test
  @DisplayName("a failed fsync keeps a write that completed after it was called: that one was not covered")
  void failedFsyncKeepsLaterWrites() {
    SimFile file = f.durableFile("f", bytes("........"));
    f.write(file, 0, bytes("AAAA"));
    f.disk().setFaults(FSYNC_ERRORS);
    SimFuture<Void> sync = file.fsync();
    f.write(file, 4, bytes("BBBB")); // completes while the fsync runs

    f.awaitFailure(sync);

    assertEquals("....BBBB", text(f.readAll(file)));
    f.disk().setFaults(DiskFaults.none());
    f.fsync(file);
    assertEquals("....BBBB", text(f.disk().durableContent("f").orElseThrow()));
  }

  @Test
  @DisplayName("the write and fsync error rates are probabilities per operation")
  void ratesArePerOperation() {
    SimFile file = f.durableFile("f", bytes("x"));
    f.disk().setFaults(new DiskFaults(0, false, 0, 0, 0.3, 0.3));
    int writeErrors = 0;
    int fsyncErrors = 0;
    for (int i = 0; i < 1000; i++) {
      writeErrors += failed(file.write(0, bytes("y"))) ? 1 : 0;
      fsyncErrors += failed(file.fsync()) ? 1 : 0;
    }
    assertEquals(0.3, writeErrors / 1000.0, 0.05);
    assertEquals(0.3, fsyncErrors / 1000.0, 0.05);
  }

  private boolean failed(SimFuture<?> op) {
    f.sim.runUntil(op::isDone, java.time.Duration.ofSeconds(1));
    return op.isCompletedExceptionally();
  }
}
