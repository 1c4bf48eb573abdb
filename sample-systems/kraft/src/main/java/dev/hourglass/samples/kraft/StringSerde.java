package dev.hourglass.samples.kraft;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.server.common.serialization.RecordSerde;

/** The state machine's records: UTF-8 strings, length given by the record. */
final class StringSerde implements RecordSerde<String> {
  @Override
  public int recordSize(String data, ObjectSerializationCache cache) {
    return data.getBytes(StandardCharsets.UTF_8).length;
  }

  @Override
  public void write(String data, ObjectSerializationCache cache, Writable out) {
    out.writeByteArray(data.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String read(Readable input, int size) {
    byte[] bytes = input.readArray(size);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
