package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.raft.DiskFormat.Meta;
import java.util.ArrayDeque;

/**
 * A node's durable state — term and vote ({@link MetaStore}) and log ({@link RaftLog}) — and the
 * one rule Raft needs of it: <em>nothing is said to another node before the state it depends on
 * is durable</em>. {@link #afterDurable} runs an action (a reply) once every change made so far
 * is on disk.
 */
final class Storage {
  private record Waiter(long logVersion, long metaVersion, Runnable action) {}

  private final DiskIo io;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private MetaStore meta;
  private RaftLog log;
  private Runnable listener = () -> {};

  private Storage(DiskIo io) {
    this.io = io;
  }

  /** Recovers the term, vote and log from the node's disk. */
  static SimFuture<Storage> recover(DiskIo io) {
    Storage storage = new Storage(io);
    return MetaStore.recover(io, storage::progress)
        .thenCompose(m -> {
          storage.meta = m;
          return RaftLog.recover(io, storage::progress);
        })
        .thenApply(l -> {
          storage.log = l;
          return storage;
        });
  }

  RaftLog log() {
    return log;
  }

  Meta meta() {
    return meta.current();
  }

  void saveMeta(Meta value) {
    checkState(value.term() >= meta.current().term(), "the term never goes back: from %s to %s", meta.current(), value);
    meta.save(value);
  }

  /** True if every change made so far is durable. */
  boolean isDurable() {
    return log.durableVersion() == log.version() && meta.durableVersion() == meta.version();
  }

  /** Runs {@code action} once every change made before this call is durable (at once if it is). */
  void afterDurable(Runnable action) {
    if (isDurable() && waiters.isEmpty()) {
      action.run();
      return;
    }
    waiters.addLast(new Waiter(log.version(), meta.version(), action));
  }

  DiskIo io() {
    return io;
  }

  /** {@code action} runs after every step of durability progress (after the waiters it satisfied). */
  void onProgress(Runnable action) {
    this.listener = action;
  }

  private void progress() {
    // Versions only grow and waiters queue in order, so the satisfied ones are a prefix.
    while (!waiters.isEmpty()) {
      Waiter w = waiters.peekFirst();
      if (log.durableVersion() < w.logVersion() || meta.durableVersion() < w.metaVersion()) {
        break;
      }
      waiters.pollFirst();
      w.action().run();
    }
    listener.run();
  }
}
