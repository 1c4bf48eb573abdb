package dev.hourglass.checkers.io.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hourglass.checkers.Keyword;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON encoding of history values (EDN's data model), chosen so that every value round-trips
 * and the common ones read naturally:
 *
 * <ul>
 *   <li>{@code nil} → {@code null}; integers → JSON integers; floats → JSON numbers with a
 *       fraction or exponent (NaN and infinities cannot be written); booleans → {@code
 *       true}/{@code false}; vectors and lists → arrays.
 *   <li>Keyword {@code :x} → the string {@code ":x"}. A string that itself starts with {@code
 *       ':'} gets one more colon: {@code ":x"} (the string) → {@code "::x"}. Reading, a JSON string
 *       that starts with exactly one colon is a keyword, with two or more it is a string minus the
 *       first colon, otherwise it is the string. This is unambiguous because keyword names never
 *       start with a colon; {@code ":"} alone is an error.
 *   <li>Set → {@code {"#set": [elements]}}.
 *   <li>Map whose keys are all strings or keywords → a JSON object, keys encoded as above ({@code
 *       {":x": 0, ":y": 0}}). Any other map → {@code {"#map": [[key, value], ...]}}, and so is a
 *       one-entry map whose encoded key is {@code "#set"} or {@code "#map"}, so that a JSON object
 *       with exactly one member named {@code #set} or {@code #map} is always a tag.
 * </ul>
 */
public final class JsonValues {
  static final String SET_TAG = "#set";
  static final String MAP_TAG = "#map";

  private JsonValues() {}

  /** A JSON string as a value: a keyword, or a string with one leading colon removed. */
  static Object decodeString(String s, JsonlHistoryParser.Context at, int column) {
    if (s.isEmpty() || s.charAt(0) != ':') {
      return s;
    }
    if (s.length() == 1) {
      throw at.error(column, "expected a keyword \":name\", or \"::\" for the string \":\", but found \":\"");
    }
    return s.charAt(1) == ':' ? s.substring(1) : new Keyword(s.substring(1));
  }

  static String encodeString(String s) {
    return s.startsWith(":") ? ":" + s : s;
  }

  /** Reads the value whose first token is the parser's current token. */
  static Object read(JsonParser p, JsonlHistoryParser.Context at, int depth) throws IOException {
    if (depth > EdnReader.DEPTH_MAX) {
      throw at.error(at.column(), "expected values nested at most " + EdnReader.DEPTH_MAX + " deep but found deeper nesting");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          throw at.error(at.column(), "expected an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + " but found "
              + p.getText() + " (integers beyond 64 bits are not supported)");
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_STRING:
        return decodeString(p.getText(), at, at.column());
      case START_ARRAY: {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(p, at, depth + 1));
        }
        return ValueList.wrap(items.toArray());
      }
      case START_OBJECT:
        return readObject(p, at, depth);
      default:
        throw at.error(at.column(), "expected a JSON value but found " + t);
    }
  }

  private static Object readObject(JsonParser p, JsonlHistoryParser.Context at, int depth) throws IOException {
    int objectColumn = at.column();
    Map<Object, Object> map = new LinkedHashMap<>();
    JsonToken t = p.nextToken();
    while (t == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int nameColumn = at.column();
      p.nextToken();
      Object v = read(p, at, depth + 1);
      t = p.nextToken();
      if (map.isEmpty() && t == JsonToken.END_OBJECT && (name.equals(SET_TAG) || name.equals(MAP_TAG))) {
        return name.equals(SET_TAG) ? toSet(v, at, objectColumn) : toMap(v, at, objectColumn);
      }
      Object key = decodeString(name, at, nameColumn);
      if (map.containsKey(key)) {
        throw at.error(nameColumn, "expected each key once but found " + EdnReader.describe(key) + " again in the object");
      }
      map.put(key, v);
    }
    return Collections.unmodifiableMap(map);
  }

  private static Set<Object> toSet(Object v, JsonlHistoryParser.Context at, int column) {
    if (!(v instanceof List<?> items)) {
      throw at.error(column, "expected an array after \"#set\" but found " + EdnReader.describe(v));
    }
    Set<Object> set = new LinkedHashSet<>();
    for (Object item : items) {
      if (!set.add(item)) {
        throw at.error(column, "expected each element of the #set once but found " + EdnReader.describe(item) + " again");
      }
    }
    return Collections.unmodifiableSet(set);
  }

  private static Map<Object, Object> toMap(Object v, JsonlHistoryParser.Context at, int column) {
    if (!(v instanceof List<?> entries)) {
      throw at.error(column, "expected an array of [key, value] pairs after \"#map\" but found " + EdnReader.describe(v));
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (Object e : entries) {
      if (!(e instanceof List<?> pair) || pair.size() != 2) {
        throw at.error(column, "expected a [key, value] pair in the #map but found " + EdnReader.describe(e));
      }
      if (map.containsKey(pair.get(0))) {
        throw at.error(column, "expected each key once but found " + EdnReader.describe(pair.get(0)) + " again in the #map");
      }
      map.put(pair.get(0), pair.get(1));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Writes {@code v} in this encoding.
   *
   * @throws IllegalArgumentException for a value outside the data model, or a NaN/infinite double
   */
  public static void write(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(encodeString(s));
    } else if (v instanceof Keyword k) {
      g.writeString(":" + k.name());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("cannot write " + d + " in JSON; only finite floats can be");
      }
      g.writeNumber(d);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object item : l) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Set<?> s) {
      g.writeStartObject();
      g.writeFieldName(SET_TAG);
      g.writeStartArray();
      for (Object item : s) {
        write(g, item);
      }
      g.writeEndArray();
      g.writeEndObject();
    } else if (v instanceof Map<?, ?> m) {
      writeMap(g, m);
    } else if (v instanceof Collection<?> c) {
      write(g, List.copyOf(c));
    } else {
      throw new IllegalArgumentException("cannot write a value of type " + v.getClass().getName()
          + "; history values are nil, integers, floats, strings, keywords, booleans, lists, sets and maps");
    }
  }

  private static void writeMap(JsonGenerator g, Map<?, ?> m) throws IOException {
    boolean plain = true;
    for (Object k : m.keySet()) {
      plain &= k instanceof String || k instanceof Keyword;
    }
    if (plain && m.size() == 1) {
      String key = encodedKey(m.keySet().iterator().next());
      plain = !key.equals(SET_TAG) && !key.equals(MAP_TAG);
    }
    g.writeStartObject();
    if (plain) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(encodedKey(e.getKey()));
        write(g, e.getValue());
      }
    } else {
      g.writeFieldName(MAP_TAG);
      g.writeStartArray();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeStartArray();
        write(g, e.getKey());
        write(g, e.getValue());
        g.writeEndArray();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static String encodedKey(Object k) {
    return k instanceof Keyword kw ? ":" + kw.name() : encodeString((String) k);
  }
}
