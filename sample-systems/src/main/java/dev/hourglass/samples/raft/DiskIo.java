package dev.hourglass.samples.raft;

import dev.hourglass.disk.SimDisk;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How the store treats its disk: what it retries, how often, and when it gives up.
 *
 * <p>The disk may fail a write or an fsync with EIO (a failed fsync drops the data it covered, as
 * on Linux), return a flipped bit, or leave a sector of a write unreadable. The store never
 * trusts a write it has not read back: every write is written, fsynced and read back, and any
 * error or mismatch repeats the whole step from the copy in memory (rewriting a sector clears a
 * latent error). Only then is the write acknowledged. After {@link #ATTEMPTS_MAX} failures in a
 * row the process stops (fail-stop) and its supervisor restarts it, to recover from what is
 * durable — never carrying on past a write whose fate it does not know.
 */
final class DiskIo {
  /** Attempts of one step before the process gives up on its disk and restarts. */
  static final int ATTEMPTS_MAX = 12;
  /** Reads of one record before a bad checksum is taken as real damage rather than a flipped bit in transit. */
  static final int READS_MAX = 4;

  private final NodeContext ctx;
  private final SimDisk disk;
  private final int sectorBytes;
  private final Consumer<String> failStop;
  private long retries;

  DiskIo(NodeContext ctx, int sectorBytes, Consumer<String> failStop) {
    this.ctx = ctx;
    this.disk = ctx.component(SimDisk.class);
    this.sectorBytes = sectorBytes;
    this.failStop = failStop;
  }

  NodeContext ctx() {
    return ctx;
  }

  SimDisk disk() {
    return disk;
  }

  int sectorBytes() {
    return sectorBytes;
  }

  long retries() {
    return retries;
  }

  /**
   * After a failed {@code attempt} (0-based) of {@code what}: runs {@code again} after a short
   * back-off, or stops the process once {@link #ATTEMPTS_MAX} attempts failed.
   */
  void retry(String what, int attempt, Object cause, Runnable again) {
    retries++;
    ctx.sometimes(true, "a disk step was retried after a fault");
    if (attempt + 1 >= ATTEMPTS_MAX) {
      failStop.accept(what + " failed " + ATTEMPTS_MAX + " times, last: " + cause);
      return;
    }
    long backoffNanos = Math.min(50_000_000L, 1_000_000L << Math.min(attempt, 6));
    ctx.log().debug("{} failed (attempt {}): {}; retrying", what, attempt + 1, cause);
    ctx.schedule(backoffNanos, "raft.disk-retry", attempt, again);
  }

  /**
   * Runs {@code callback} when {@code future} completes. An exception the callback throws is a
   * bug of ours: it is rethrown as an Error so that the run fails, instead of vanishing into a
   * derived future nobody reads (SimFuture, like CompletableFuture, would keep it there).
   */
  static <T> void on(SimFuture<T> future, BiConsumer<? super T, ? super Throwable> callback) {
    future.whenComplete((value, error) -> {
      try {
        callback.accept(value, error);
      } catch (RuntimeException e) {
        throw new AssertionError("uncaught in a callback: " + e, e);
      }
    });
  }
}
