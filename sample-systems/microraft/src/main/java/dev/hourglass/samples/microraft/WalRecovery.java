package dev.hourglass.samples.microraft;

import dev.hourglass.disk.SimDisk;
import dev.hourglass.disk.SimFile;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import io.microraft.RaftEndpoint;
import io.microraft.model.log.LogEntry;
import io.microraft.model.log.RaftGroupMembersView;
import io.microraft.model.log.SnapshotChunk;
import io.microraft.model.log.SnapshotEntry;
import io.microraft.model.persistence.RaftEndpointPersistentState;
import io.microraft.model.persistence.RaftTermPersistentState;
import io.microraft.persistence.RestoredRaftState;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads {@link WalStore}'s log back at start: batch by batch until the first one that cannot be
 * read or does not check out (see {@link WalStore} for why everything before it is intact and
 * everything from it on was never durable), truncates the file there and fsyncs, then replays the
 * records into MicroRaft's {@link RestoredRaftState}:
 *
 * <ul>
 *   <li>the local endpoint, the initial members and the last term/vote record win;
 *   <li>{@code truncateLogEntriesFrom(i)} drops entries from {@code i}, {@code
 *       truncateLogEntriesUntil(i)} entries up to {@code i};
 *   <li>a snapshot counts once all its chunks are there; it replaces older ones, and only log
 *       entries after it are restored (MicroRaft's log keeps nothing at or below its snapshot);
 *   <li>no endpoint or no initial members: the node never finished its first start, and starts
 *       fresh (nothing it said can depend on state it never flushed).
 * </ul>
 */
final class WalRecovery {
  /** Reads of one batch before a bad checksum or an unreadable sector is taken as its end. */
  static final int READS_MAX = 4;

  /** What recovery found: where the store goes on, and the state to restore, if any. */
  record Recovered(SimFile file, long fileEnd, long nextBatchSequence, Optional<RestoredRaftState> state, long batches) {}

  private final NodeContext ctx;
  private final int sectorBytes;
  private final Consumer<String> failStop;
  private final SimFuture<Recovered> result;
  private SimFile file;
  private long batches;
  // the replayed state
  private RaftEndpointPersistentState endpoint;
  private RaftGroupMembersView initialMembers;
  private RaftTermPersistentState term;
  private final TreeMap<Long, LogEntry> log = new TreeMap<>();
  private final TreeMap<Long, TreeMap<Integer, SnapshotChunk>> chunks = new TreeMap<>();
  private SnapshotEntry snapshot;

  private WalRecovery(NodeContext ctx, int sectorBytes, Consumer<String> failStop) {
    this.ctx = ctx;
    this.sectorBytes = sectorBytes;
    this.failStop = failStop;
    this.result = ctx.newFuture();
  }

  /** Recovers the node's log; the future never fails (a disk that keeps failing stops the process). */
  static SimFuture<Recovered> recover(NodeContext ctx, int sectorBytes, Consumer<String> failStop) {
    WalRecovery r = new WalRecovery(ctx, sectorBytes, failStop);
    r.open(0);
    return r.result;
  }

  private void open(int attempt) {
    SimDisk disk = ctx.component(SimDisk.class);
    WalStore.on(disk.openOrCreate(WalStore.FILE).thenCompose(f -> disk.fsyncDirectory().thenApply(v -> f)), (f, error) -> {
      if (error != null) {
        retry("open " + WalStore.FILE, attempt, error, () -> open(attempt + 1));
        return;
      }
      file = f;
      readBatch(0, 0, 0);
    });
  }

  private void readBatch(long position, long sequence, int reads) {
    if (position + WalStore.HEADER_BYTES > file.size()) {
      finish(position, sequence);
      return;
    }
    WalStore.on(file.read(position, WalStore.HEADER_BYTES), (header, error) -> {
      if (error != null || header.length < WalStore.HEADER_BYTES) {
        rereadOrStop(position, sequence, reads);
        return;
      }
      ByteBuffer h = ByteBuffer.wrap(header);
      int magic = h.getInt();
      int length = h.getInt();
      long seq = h.getLong();
      int crc = h.getInt();
      if (magic != WalStore.MAGIC || length < 0 || seq != sequence
          || position + WalStore.HEADER_BYTES + (long) length > file.size()) {
        rereadOrStop(position, sequence, reads);
        return;
      }
      WalStore.on(file.read(position + WalStore.HEADER_BYTES, length), (payload, error2) -> {
        if (error2 != null || payload.length != length || WalStore.checksum(seq, payload) != crc) {
          rereadOrStop(position, sequence, reads);
          return;
        }
        try {
          replay(payload);
        } catch (IOException | RuntimeException e) {
          // A checksummed batch that does not parse is a bug of the store, not a disk fault.
          throw new AssertionError("WAL batch " + seq + " at " + position + " passed its checksum but does not parse: " + e, e);
        }
        batches++;
        long padded = (WalStore.HEADER_BYTES + (long) length + sectorBytes - 1) / sectorBytes * sectorBytes;
        readBatch(position + padded, sequence + 1, 0);
      });
    });
  }

  private void rereadOrStop(long position, long sequence, int reads) {
    if (reads + 1 < READS_MAX) {
      readBatch(position, sequence, reads + 1);
    } else {
      finish(position, sequence);
    }
  }

  /** Cuts the file at the end of the last good batch, durably, and hands over. */
  private void finish(long end, long nextSequence) {
    truncate(end, nextSequence, 0);
  }

  private void truncate(long end, long nextSequence, int attempt) {
    WalStore.on(file.truncate(end).thenCompose(v -> file.fsync()), (v, error) -> {
      if (error != null) {
        retry("truncate " + WalStore.FILE, attempt, error, () -> truncate(end, nextSequence, attempt + 1));
        return;
      }
      result.complete(new Recovered(file, end, nextSequence, restoredState(), batches));
    });
  }

  private void retry(String what, int attempt, Object cause, Runnable again) {
    if (attempt + 1 >= WalStore.ATTEMPTS_MAX) {
      failStop.accept(what + " failed " + WalStore.ATTEMPTS_MAX + " times, last: " + cause);
      return;
    }
    ctx.schedule(Math.min(50_000_000L, 1_000_000L << Math.min(attempt, 6)), "microraft.recovery-retry", attempt, again);
  }

  // ---- replay -----------------------------------------------------------------------------------

  private void replay(byte[] payload) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
    while (in.available() > 0) {
      byte type = in.readByte();
      switch (type) {
        case WalStore.REC_LOCAL_ENDPOINT -> {
          RaftEndpoint e = Wire.readEndpoint(in);
          endpoint = Wire.MODEL.createRaftEndpointPersistentStateBuilder().setLocalEndpoint(e).setVoting(in.readBoolean()).build();
        }
        case WalStore.REC_INITIAL_MEMBERS -> initialMembers = Wire.readView(in);
        case WalStore.REC_TERM -> {
          int t = in.readInt();
          term = Wire.MODEL.createRaftTermPersistentStateBuilder().setTerm(t).setVotedFor(Wire.readEndpoint(in)).build();
        }
        case WalStore.REC_LOG_ENTRIES -> {
          int n = in.readInt();
          for (int i = 0; i < n; i++) {
            LogEntry e = Wire.readLogEntry(in);
            log.put(e.getIndex(), e);
          }
        }
        case WalStore.REC_SNAPSHOT_CHUNK -> addChunk(Wire.readSnapshotChunk(in));
        case WalStore.REC_TRUNCATE_FROM -> log.tailMap(in.readLong(), true).clear();
        case WalStore.REC_TRUNCATE_UNTIL -> log.headMap(in.readLong(), true).clear();
        case WalStore.REC_DELETE_SNAPSHOT_CHUNKS -> {
          long index = in.readLong();
          in.readInt();
          chunks.remove(index);
        }
        default -> throw new IOException("unknown record type " + type);
      }
    }
  }

  private void addChunk(SnapshotChunk chunk) {
    TreeMap<Integer, SnapshotChunk> set = chunks.computeIfAbsent(chunk.getIndex(), i -> new TreeMap<>());
    set.put(chunk.getSnapshotChunkIndex(), chunk);
    if (set.size() == chunk.getSnapshotChunkCount()) {
      snapshot = Wire.MODEL.createSnapshotEntryBuilder().setIndex(chunk.getIndex()).setTerm(chunk.getTerm())
          .setSnapshotChunks(new ArrayList<>(set.values())).setGroupMembersView(chunk.getGroupMembersView()).build();
      chunks.headMap(chunk.getIndex(), true).clear();
    }
  }

  private Optional<RestoredRaftState> restoredState() {
    if (endpoint == null || initialMembers == null) {
      return Optional.empty();
    }
    RaftTermPersistentState t = term != null ? term
        : Wire.MODEL.createRaftTermPersistentStateBuilder().setTerm(0).setVotedFor(null).build();
    SnapshotEntry s = snapshot != null ? snapshot : Wire.MODEL.createSnapshotEntryBuilder().build();
    long after = snapshot != null ? snapshot.getIndex() : 0;
    List<LogEntry> entries = new ArrayList<>(log.tailMap(after, false).values());
    long expected = after + 1;
    for (LogEntry e : entries) {
      ctx.always(e.getIndex() == expected, "microraft: recovered log is contiguous: " + ctx.name() + " expected index "
          + expected + " after snapshot " + after + " but found " + e.getIndex() + " in " + Arrays.toString(log.keySet().toArray()));
      expected = e.getIndex() + 1;
    }
    return Optional.of(new RestoredRaftState(endpoint, initialMembers, t, s, entries));
  }
}
