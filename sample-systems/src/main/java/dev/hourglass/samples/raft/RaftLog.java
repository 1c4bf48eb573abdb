package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.disk.SimFile;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.samples.raft.DiskFormat.Batch;
import dev.hourglass.samples.raft.DiskFormat.Decoded;
import dev.hourglass.samples.raft.Messages.Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Raft log: entries in memory, and the append-only file {@code log} that makes them durable.
 *
 * <p><b>On disk</b> the file is a sequence of sector-aligned batch records (see {@link
 * DiskFormat}). Changes queue up while a write is in flight and go out together as the next batch
 * (group commit): written, fsynced, read back and compared, retried from memory on any fault
 * ({@link DiskIo}). One batch is in flight at a time, so only the last record of the file can be
 * unverified.
 *
 * <p><b>Recovery</b> reads the records in order (the whole file in one read, then record by record
 * from the first that was not good) and stops at the first that is not good — torn, zeroed,
 * unreadable (a latent sector error) or out of sequence — after re-reading it alone a few times in
 * case the damage was a bit flipped in transit. Only the last, unacknowledged batch can be
 * bad, so what stops recovery was never acknowledged; the file is truncated there before anything
 * new is written after it.
 *
 * <p><b>Durability</b>: {@link #durableIndex()} is the longest prefix of the in-memory log that is
 * known to be on disk. A node acknowledges entries (as a follower) or counts its own (as a
 * leader) only up to it.
 */
final class RaftLog {
  static final String FILE = "log";

  private final DiskIo io;
  private final Runnable onDurable;
  private final List<Entry> entries = new ArrayList<>();
  private SimFile file;
  private long writePosition;
  private long nextSequence = 1;
  private long durableIndex;
  private long version;
  private long durableVersion;
  private long recoveredTornBytes;
  // Changes not yet handed to the disk, merged into one batch: entries from pendingStart on.
  private long pendingStart = -1;
  private final List<Entry> pendingEntries = new ArrayList<>();
  private long pendingVersion;
  // The batch being written, and how much of it the in-memory log still agrees with.
  private Batch inflight;
  private long inflightEndCap;
  private long inflightVersion;

  private RaftLog(DiskIo io, Runnable onDurable) {
    this.io = io;
    this.onDurable = onDurable;
  }

  // ---- the log in memory ------------------------------------------------------------------------

  long lastIndex() {
    return entries.size();
  }

  long lastTerm() {
    return termAt(lastIndex());
  }

  /** The term of entry {@code index}; 0 for index 0 (before the first entry). */
  long termAt(long index) {
    checkArgument(index >= 0 && index <= lastIndex(), "no entry at index=%s (lastIndex=%s)", index, lastIndex());
    return index == 0 ? 0 : entries.get((int) index - 1).term();
  }

  Entry entry(long index) {
    checkArgument(index >= 1 && index <= lastIndex(), "no entry at index=%s (lastIndex=%s)", index, lastIndex());
    return entries.get((int) index - 1);
  }

  /** Entries {@code from}..{@code to} inclusive (empty if from > to). */
  List<Entry> slice(long from, long to) {
    checkArgument(from >= 1 && to <= lastIndex(), "slice out of range: from=%s to=%s lastIndex=%s", from, to, lastIndex());
    return from > to ? List.of() : List.copyOf(entries.subList((int) from - 1, (int) to));
  }

  /** The first index of the term of entry {@code index} (where a leader should try next). */
  long firstIndexOfTerm(long index) {
    long term = termAt(index);
    long i = index;
    while (i > 1 && termAt(i - 1) == term) {
      i--;
    }
    return i;
  }

  /** Appends one entry at the end (a leader's new entry). */
  void append(Entry entry) {
    replaceFrom(lastIndex() + 1, List.of(entry));
  }

  /**
   * Replaces everything from {@code start} on with {@code newEntries} (a follower's conflict
   * truncation and append), and queues the change for the disk.
   */
  void replaceFrom(long start, List<Entry> newEntries) {
    checkArgument(start >= 1 && start <= lastIndex() + 1, "replaceFrom must keep the log contiguous: start=%s lastIndex=%s", start, lastIndex());
    checkArgument(!newEntries.isEmpty(), "replaceFrom needs entries");
    if (start <= lastIndex()) {
      long keep = start - 1;
      entries.subList((int) keep, entries.size()).clear();
      durableIndex = Math.min(durableIndex, keep);
      inflightEndCap = Math.min(inflightEndCap, keep);
    }
    entries.addAll(newEntries);
    version++;
    if (pendingStart < 0 || start < pendingStart) {
      pendingStart = start;
      pendingEntries.clear();
    } else {
      pendingEntries.subList((int) (start - pendingStart), pendingEntries.size()).clear();
    }
    pendingEntries.addAll(newEntries);
    pendingVersion = version;
    pump();
  }

  // ---- durability -------------------------------------------------------------------------------

  /** The longest prefix of the log that is durable (see the class comment). */
  long durableIndex() {
    return durableIndex;
  }

  /** Counts every change; {@link #durableVersion()} reaches it once all of them are on disk. */
  long version() {
    return version;
  }

  long durableVersion() {
    return durableVersion;
  }

  /** Bytes of a torn or damaged tail that recovery cut off. */
  long recoveredTornBytes() {
    return recoveredTornBytes;
  }

  private void pump() {
    if (inflight != null || pendingStart < 0) {
      return;
    }
    inflight = new Batch(nextSequence++, pendingStart, pendingEntries);
    inflightEndCap = inflight.endIndex();
    inflightVersion = pendingVersion;
    pendingStart = -1;
    pendingEntries.clear();
    write(DiskFormat.encodeBatch(inflight, io.sectorBytes()), 0);
  }

  private void write(byte[] bytes, int attempt) {
    long at = writePosition;
    Runnable again = () -> write(bytes, attempt + 1);
    // Nested callbacks rather than a thenCompose chain: one event per step, not two.
    DiskIo.on(file.write(at, bytes), (x, writeError) -> {
      if (writeError != null) {
        io.retry("appending to " + FILE, attempt, writeError, again);
        return;
      }
      DiskIo.on(file.fsync(), (y, fsyncError) -> {
        if (fsyncError != null) {
          io.retry("fsyncing " + FILE, attempt, fsyncError, again);
          return;
        }
        DiskIo.on(file.read(at, bytes.length), (read, readError) -> {
          if (readError != null || !Arrays.equals(read, bytes)) {
            io.retry("reading back " + FILE, attempt, readError != null ? readError : "read-back differs", again);
            return;
          }
          written(at + bytes.length);
        });
      });
    });
  }

  private void written(long end) {
    writePosition = end;
    durableIndex = Math.max(durableIndex, inflightEndCap);
    durableVersion = inflightVersion;
    inflight = null;
    checkState(durableIndex <= lastIndex(), "durableIndex=%s beyond lastIndex=%s", durableIndex, lastIndex());
    onDurable.run();
    pump();
  }

  // ---- recovery ---------------------------------------------------------------------------------

  /** Opens (or creates) the log file and rebuilds the log from its good records. */
  static SimFuture<RaftLog> recover(DiskIo io, Runnable onDurable) {
    RaftLog log = new RaftLog(io, onDurable);
    SimFuture<RaftLog> result = io.ctx().newFuture();
    log.open(result, 0);
    return result;
  }

  private void open(SimFuture<RaftLog> result, int attempt) {
    // The directory fsync makes the file's name durable before anything is acknowledged from it.
    SimFuture<SimFile> opened = io.disk().openOrCreate(FILE).thenCompose(f -> io.disk().fsyncDirectory().thenApply(x -> f));
    DiskIo.on(opened, (f, error) -> {
      if (error != null) {
        io.retry("opening " + FILE, attempt, error, () -> open(result, attempt + 1));
        return;
      }
      file = f;
      readWhole(result);
    });
  }

  /**
   * The common case first: the whole file in one read, applied up to the first record that is
   * not good. Whatever stopped it — the end, a torn record, a bit flipped in transit, a latent
   * sector error failing the whole read — is then looked at record by record ({@link #scan}).
   */
  private void readWhole(SimFuture<RaftLog> result) {
    long size = file.size();
    if (size == 0 || size > Integer.MAX_VALUE) {
      scan(0, 0, result);
      return;
    }
    DiskIo.on(file.read(0, (int) size), (bytes, error) -> {
      int position = 0;
      while (error == null && position < bytes.length
          && DiskFormat.decode(bytes, position, bytes.length - position, io.sectorBytes()) instanceof Decoded.Good good
          && apply(good)) {
        position += good.recordBytes();
      }
      scan(position, 0, result);
    });
  }

  /** Reads the record at {@code position} alone; {@code attempt} counts re-reads of a bad one. */
  private void scan(long position, int attempt, SimFuture<RaftLog> result) {
    long size = file.size();
    if (position >= size) {
      finish(position, result);
      return;
    }
    // Exactly this record's first sector: a read that reached into the next record could fail on
    // damage there (a latent sector error of the unverified last batch) and lose this one.
    int want = (int) Math.min(size - position, io.sectorBytes());
    DiskIo.on(file.read(position, want), (bytes, error) -> {
      if (error != null) {
        badRecord(position, attempt, error.toString(), result);
        return;
      }
      switch (DiskFormat.decode(bytes, 0, bytes.length, io.sectorBytes())) {
        case Decoded.Good good -> accept(position, good, result);
        case Decoded.Bad bad -> badRecord(position, attempt, bad.why(), result);
        case Decoded.NeedMore more -> {
          if (position + more.totalBytes() > size) {
            badRecord(position, attempt, "record runs past the end of the file", result);
            return;
          }
          DiskIo.on(file.read(position, more.totalBytes()), (all, error2) -> {
            if (error2 != null) {
              badRecord(position, attempt, error2.toString(), result);
            } else if (DiskFormat.decode(all, 0, all.length, io.sectorBytes()) instanceof Decoded.Good good) {
              accept(position, good, result);
            } else {
              badRecord(position, attempt, "bad record", result);
            }
          });
        }
      }
    });
  }

  private void accept(long position, Decoded.Good good, SimFuture<RaftLog> result) {
    if (!apply(good)) {
      // Malformed inside a good checksum, or a well-formed record that does not follow: nothing
      // acknowledged can be at or past it.
      finish(position, result);
      return;
    }
    scan(position + good.recordBytes(), 0, result);
  }

  /** Applies a good record to the log; false if it is not the next batch. */
  private boolean apply(Decoded.Good good) {
    Batch batch;
    try {
      batch = DiskFormat.decodeBatch(good.payload());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (batch.sequence() != nextSequence || batch.startIndex() > lastIndex() + 1) {
      return false;
    }
    if (batch.startIndex() <= lastIndex()) {
      entries.subList((int) batch.startIndex() - 1, entries.size()).clear();
    }
    entries.addAll(batch.entries());
    nextSequence++;
    return true;
  }

  private void badRecord(long position, int attempt, String why, SimFuture<RaftLog> result) {
    if (attempt + 1 < DiskIo.READS_MAX) {
      scan(position, attempt + 1, result); // a bit flipped in transit reads right the next time
      return;
    }
    io.ctx().log().debug("log recovery stops at byte {}: {}", position, why);
    finish(position, result);
  }

  /** The good records end at {@code end}: cut off whatever follows, then the log is ready. */
  private void finish(long end, SimFuture<RaftLog> result) {
    long size = file.size();
    writePosition = end;
    durableIndex = lastIndex();
    if (end >= size) {
      result.complete(this);
      return;
    }
    recoveredTornBytes = size - end;
    io.ctx().sometimes(true, "log recovery cut off a torn or damaged tail");
    truncateTail(end, result, 0);
  }

  private void truncateTail(long end, SimFuture<RaftLog> result, int attempt) {
    DiskIo.on(file.truncate(end).thenCompose(x -> file.fsync()), (x, error) -> {
      if (error != null) {
        io.retry("truncating " + FILE, attempt, error, () -> truncateTail(end, result, attempt + 1));
        return;
      }
      result.complete(this);
    });
  }
}
