package dev.hourglass.samples.raft;

import dev.hourglass.disk.DiskException;
import dev.hourglass.disk.SimFile;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.raft.DiskFormat.Decoded;
import dev.hourglass.samples.raft.DiskFormat.Meta;
import java.util.Arrays;

/**
 * Raft's current term and vote, kept in the file {@code meta}: one fixed-size framed record.
 *
 * <p>Each new version is written to {@code meta.tmp}, fsynced, read back and compared, renamed
 * over {@code meta}, and made durable with an fsync of the directory. A crash at any step leaves
 * either the old {@code meta} or the new one, each a verified, fsynced record: the rename is the
 * commit point. Versions coalesce: while one is being written, later saves only replace the value
 * to write next, so a burst of term changes costs one more round, not one each.
 */
final class MetaStore {
  static final String FILE = "meta";
  static final String TEMP = "meta.tmp";

  private final DiskIo io;
  private final Runnable onDurable;
  private Meta latest;
  private long version;
  private long durableVersion;
  private boolean writing;

  private MetaStore(DiskIo io, Meta recovered, Runnable onDurable) {
    this.io = io;
    this.latest = recovered;
    this.onDurable = onDurable;
  }

  /** Reads {@code meta} (or starts from term 0 with no vote if there is none). */
  static SimFuture<MetaStore> recover(DiskIo io, Runnable onDurable) {
    SimFuture<MetaStore> result = io.ctx().newFuture();
    if (!io.disk().exists(FILE)) {
      result.complete(new MetaStore(io, Meta.INITIAL, onDurable));
      return result;
    }
    DiskIo.on(io.disk().open(FILE), (file, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
        return;
      }
      readMeta(io, file, 0, result, onDurable);
    });
    return result;
  }

  private static void readMeta(DiskIo io, SimFile file, int attempt, SimFuture<MetaStore> result, Runnable onDurable) {
    DiskIo.on(file.read(0, DiskFormat.META_BYTES), (bytes, error) -> {
      String problem;
      if (error != null) {
        problem = error.toString();
      } else if (DiskFormat.decode(bytes, 0, bytes.length, DiskFormat.META_BYTES) instanceof Decoded.Good good) {
        result.complete(new MetaStore(io, DiskFormat.decodeMeta(good.payload()), onDurable));
        return;
      } else {
        problem = "bad record";
      }
      if (attempt + 1 < DiskIo.READS_MAX) {
        readMeta(io, file, attempt + 1, result, onDurable);
        return;
      }
      // Every version of meta was read back before it was renamed into place, and transient
      // corruption does not survive re-reading: the faults this store is tested under cannot
      // get here. A store that forgot its vote could vote twice in a term, so say so loudly.
      io.ctx().always(false, io.ctx().name() + ": " + FILE + " unreadable after " + DiskIo.READS_MAX + " reads: " + problem);
    });
  }

  Meta current() {
    return latest;
  }

  /** The version of the latest save. */
  long version() {
    return version;
  }

  /** The version on disk: {@link #version()} once everything saved is durable. */
  long durableVersion() {
    return durableVersion;
  }

  /** Saves {@code meta}; it is durable once {@link #durableVersion()} reaches this save's {@link #version()}. */
  void save(Meta meta) {
    latest = meta;
    version++;
    pump();
  }

  private void pump() {
    if (writing || durableVersion == version) {
      return;
    }
    writing = true;
    write(version, DiskFormat.encodeMeta(latest), 0);
  }

  private void write(long v, byte[] bytes, int attempt) {
    var disk = io.disk();
    SimFuture<Void> done = disk.openOrCreate(TEMP).thenCompose(file -> file.write(0, bytes)
        .thenCompose(x -> file.fsync())
        .thenCompose(x -> file.read(0, bytes.length))
        .thenCompose(read -> {
          if (!Arrays.equals(read, bytes)) {
            throw new DiskException(DiskException.Kind.IO_ERROR, "read-back of " + TEMP + " differs from what was written");
          }
          return disk.rename(TEMP, FILE);
        })
        .thenCompose(x -> disk.fsyncDirectory()));
    DiskIo.on(done, (x, error) -> {
      if (error != null) {
        io.retry("saving " + FILE, attempt, error, () -> write(v, bytes, attempt + 1));
        return;
      }
      durableVersion = v;
      writing = false;
      onDurable.run();
      pump();
    });
  }
}
