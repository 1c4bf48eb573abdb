package dev.hourglass.network.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Round-trips messages through Jackson so that a receiver never shares an object with its sender
 * (as on a real wire), and a message that could not cross a real wire fails at the send that
 * tried, naming its type.
 */
public final class MessageCopier {
  // Thread-safe once configured; shared so that thousands of simulations do not each pay for one.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private MessageCopier() {}

  /** A deep copy of {@code message} by way of its JSON form. */
  public static Object copy(Object message) {
    if (message == null) {
      throw new IllegalArgumentException("a message must not be null");
    }
    Class<?> type = message.getClass();
    if (type == String.class || type == Long.class || type == Integer.class || type == Boolean.class) {
      return message; // immutable values: nothing to copy
    }
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "message of type " + type.getName() + " cannot be serialised (messages must be values, e.g."
              + " records of strings, numbers, lists and other records): " + e.getOriginalMessage(),
          e);
    }
    try {
      Object copy = MAPPER.readValue(bytes, type);
      if (!copy.equals(message) && hasValueEquality(type)) {
        throw new IllegalArgumentException(
            "message of type " + type.getName() + " does not survive serialisation: sent " + message
                + " but the receiver would get " + copy);
      }
      return copy;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "message of type " + type.getName() + " cannot be deserialised (give it a constructor"
              + " Jackson can use, e.g. make it a record): " + e.getMessage(),
          e);
    }
  }

  // Records compare by value unless a component is an array (compared by reference); lists, sets
  // and maps by their contract. Checking them catches a message whose elements come back as maps
  // (a List<Ping> sent as it is: Jackson cannot see the element type of a bare list).
  private static boolean hasValueEquality(Class<?> type) {
    if (List.class.isAssignableFrom(type) || Set.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
      return true;
    }
    if (!type.isRecord()) {
      return false;
    }
    for (var component : type.getRecordComponents()) {
      if (component.getType().isArray()) {
        return false;
      }
    }
    return true;
  }
}
