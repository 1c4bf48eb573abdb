package dev.hourglass.samples.kraft;

import dev.hourglass.samples.kraft.common.KraftStore;
import dev.hourglass.samples.kraft.common.KraftStore.StoredBatch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.raft.Isolation;
import org.apache.kafka.raft.LogAppendInfo;
import org.apache.kafka.raft.LogFetchInfo;
import org.apache.kafka.raft.LogOffsetMetadata;
import org.apache.kafka.raft.ReplicatedLog;
import org.apache.kafka.server.common.OffsetAndEpoch;
import org.apache.kafka.snapshot.RawSnapshotReader;
import org.apache.kafka.snapshot.RawSnapshotWriter;

/**
 * KRaft's log for one incarnation of a node, over its {@link KraftStore}. Batches are kept as the
 * bytes Kafka built (CRC-checked on every append), indexed by base offset, so a read costs a tree
 * look-up and a copy of at most {@link #READ_BYTES_MAX} bytes — unlike Kafka's test {@code MockLog},
 * which rebuilds every batch on each read and falls behind past ~100 appends per second.
 *
 * <p>What it does not do: snapshots (the state machine takes none, so the log is never cleaned and
 * starts at offset 0) and segment rolling. Offset metadata is not used (always empty), as in any
 * log whose positions are its offsets.
 */
final class SimReplicatedLog implements ReplicatedLog {
  static final TopicPartition TOPIC_PARTITION = new TopicPartition("__cluster_metadata", 0);
  static final Uuid TOPIC_ID = new Uuid(0x6b72616674L, 1L);
  /** A read returns whole batches up to about this many bytes (at least one batch). */
  static final int READ_BYTES_MAX = 64 * 1024;

  private final KraftStore store;
  private final TreeMap<Long, StoredBatch> byBase = new TreeMap<>();
  private final TreeMap<Integer, Long> epochStarts = new TreeMap<>(); // epoch -> first offset
  private long highWatermark;

  SimReplicatedLog(KraftStore store) {
    this.store = store;
    for (StoredBatch b : store.batches()) {
      index(b);
    }
  }

  private void index(StoredBatch b) {
    byBase.put(b.baseOffset(), b);
    if (epochStarts.isEmpty() || b.epoch() > epochStarts.lastKey()) {
      epochStarts.put(b.epoch(), b.baseOffset());
    }
  }

  @Override
  public LogAppendInfo appendAsLeader(Records records, int epoch) {
    return append(records, epoch, true);
  }

  @Override
  public LogAppendInfo appendAsFollower(Records records, int epoch) {
    return append(records, epoch, false);
  }

  private LogAppendInfo append(Records records, int epoch, boolean leader) {
    if (records.sizeInBytes() == 0) {
      throw new IllegalArgumentException("Attempt to append an empty record set");
    }
    long first = -1;
    long last = -1;
    for (RecordBatch batch : records.batches()) {
      batch.ensureValid(); // the CRC: what Kafka's log checks on append
      long end = endOffset().offset();
      if (batch.baseOffset() != end) {
        throw new IllegalStateException("Illegal append at offset " + batch.baseOffset() + " with current end offset of " + end);
      }
      int batchEpoch = batch.partitionLeaderEpoch();
      if (leader && batchEpoch != epoch) {
        throw new IllegalStateException("leader append of a batch of epoch " + batchEpoch + " in epoch " + epoch);
      }
      ByteBuffer buf = ByteBuffer.allocate(batch.sizeInBytes());
      batch.writeTo(buf);
      StoredBatch stored = new StoredBatch(batch.baseOffset(), batch.lastOffset(), batchEpoch, batch.isControlBatch(), buf.array());
      store.append(stored);
      index(stored);
      if (first < 0) {
        first = batch.baseOffset();
      }
      last = batch.lastOffset();
    }
    if (first < 0) {
      throw new IllegalArgumentException("no complete batch in " + records.sizeInBytes() + " bytes");
    }
    return new LogAppendInfo(first, last);
  }

  @Override
  public LogFetchInfo read(long startOffset, Isolation isolation) {
    long end = endOffset().offset();
    if (startOffset > end || startOffset < startOffset()) {
      throw new OffsetOutOfRangeException("Requested offset " + startOffset + " is outside [" + startOffset() + ", " + end + "]");
    }
    long maxOffset = isolation == Isolation.COMMITTED ? highWatermark : end;
    if (startOffset >= maxOffset) {
      return new LogFetchInfo(MemoryRecords.EMPTY, new LogOffsetMetadata(startOffset));
    }
    Map.Entry<Long, StoredBatch> floor = byBase.floorEntry(startOffset);
    long from = floor == null ? byBase.firstKey() : floor.getKey();
    int bytes = 0;
    long batchStart = -1;
    java.util.ArrayList<byte[]> parts = new java.util.ArrayList<>();
    for (StoredBatch b : byBase.tailMap(from, true).values()) {
      if (b.lastOffset() >= maxOffset) {
        break; // only whole batches below the limit
      }
      if (b.lastOffset() < startOffset) {
        continue;
      }
      if (!parts.isEmpty() && bytes + b.bytes().length > READ_BYTES_MAX) {
        break;
      }
      if (batchStart < 0) {
        batchStart = b.baseOffset();
      }
      parts.add(b.bytes());
      bytes += b.bytes().length;
    }
    if (parts.isEmpty()) {
      return new LogFetchInfo(MemoryRecords.EMPTY, new LogOffsetMetadata(startOffset));
    }
    ByteBuffer out = ByteBuffer.allocate(bytes);
    for (byte[] p : parts) {
      out.put(p);
    }
    out.flip();
    return new LogFetchInfo(MemoryRecords.readableRecords(out), new LogOffsetMetadata(batchStart));
  }

  @Override
  public int lastFetchedEpoch() {
    return epochStarts.isEmpty() ? 0 : epochStarts.lastKey();
  }

  @Override
  public OffsetAndEpoch endOffsetForEpoch(int epoch) {
    int lowerEpoch = 0;
    for (Map.Entry<Integer, Long> e : epochStarts.entrySet()) {
      if (e.getKey() > epoch) {
        return new OffsetAndEpoch(e.getValue(), lowerEpoch);
      }
      lowerEpoch = e.getKey();
    }
    return new OffsetAndEpoch(endOffset().offset(), lastFetchedEpoch());
  }

  @Override
  public LogOffsetMetadata endOffset() {
    return new LogOffsetMetadata(byBase.isEmpty() ? 0 : byBase.lastEntry().getValue().lastOffset() + 1);
  }

  @Override
  public LogOffsetMetadata highWatermark() {
    return new LogOffsetMetadata(highWatermark);
  }

  @Override
  public long startOffset() {
    return 0;
  }

  @Override
  public void initializeLeaderEpoch(int epoch) {
    long start = endOffset().offset();
    epochStarts.entrySet().removeIf(e -> e.getValue() >= start || e.getKey() >= epoch);
    epochStarts.put(epoch, start);
  }

  @Override
  public void truncateTo(long offset) {
    // As Kafka's log: truncating below the high watermark pulls it down (the observers then see
    // any committed entry this loses).
    highWatermark = Math.min(highWatermark, offset);
    store.truncateTo(offset);
    while (!byBase.isEmpty() && byBase.lastEntry().getValue().lastOffset() >= offset) {
      byBase.pollLastEntry();
    }
    epochStarts.entrySet().removeIf(e -> e.getValue() >= offset);
  }

  @Override
  public boolean truncateToLatestSnapshot() {
    return false;
  }

  /** Kafka's log clamps the high watermark to the log's bounds; so do we. */
  @Override
  public void updateHighWatermark(LogOffsetMetadata offsetMetadata) {
    highWatermark = Math.min(Math.max(offsetMetadata.offset(), startOffset()), endOffset().offset());
  }

  @Override
  public boolean deleteBeforeSnapshot(OffsetAndEpoch snapshotId) {
    return false;
  }

  @Override
  public void flush(boolean forceFlushActiveSegment) {
    store.flush();
  }

  @Override
  public boolean maybeClean() {
    return false;
  }

  @Override
  public TopicPartition topicPartition() {
    return TOPIC_PARTITION;
  }

  @Override
  public Uuid topicId() {
    return TOPIC_ID;
  }

  @Override
  public Optional<RawSnapshotWriter> createNewSnapshot(OffsetAndEpoch snapshotId) {
    return Optional.empty();
  }

  @Override
  public Optional<RawSnapshotWriter> createNewSnapshotUnchecked(OffsetAndEpoch snapshotId) {
    return Optional.empty();
  }

  @Override
  public Optional<RawSnapshotReader> readSnapshot(OffsetAndEpoch snapshotId) {
    return Optional.empty();
  }

  @Override
  public Optional<RawSnapshotReader> latestSnapshot() {
    return Optional.empty();
  }

  @Override
  public Optional<OffsetAndEpoch> latestSnapshotId() {
    return Optional.empty();
  }

  @Override
  public Optional<OffsetAndEpoch> earliestSnapshotId() {
    return Optional.empty();
  }

  @Override
  public void onSnapshotFrozen(OffsetAndEpoch snapshotId) {}

  /** The batches (for the observer's checks), oldest first. */
  List<StoredBatch> batches() {
    return store.batches();
  }
}
