package dev.hourglass.samples.kraft;

import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Kafka's wire format for the messages KRaft nodes exchange. Every request and response crosses
 * the simulated network as the bytes Kafka's own serializers produce, at the latest version of
 * its API, and is parsed again on arrival: the receiver never shares an object (or a record
 * buffer) with the sender, as on a real network.
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
    ByteBuffer buf = ByteBuffer.allocate(size);
    message.write(new ByteBufferAccessor(buf), cache, version);
    if (buf.hasRemaining()) {
      throw new IllegalStateException("serialized " + buf.position() + " of " + size + " bytes of " + message.getClass().getSimpleName());
    }
    return buf.array();
  }

  static ApiMessage decodeRequest(short apiKey, short version, byte[] body) {
    ApiMessage m = ApiMessageType.fromApiKey(apiKey).newRequest();
    m.read(new ByteBufferAccessor(ByteBuffer.wrap(body)), version);
    return m;
  }

  static ApiMessage decodeResponse(short apiKey, short version, byte[] body) {
    ApiMessage m = ApiMessageType.fromApiKey(apiKey).newResponse();
    m.read(new ByteBufferAccessor(ByteBuffer.wrap(body)), version);
    return m;
  }
}
