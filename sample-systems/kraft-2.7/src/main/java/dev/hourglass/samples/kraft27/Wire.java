package dev.hourglass.samples.kraft27;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.RecordsReadable;
import org.apache.kafka.common.protocol.RecordsWritable;

/**
 * Kafka 2.7's wire format for the messages KRaft nodes exchange, at the latest version of each
 * API. Kafka 2.7 writes a message holding records (a fetch response) only through a {@link
 * RecordsWritable}, as a sequence of {@link Send}s for zero-copy transfer; we drain them into one
 * byte array. Parsed again on arrival with a {@link RecordsReadable}: the receiver never shares an
 * object or a record buffer with the sender.
 */
final class Wire {
  private Wire() {}

  /**
   * A request from one KRaft node to another: Kafka's bytes and how to read them, with the
   * sender's incarnation and connection sequence ({@link dev.hourglass.samples.kraft.common.Connections}).
   */
  record PeerRequest(int incarnation, long seq, int correlationId, short apiKey, short apiVersion, byte[] body) {}

  /** The response to a {@link PeerRequest} with the same correlation id. */
  record PeerResponse(int incarnation, long seq, int correlationId, short apiKey, short apiVersion, byte[] body) {}

  static short version(ApiMessage message) {
    return ApiKeys.forId(message.apiKey()).latestVersion();
  }

  static byte[] encode(ApiMessage message, short version) {
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = message.size(cache, version);
    List<Send> sends = new ArrayList<>();
    RecordsWritable writable = new RecordsWritable("peer", size, sends::add);
    message.write(writable, cache, version);
    writable.flush();
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    GatheringByteChannel channel = new ArrayChannel(out);
    try {
      for (Send send : sends) {
        while (!send.completed()) {
          send.writeTo(channel);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() != size) {
      throw new IllegalStateException("serialized " + out.size() + " of " + size + " bytes of " + message.getClass().getSimpleName());
    }
    return out.toByteArray();
  }

  static ApiMessage decodeRequest(short apiKey, short version, byte[] body) {
    ApiMessage m = ApiMessageType.fromApiKey(apiKey).newRequest();
    m.read(new RecordsReadable(ByteBuffer.wrap(body)), version);
    return m;
  }

  static ApiMessage decodeResponse(short apiKey, short version, byte[] body) {
    ApiMessage m = ApiMessageType.fromApiKey(apiKey).newResponse();
    m.read(new RecordsReadable(ByteBuffer.wrap(body)), version);
    return m;
  }

  /** A channel that appends whatever is written to a byte array. */
  private static final class ArrayChannel implements GatheringByteChannel {
    private final ByteArrayOutputStream out;

    ArrayChannel(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      byte[] bytes = new byte[n];
      src.get(bytes);
      out.write(bytes, 0, n);
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      long n = 0;
      for (int i = offset; i < offset + length; i++) {
        n += write(srcs[i]);
      }
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
      return write(srcs, 0, srcs.length);
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
