package dev.hourglass.disk.wal;

import dev.hourglass.disk.SimDisk;
import dev.hourglass.disk.SimFile;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.SimFuture;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A small write-ahead log, kept in the tests as a system under test for sim-disk. One file,
 * {@code wal}, of records {@code [length u32][crc32c u32][payload]}.
 *
 * <ul>
 *   <li><b>Append</b> (group commit): the records queued while the previous commit ran are written
 *       as one write at the tail, then the file is fsynced, then they are acknowledged. One commit
 *       at a time, so a record is acknowledged only when every record before it is durable.
 *   <li><b>Recover</b> (at every start): create the file if needed and fsync the directory (a log
 *       whose name can vanish is not durable); scan records from the start until the first bad one
 *       (short, impossible length, checksum mismatch); truncate the file there and fsync, so that
 *       garbage past the valid end can never be read as records later; only then accept appends.
 *   <li><b>Reads can lie</b> (transient corruption): a bad record is read again, up to {@link
 *       #READ_ATTEMPTS_MAX} times, before it is taken as the end of the log. A torn tail stays bad
 *       on every read; a transient flip does not.
 *   <li><b>Errors</b>: a failed write changes nothing, so its records are failed and the log goes
 *       on. A failed fsync has dropped the dirty data (Linux), so its records are failed and the
 *       log recovers again from what the disk holds. No error is ever acknowledged as success.
 * </ul>
 *
 * <p>The {@link Variant}s plant the two classic bugs — acknowledging before fsync, trusting records
 * without a checksum — and two subtler ones: taking the first bad read as the end of the log, and
 * never making the log file's name durable.
 */
public final class TestWal {
  /** Which implementation to run. */
  public enum Variant {
    /** As described above. */
    CORRECT,
    /** Acknowledges a record when its write completes, without fsync: crashes lose acknowledged records. */
    NO_FSYNC_BEFORE_ACK,
    /** Writes no checksum and trusts every well-formed record: corrupted reads are returned as good. */
    NO_CHECKSUM,
    /** Takes the first bad-looking record as the end of the log: one transient flip truncates acknowledged records. */
    NO_REREAD,
    /** Never fsyncs the directory: a crash can undo the log file's creation, with its records. */
    NO_DIRECTORY_FSYNC
  }

  /** What the log tells its user. Called as events of the node. */
  public interface Listener {
    /** Recovery finished: these are the records of the log, in order. */
    void recovered(List<byte[]> records);

    /** {@code payload} is durable and acknowledged. */
    void acknowledged(byte[] payload);

    /** Appending {@code payload} failed; it is not acknowledged (it may or may not be in the log). */
    void failed(byte[] payload, Throwable cause);

    /** A record that looked bad read back good on a later attempt: a transient corruption was seen through. */
    default void badReadHealed() {}
  }

  public static final String FILE = "wal";
  static final int HEADER_BYTES = 8;
  public static final int PAYLOAD_BYTES_MAX = 1 << 16;
  /**
   * Reads of a bad-looking record before it is taken as the end of the log. A good record is
   * misjudged only if every attempt is corrupted: with 2 reads per attempt and a corruption rate
   * p per read, about (2p)^16, i.e. 1e-16 at p = 0.05.
   */
  static final int READ_ATTEMPTS_MAX = 16;
  private static final int BATCH_RECORDS_MAX = 32;
  private static final Duration RETRY_DELAY = Duration.ofMillis(1);

  private final NodeContext ctx;
  private final SimDisk disk;
  private final Variant variant;
  private final Listener listener;
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private SimFile file;
  private long tail;
  private boolean ready;
  private boolean committing;

  public TestWal(NodeContext ctx, Variant variant, Listener listener) {
    this.ctx = ctx;
    this.disk = ctx.component(SimDisk.class);
    this.variant = variant;
    this.listener = listener;
  }

  /** Starts recovery; appends wait until it is done. */
  public void start() {
    recover();
  }

  /** Queues {@code payload}; the listener hears whether it was acknowledged or failed. */
  public void append(byte[] payload) {
    if (payload.length == 0 || payload.length > PAYLOAD_BYTES_MAX) {
      throw new IllegalArgumentException("payload length must be in [1, " + PAYLOAD_BYTES_MAX + "]: " + payload.length);
    }
    queue.addLast(payload.clone());
    commitNext();
  }

  // ---- recovery ----------------------------------------------------------------------------------

  private void recover() {
    ready = false;
    disk.openOrCreate(FILE)
        .thenCompose(f -> {
          file = f;
          return variant == Variant.NO_DIRECTORY_FSYNC ? f.fsync() : disk.fsyncDirectory();
        })
        .whenComplete((v, failure) -> {
          if (failure != null) {
            retryRecovery();
          } else {
            scan(0, new ArrayList<>(), 1);
          }
        });
  }

  private void retryRecovery() {
    ctx.schedule(RETRY_DELAY, this::recover);
  }

  private void scan(long position, List<byte[]> records, int attempt) {
    long size = file.size();
    if (position + HEADER_BYTES > size) {
      finishRecovery(position, records); // the end, or a few bytes of a torn header
      return;
    }
    file.read(position, HEADER_BYTES).whenComplete((header, headerFailure) -> {
      int length = headerFailure == null ? ByteBuffer.wrap(header).getInt(0) : -1;
      int crc = headerFailure == null ? ByteBuffer.wrap(header).getInt(4) : 0;
      if (length <= 0 || length > PAYLOAD_BYTES_MAX || position + HEADER_BYTES + length > file.size()) {
        badRecord(position, records, attempt);
        return;
      }
      file.read(position + HEADER_BYTES, length).whenComplete((payload, payloadFailure) -> {
        boolean good = payloadFailure == null
            && payload.length == length
            && (variant == Variant.NO_CHECKSUM || crc32c(payload) == crc);
        if (!good) {
          badRecord(position, records, attempt);
          return;
        }
        if (attempt > 1) {
          listener.badReadHealed();
        }
        records.add(payload);
        scan(position + HEADER_BYTES + length, records, 1);
      });
    });
  }

  private void badRecord(long position, List<byte[]> records, int attempt) {
    if (attempt < (variant == Variant.NO_REREAD ? 1 : READ_ATTEMPTS_MAX)) {
      scan(position, records, attempt + 1);
    } else {
      finishRecovery(position, records);
    }
  }

  private void finishRecovery(long validEnd, List<byte[]> records) {
    file.truncate(validEnd)
        .thenCompose(v -> file.fsync())
        .whenComplete((v, failure) -> {
          if (failure != null) {
            retryRecovery(); // a failed fsync dropped the truncate: read the disk again
            return;
          }
          tail = validEnd;
          ready = true;
          listener.recovered(records);
          commitNext();
        });
  }

  // ---- append ------------------------------------------------------------------------------------

  private void commitNext() {
    if (!ready || committing || queue.isEmpty()) {
      return;
    }
    committing = true;
    List<byte[]> batch = new ArrayList<>();
    int bytes = 0;
    while (!queue.isEmpty() && batch.size() < BATCH_RECORDS_MAX) {
      byte[] p = queue.pollFirst();
      batch.add(p);
      bytes += HEADER_BYTES + p.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(bytes);
    for (byte[] p : batch) {
      buffer.putInt(p.length).putInt(variant == Variant.NO_CHECKSUM ? 0 : crc32c(p)).put(p);
    }
    long end = tail + bytes;
    SimFuture<Void> written = file.write(tail, buffer.array());
    SimFuture<Void> durable = variant == Variant.NO_FSYNC_BEFORE_ACK ? written : written.thenCompose(v -> file.fsync());
    durable.whenComplete((v, failure) -> {
      committing = false;
      if (failure != null) {
        batch.forEach(p -> listener.failed(p, failure));
        if (written.isCompletedExceptionally()) {
          commitNext(); // a failed write changed nothing: the tail is where it was
        } else {
          recover(); // a failed fsync dropped the dirty data: trust only what the disk holds
        }
        return;
      }
      tail = end;
      batch.forEach(listener::acknowledged);
      commitNext();
    });
  }

  static int crc32c(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return (int) crc.getValue();
  }
}
