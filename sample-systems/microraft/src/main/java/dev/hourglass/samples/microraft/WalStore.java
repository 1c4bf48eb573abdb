package dev.hourglass.samples.microraft;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.disk.SimFile;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.persistence.RaftEndpointPersistentState;
import io.microraft.model.persistence.RaftTermPersistentState;
import io.microraft.persistence.RaftStore;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * MicroRaft's {@link RaftStore} on the node's simulated disk: one append-only write-ahead log
 * file, {@value #FILE}, of checksummed batches of records, replayed at start ({@link WalRecovery}).
 *
 * <p><b>Synchronous contract, asynchronous disk.</b> MicroRaft's store is synchronous: when
 * {@code flush()} or a {@code persistAndFlush…} method returns, the data must be durable, and
 * MicroRaft goes on to tell other nodes about it (a vote, an acknowledgement) or to count itself
 * in a quorum. A simulated disk answers with futures, and a callback node cannot block. So this
 * store returns at once and enforces the contract where it matters, at the node's <i>outputs</i>:
 * every message and every client reply the node emits goes through {@link #afterDurable}, which
 * holds it until everything MicroRaft had asked to flush before it is on disk (the output-commit
 * rule of Elnozahy et al.: nothing leaves the process before the state it reveals is durable). A
 * crash loses what MicroRaft believed flushed but nobody outside ever learned — exactly what a
 * crash during a synchronous {@code flush()} would lose. What this cannot show: a MicroRaft code
 * path that emits something <i>before</i> calling {@code flush()} is still held until the next
 * flush lands, so a missing {@code flush()} call in MicroRaft would go unnoticed.
 *
 * <p><b>Format.</b> Each flush writes one batch at the next sector-aligned offset: a header (magic,
 * payload length, batch sequence number, CRC32C of the sequence and payload), the records, and zero
 * padding to the sector. Batches never share a sector, so a torn or lost batch never damages an
 * earlier, durable one, and a latent sector error left by a write is in that write's own sectors.
 *
 * <p><b>Disk faults.</b> A batch counts as durable only after write, fsync and a read-back that
 * matches: EIO on a write or fsync (a failed fsync drops what it covered, as on Linux), a latent
 * sector error or a bit flipped on the way back all repeat the whole step from memory, after a
 * back-off; after {@value #ATTEMPTS_MAX} failed attempts in a row the process stops (fail-stop:
 * crash, then its supervisor restarts it from what is durable). Recovery stops at the first batch
 * that cannot be read or does not check out, after re-reading it a few times (a flipped bit in
 * transit is not damage) — every batch before it was read back intact when it was written, so
 * what is cut off was never durable — and truncates the file there before MicroRaft starts.
 */
final class WalStore implements RaftStore {
  static final String FILE = "microraft.wal";
  static final int MAGIC = 0x4d52574c; // "MRWL"
  /** Magic, payload length, batch sequence number, CRC32C. */
  static final int HEADER_BYTES = 4 + 4 + 8 + 4;
  static final int ATTEMPTS_MAX = 12;

  static final byte REC_LOCAL_ENDPOINT = 1;
  static final byte REC_INITIAL_MEMBERS = 2;
  static final byte REC_TERM = 3;
  static final byte REC_LOG_ENTRIES = 4;
  static final byte REC_SNAPSHOT_CHUNK = 5;
  static final byte REC_TRUNCATE_FROM = 6;
  static final byte REC_TRUNCATE_UNTIL = 7;
  static final byte REC_DELETE_SNAPSHOT_CHUNKS = 8;

  private record Waiter(long records, Runnable output) {}

  private final NodeContext ctx;
  private final SimFile file;
  private final int sectorBytes;
  private final Consumer<String> failStop;
  private final boolean lyingFsync;
  private ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long recordsAppended;
  private long flushRequested;
  private long durable;
  private long fileEnd;
  private long nextBatchSequence;
  private boolean writing;
  private boolean stopped;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private long batchesWritten;

  /** A store appending to {@code file} from {@code fileEnd}, where recovery left it. */
  WalStore(NodeContext ctx, SimFile file, int sectorBytes, long fileEnd, long nextBatchSequence, Consumer<String> failStop,
      boolean lyingFsync) {
    this.ctx = ctx;
    this.lyingFsync = lyingFsync;
    this.file = file;
    this.sectorBytes = sectorBytes;
    this.fileEnd = fileEnd;
    this.nextBatchSequence = nextBatchSequence;
    this.failStop = failStop;
  }

  // ---- RaftStore --------------------------------------------------------------------------------

  @Override
  public void persistAndFlushLocalEndpoint(RaftEndpointPersistentState state) {
    append(REC_LOCAL_ENDPOINT, out -> {
      Wire.writeEndpoint(out, state.getLocalEndpoint());
      out.writeBoolean(state.isVoting());
    });
    flush();
  }

  @Override
  public void persistAndFlushInitialGroupMembers(RaftGroupMembersView members) {
    append(REC_INITIAL_MEMBERS, out -> Wire.writeView(out, members));
    flush();
  }

  @Override
  public void persistAndFlushTerm(RaftTermPersistentState state) {
    append(REC_TERM, out -> {
      out.writeInt(state.getTerm());
      Wire.writeEndpoint(out, state.getVotedFor());
    });
    flush();
  }

  @Override
  public void persistLogEntries(List<LogEntry> entries) {
    append(REC_LOG_ENTRIES, out -> {
      out.writeInt(entries.size());
      for (LogEntry e : entries) {
        Wire.writeLogEntry(out, e);
      }
    });
  }

  @Override
  public void persistSnapshotChunk(SnapshotChunk chunk) {
    append(REC_SNAPSHOT_CHUNK, out -> Wire.writeSnapshotChunk(out, chunk));
  }

  @Override
  public void truncateLogEntriesFrom(long logIndexInclusive) {
    append(REC_TRUNCATE_FROM, out -> out.writeLong(logIndexInclusive));
  }

  @Override
  public void truncateLogEntriesUntil(long logIndexInclusive) {
    append(REC_TRUNCATE_UNTIL, out -> out.writeLong(logIndexInclusive));
  }

  @Override
  public void deleteSnapshotChunks(long logIndex, int snapshotChunkCount) {
    append(REC_DELETE_SNAPSHOT_CHUNKS, out -> {
      out.writeLong(logIndex);
      out.writeInt(snapshotChunkCount);
    });
  }

  @Override
  public void flush() {
    flushRequested = recordsAppended;
    writeNextBatch();
  }

  // ---- outputs ----------------------------------------------------------------------------------

  /**
   * Runs {@code output} (a send, a client reply) once every record MicroRaft asked to flush so far
   * is durable: at once if it already is, else after the batch that makes it so. Outputs keep
   * their order. Planted bug {@code lying-fsync} lets every output go at once, as a store whose
   * {@code flush()} returns before the data is on disk.
   */
  void afterDurable(Runnable output) {
    if (lyingFsync || (waiters.isEmpty() && durable >= flushRequested)) {
      output.run();
    } else {
      waiters.add(new Waiter(flushRequested, output));
    }
  }

  /** Batches made durable by this incarnation. */
  long batchesWritten() {
    return batchesWritten;
  }

  // ---- writing ----------------------------------------------------------------------------------

  private void append(byte type, Wire.Writer body) {
    try {
      DataOutputStream out = new DataOutputStream(pending);
      out.writeByte(type);
      body.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    recordsAppended++;
  }

  private void writeNextBatch() {
    if (writing || stopped || durable >= flushRequested) {
      return;
    }
    byte[] payload = pending.toByteArray();
    pending = new ByteArrayOutputStream();
    long records = recordsAppended;
    byte[] batch = batch(nextBatchSequence, payload, sectorBytes);
    writing = true;
    attempt(batch, records, 0);
  }

  private void attempt(byte[] batch, long records, int attempt) {
    long position = fileEnd;
    on(file.write(position, batch).thenCompose(v -> file.fsync()).thenCompose(v -> file.read(position, batch.length)),
        (readBack, error) -> {
          if (error == null && Arrays.equals(readBack, batch)) {
            fileEnd = position + batch.length;
            nextBatchSequence++;
            batchesWritten++;
            durable = records;
            writing = false;
            release();
            writeNextBatch();
            return;
          }
          Object cause = error != null ? error : "read-back mismatch";
          ctx.sometimes(true, "microraft: a WAL batch was rewritten after a disk fault");
          if (attempt + 1 >= ATTEMPTS_MAX) {
            stopped = true;
            failStop.accept("WAL batch failed " + ATTEMPTS_MAX + " times, last: " + cause);
            return;
          }
          long backoffNanos = Math.min(50_000_000L, 1_000_000L << Math.min(attempt, 6));
          ctx.schedule(backoffNanos, "microraft.wal-retry", attempt, () -> attempt(batch, records, attempt + 1));
        });
  }

  private void release() {
    while (!waiters.isEmpty() && waiters.peekFirst().records() <= durable) {
      waiters.pollFirst().output().run();
    }
  }

  /** Header, payload and zero padding to a whole number of sectors. */
  static byte[] batch(long sequence, byte[] payload, int sectorBytes) {
    int length = HEADER_BYTES + payload.length;
    int padded = (length + sectorBytes - 1) / sectorBytes * sectorBytes;
    ByteBuffer b = ByteBuffer.allocate(padded);
    b.putInt(MAGIC).putInt(payload.length).putLong(sequence).putInt(checksum(sequence, payload)).put(payload);
    return b.array();
  }

  static int checksum(long sequence, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
    crc.update(payload);
    return (int) crc.getValue();
  }

  /**
   * Runs {@code callback} when {@code future} completes; an exception it throws is a bug of ours
   * and fails the run, instead of vanishing into a derived future nobody reads.
   */
  static <T> void on(SimFuture<T> future, BiConsumer<? super T, ? super Throwable> callback) {
    future.whenComplete((value, error) -> {
      try {
        callback.accept(value, error);
      } catch (RuntimeException e) {
        throw new AssertionError("uncaught in a disk callback: " + e, e);
      }
    });
  }
}
