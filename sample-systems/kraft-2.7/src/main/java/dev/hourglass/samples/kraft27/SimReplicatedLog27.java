package dev.hourglass.samples.kraft27;

import dev.hourglass.samples.kraft.common.KraftStore;
import dev.hourglass.samples.kraft.common.KraftStore.StoredBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.Records;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.raft.Isolation;
import org.apache.kafka.raft.LogAppendInfo;
import org.apache.kafka.raft.LogFetchInfo;
import org.apache.kafka.raft.LogOffsetMetadata;
import org.apache.kafka.raft.OffsetAndEpoch;
import org.apache.kafka.raft.ReplicatedLog;

/**
 * kafka-raft 2.7's log for one incarnation of a node, over its {@link KraftStore}. As Kafka's log
 * does for a leader, {@code appendAsLeader} assigns offsets from the log end and stamps the leader
 * epoch (the batch is rebuilt); a follower's batches are stored as fetched. Reads return whole
 * batches, at most {@link #READ_BYTES_MAX} bytes (at least one batch).
 *
 * <p>kafka-raft 2.7's {@code ReplicatedLog} has <b>no flush</b>: nothing the client appends is
 * ever made durable by it (Kafka's log flushes on its own schedule — by default only when a
 * segment rolls). That is KAFKA-10533. Unless {@code fsyncEveryAppend} is set (the log then
 * flushes after every append, as KIP-595 requires of the metadata log), every batch stays
 * unflushed and a crash keeps only a random prefix of the log ({@link KraftStore}).
 */
final class SimReplicatedLog27 implements ReplicatedLog {
  static final TopicPartition TOPIC_PARTITION = new TopicPartition("__cluster_metadata", 0);
  static final int READ_BYTES_MAX = 64 * 1024;

  private final KraftStore store;
  private final boolean fsyncEveryAppend;
  private final TreeMap<Long, StoredBatch> byBase = new TreeMap<>();
  private final TreeMap<Integer, Long> epochStarts = new TreeMap<>();
  private long highWatermark;

  SimReplicatedLog27(KraftStore store, boolean fsyncEveryAppend) {
    this.store = store;
    this.fsyncEveryAppend = fsyncEveryAppend;
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
    if (records.sizeInBytes() == 0) {
      throw new IllegalArgumentException("Attempt to append an empty record set");
    }
    long first = endOffset().offset;
    long next = first;
    for (RecordBatch batch : records.batches()) {
      batch.ensureValid();
      ByteBuffer buf = ByteBuffer.allocate(Math.max(256, batch.sizeInBytes() * 2));
      MemoryRecordsBuilder builder = MemoryRecords.builder(buf, RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
          TimestampType.CREATE_TIME, next, RecordBatch.NO_TIMESTAMP, RecordBatch.NO_PRODUCER_ID, RecordBatch.NO_PRODUCER_EPOCH,
          RecordBatch.NO_SEQUENCE, false, batch.isControlBatch(), epoch);
      for (Record r : batch) {
        SimpleRecord copy = new SimpleRecord(r.timestamp(), r.key(), r.value(), r.headers());
        if (batch.isControlBatch()) {
          builder.appendControlRecordWithOffset(next++, copy);
        } else {
          builder.appendWithOffset(next++, copy);
        }
      }
      MemoryRecords built = builder.build();
      for (RecordBatch b : built.batches()) {
        store(b);
      }
    }
    if (next == first) {
      throw new IllegalArgumentException("no record in " + records.sizeInBytes() + " bytes");
    }
    return new LogAppendInfo(first, next - 1);
  }

  @Override
  public LogAppendInfo appendAsFollower(Records records) {
    if (records.sizeInBytes() == 0) {
      throw new IllegalArgumentException("Attempt to append an empty record set");
    }
    long first = -1;
    long last = -1;
    for (RecordBatch batch : records.batches()) {
      batch.ensureValid();
      long end = endOffset().offset;
      if (batch.baseOffset() != end) {
        throw new IllegalStateException("Illegal append at offset " + batch.baseOffset() + " with current end offset of " + end);
      }
      store(batch);
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

  private void store(RecordBatch batch) {
    ByteBuffer buf = ByteBuffer.allocate(batch.sizeInBytes());
    batch.writeTo(buf);
    StoredBatch stored = new StoredBatch(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(), batch.isControlBatch(), buf.array());
    store.append(stored);
    index(stored);
    if (fsyncEveryAppend) {
      store.flush();
    }
  }

  @Override
  public LogFetchInfo read(long startOffset, Isolation isolation) {
    long end = endOffset().offset;
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
    List<byte[]> parts = new ArrayList<>();
    for (StoredBatch b : byBase.tailMap(from, true).values()) {
      if (b.lastOffset() >= maxOffset) {
        break;
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
  public Optional<OffsetAndEpoch> endOffsetForEpoch(int epoch) {
    int lowerEpoch = 0;
    for (Map.Entry<Integer, Long> e : epochStarts.entrySet()) {
      if (e.getKey() > epoch) {
        return Optional.of(new OffsetAndEpoch(e.getValue(), lowerEpoch));
      }
      lowerEpoch = e.getKey();
    }
    if (epochStarts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OffsetAndEpoch(endOffset().offset, epochStarts.lastKey()));
  }

  @Override
  public LogOffsetMetadata endOffset() {
    return new LogOffsetMetadata(byBase.isEmpty() ? 0 : byBase.lastEntry().getValue().lastOffset() + 1);
  }

  @Override
  public long startOffset() {
    return 0;
  }

  @Override
  public void initializeLeaderEpoch(int epoch) {
    long start = endOffset().offset;
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

  /** Kafka's log clamps the high watermark to the log's bounds; so do we. */
  @Override
  public void updateHighWatermark(LogOffsetMetadata offsetMetadata) {
    highWatermark = Math.min(Math.max(offsetMetadata.offset, startOffset()), endOffset().offset);
  }

  @Override
  public TopicPartition topicPartition() {
    return TOPIC_PARTITION;
  }

  /** The stored batches, oldest first. */
  List<StoredBatch> batches() {
    return store.batches();
  }
}
