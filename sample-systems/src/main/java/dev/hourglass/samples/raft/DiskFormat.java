package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.samples.raft.Messages.Command;
import dev.hourglass.samples.raft.Messages.Entry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The store's bytes on disk. Every record — a batch of log entries, or the term-and-vote metadata
 * — is framed as {@code [length:int][crc32c:int][payload]}, the checksum covering the length and
 * the payload, so a torn, zeroed or bit-flipped record is recognised as bad rather than read as
 * data.
 *
 * <p>A log record is one <em>batch</em>: {@code [sequence:long][startIndex:long][count:int]} and
 * the entries, each {@code [term:long]}, four strings (operation, key, value, expected: a length,
 * -1 for null, and UTF-8 bytes) and {@code [clientId:long][sequence:long]}. Applying it truncates the log after {@code startIndex - 1} and appends the entries,
 * which is how a follower's conflict truncation reaches the disk without rewriting the file.
 * Sequences count 1, 2, 3, ... so a stale record can never be mistaken for the next one. Each
 * batch is padded with zeros to a whole number of sectors: a write then never shares a sector
 * with an earlier, acknowledged record, so whatever a crash or a latent sector error does to the
 * sectors of an unfinished write cannot reach data that was already acknowledged.
 */
final class DiskFormat {
  private DiskFormat() {}

  static final int HEADER_BYTES = 8;
  /** No record is larger; a length field beyond it is damage. */
  static final int PAYLOAD_BYTES_MAX = 4 << 20;
  /** The metadata record's fixed size: every version overwrites all of it. */
  static final int META_BYTES = 256;

  /** A log record: entries from {@code startIndex} on, replacing whatever the log had there. */
  record Batch(long sequence, long startIndex, List<Entry> entries) {
    Batch {
      checkArgument(sequence >= 1, "sequence must be >= 1: sequence=%s", sequence);
      checkArgument(startIndex >= 1, "startIndex must be >= 1: startIndex=%s", startIndex);
      entries = List.copyOf(entries);
    }

    /** The index of the last entry (startIndex - 1 for an empty batch). */
    long endIndex() {
      return startIndex + entries.size() - 1;
    }
  }

  /** The durable part of Raft's state besides the log. {@code votedFor} is null for no vote. */
  record Meta(long term, String votedFor) {
    static final Meta INITIAL = new Meta(0, null);
  }

  /** What {@link #decode} found at a position. */
  sealed interface Decoded {
    /** A good record whose padded size is {@code recordBytes}. */
    record Good(byte[] payload, int recordBytes) implements Decoded {}

    /** The header announces {@code totalBytes}; fewer are at hand. */
    record NeedMore(int totalBytes) implements Decoded {}

    /** Not a good record: a torn or damaged write, zeros, or the end of the data. */
    record Bad(String why) implements Decoded {}
  }

  // ---- framing ----------------------------------------------------------------------------------

  /** {@code payload} framed, padded with zeros to a multiple of {@code alignBytes}. */
  static byte[] frame(byte[] payload, int alignBytes) {
    checkArgument(payload.length > 0 && payload.length <= PAYLOAD_BYTES_MAX,
        "payload length must be in 1..%s: length=%s", PAYLOAD_BYTES_MAX, payload.length);
    int used = HEADER_BYTES + payload.length;
    int total = (used + alignBytes - 1) / alignBytes * alignBytes;
    ByteBuffer b = ByteBuffer.allocate(total);
    b.putInt(payload.length);
    b.putInt(crc(payload.length, payload, 0, payload.length));
    b.put(payload);
    return b.array();
  }

  /** Decodes the record framed at {@code offset} of {@code bytes} ({@code length} bytes available). */
  static Decoded decode(byte[] bytes, int offset, int length, int alignBytes) {
    if (length < HEADER_BYTES) {
      return new Decoded.Bad("no header: " + length + " bytes left");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
    int payloadBytes = b.getInt();
    int storedCrc = b.getInt();
    if (payloadBytes <= 0 || payloadBytes > PAYLOAD_BYTES_MAX) {
      return new Decoded.Bad("length out of range: " + payloadBytes);
    }
    int used = HEADER_BYTES + payloadBytes;
    int total = (used + alignBytes - 1) / alignBytes * alignBytes;
    if (length < used) {
      return new Decoded.NeedMore(total);
    }
    int crc = crc(payloadBytes, bytes, offset + HEADER_BYTES, payloadBytes);
    if (crc != storedCrc) {
      return new Decoded.Bad("checksum mismatch");
    }
    byte[] payload = new byte[payloadBytes];
    System.arraycopy(bytes, offset + HEADER_BYTES, payload, 0, payloadBytes);
    return new Decoded.Good(payload, total);
  }

  private static int crc(int length, byte[] bytes, int offset, int count) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(length).array());
    crc.update(bytes, offset, count);
    return (int) crc.getValue();
  }

  // ---- log batches ------------------------------------------------------------------------------

  /** The batch framed and padded, encoded straight into its final array (it is on every write's path). */
  static byte[] encodeBatch(Batch batch, int alignBytes) {
    List<byte[][]> strings = new ArrayList<>(batch.entries().size());
    int payloadBytes = 8 + 8 + 4;
    for (Entry e : batch.entries()) {
      Command c = e.command();
      byte[][] s = {utf8(c.op()), utf8(c.key()), utf8(c.value()), utf8(c.expected())};
      strings.add(s);
      payloadBytes += 8 + 8 + 8;
      for (byte[] b : s) {
        payloadBytes += 4 + (b == null ? 0 : b.length);
      }
    }
    checkArgument(payloadBytes <= PAYLOAD_BYTES_MAX, "batch too large: payloadBytes=%s", payloadBytes);
    int total = (HEADER_BYTES + payloadBytes + alignBytes - 1) / alignBytes * alignBytes;
    ByteBuffer out = ByteBuffer.allocate(total);
    out.position(HEADER_BYTES);
    out.putLong(batch.sequence());
    out.putLong(batch.startIndex());
    out.putInt(batch.entries().size());
    for (int i = 0; i < batch.entries().size(); i++) {
      Entry e = batch.entries().get(i);
      out.putLong(e.term());
      for (byte[] b : strings.get(i)) {
        out.putInt(b == null ? -1 : b.length);
        if (b != null) {
          out.put(b);
        }
      }
      out.putLong(e.command().clientId());
      out.putLong(e.command().sequence());
    }
    byte[] bytes = out.array();
    ByteBuffer.wrap(bytes).putInt(payloadBytes).putInt(crc(payloadBytes, bytes, HEADER_BYTES, payloadBytes));
    return bytes;
  }

  /** The batch in a good record's payload; throws IllegalArgumentException on a malformed one. */
  static Batch decodeBatch(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      long sequence = in.getLong();
      long startIndex = in.getLong();
      int count = in.getInt();
      checkArgument(count >= 0 && count <= payload.length, "entry count out of range: count=%s", count);
      List<Entry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long term = in.getLong();
        String op = string(in);
        String key = string(in);
        String value = string(in);
        String expected = string(in);
        long clientId = in.getLong();
        long sequenceOfClient = in.getLong();
        checkArgument(op != null, "entry %s has no operation", i);
        entries.add(new Entry(term, new Command(op, key, value, expected, clientId, sequenceOfClient)));
      }
      checkArgument(!in.hasRemaining(), "trailing bytes after %s entries", count);
      return new Batch(sequence, startIndex, entries);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("malformed batch: it ends early", e);
    }
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    checkArgument(length >= 0 && length <= in.remaining(), "string length out of range: length=%s", length);
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  // ---- metadata ---------------------------------------------------------------------------------

  static byte[] encodeMeta(Meta meta) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(meta.term());
      writeNullable(out, meta.votedFor());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] framed = frame(bytes.toByteArray(), META_BYTES);
    checkArgument(framed.length == META_BYTES, "metadata must fit %s bytes: meta=%s", META_BYTES, meta);
    return framed;
  }

  static Meta decodeMeta(byte[] payload) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      long term = in.readLong();
      String votedFor = readNullable(in);
      checkArgument(term >= 0, "negative term: term=%s", term);
      return new Meta(term, votedFor);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed metadata: " + e, e);
    }
  }

  private static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
