package dev.hourglass.testkit.internal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.SeedRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The file format of a {@link SeedRecord}: one pretty-printed JSON object, fields in a fixed
 * order, absent options left out. Reading is strict — unknown or repeated fields, wrong types
 * (no {@code "12"} for 12), content after the object are errors — because a corpus file that
 * silently means something other than what it says is worse than one that fails to load. Every
 * error names the source, the line and column, and what was expected there.
 */
public final class SeedRecordJson {
  /** The fields in the order they are written. */
  public static final List<String> FIELDS = List.of("scenario", "seed", "bug", "plan", "operationsMax", "clients",
      "safetyNanos", "expected", "failureClass", "traceHash", "recorded", "why");

  private static final String EXPECTED_RECORD = "expected one JSON object with the fields scenario, seed, expected, "
      + "failureClass, traceHash, recorded and why, and optionally bug, plan, operationsMax, clients and safetyNanos; "
      + "see seeds/README.md";

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Jackson's note of where it read from; our messages name the file themselves. */
  private static final Pattern SOURCE_NOTE = Pattern.compile("\\s*\\(?(start marker at )?\\[Source: [^\\]]*\\]\\)?");

  private SeedRecordJson() {}

  /** {@code record} as pretty-printed JSON, without a final newline. */
  public static String write(SeedRecord record) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", record.scenario());
    m.put("seed", Seeds.format(record.seed()));
    record.bug().ifPresent(b -> m.put("bug", b));
    record.plan().ifPresent(p -> m.put("plan", p));
    record.operationsMax().ifPresent(n -> m.put("operationsMax", n));
    record.clients().ifPresent(n -> m.put("clients", n));
    record.safetyNanos().ifPresent(n -> m.put("safetyNanos", n));
    m.put("expected", record.expected().name());
    m.put("failureClass", record.failureClass());
    m.put("traceHash", record.traceHashHex());
    m.put("recorded", record.recorded().toString());
    m.put("why", record.why());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a seed record of strings, numbers and a fault plan always serialises: " + e, e);
    }
  }

  /**
   * Parses {@code text}; {@code source} names it in messages.
   *
   * @throws IllegalArgumentException {@code source:line:column: not a seed record: what (expected …)}
   */
  public static SeedRecord read(String text, String source) {
    if (text.isBlank()) {
      throw new IllegalArgumentException(source + ":1:1: not a seed record: the file is empty (" + EXPECTED_RECORD + ")");
    }
    try (JsonParser p = JSON.createParser(text)) {
      checkFieldNames(text, source);
      p.nextToken();
      SeedRecord record = JSON.readValue(p, Parsed.class).record;
      JsonToken after = p.nextToken();
      if (after != null) {
        throw error(source, p.currentTokenLocation(), "there is more after the record's closing brace: "
            + describe(after) + " (expected one JSON object and nothing after it)");
      }
      return record;
    } catch (JsonProcessingException e) {
      throw error(source, e.getLocation(), explain(e));
    } catch (IOException e) {
      throw new IllegalStateException("reading from a string cannot fail: " + e, e);
    }
  }

  /**
   * Checks the top level: one object whose field names are all known and appear once. Done on
   * the tokens rather than left to Jackson, which meets the fields of a record's constructor only
   * after the whole object and would report them at its closing brace.
   */
  private static void checkFieldNames(String text, String source) throws IOException {
    try (JsonParser p = JSON.createParser(text)) {
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION); // reported below, with both lines
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error(source, p.currentTokenLocation(), "the top level is " + describe(first) + ", not a JSON object ("
            + EXPECTED_RECORD + ")");
      }
      Map<String, Integer> lines = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonLocation at = p.currentTokenLocation();
        if (!FIELDS.contains(name)) {
          throw error(source, at, "unknown field \"" + name + "\" (expected only " + String.join(", ", FIELDS) + ")");
        }
        Integer before = lines.putIfAbsent(name, at.getLineNr());
        if (before != null) {
          throw error(source, at, "field \"" + name + "\" appears twice (first on line " + before + ")");
        }
        p.nextToken();
        p.skipChildren();
      }
    }
  }

  private static IllegalArgumentException error(String source, JsonLocation at, String what) {
    String where = at != null && at.getLineNr() > 0 ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "";
    return new IllegalArgumentException(source + where + ": not a seed record: " + what);
  }

  private static String explain(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) { // inside the plan: the top level was checked before
      return "unknown field \"" + path(u) + "\" (expected only " + u.getKnownPropertyIds().stream().map(String::valueOf)
          .sorted().collect(Collectors.joining(", ")) + ")";
    }
    if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      // A constructor refused the values: ours (SeedRecord's checks) or, inside the plan, a fault's.
      String message = v.getCause() instanceof NullPointerException
          ? "\"" + v.getCause().getMessage() + "\" is missing or null" : v.getCause().getMessage();
      String path = path(v);
      return path.isEmpty() ? message : "field \"" + path + "\": " + message;
    }
    if (e instanceof JsonMappingException m) {
      String path = path(m);
      String message = clean(m.getOriginalMessage());
      return path.isEmpty() ? message + " (" + EXPECTED_RECORD + ")" : "field \"" + path + "\": " + message;
    }
    String message = clean(e.getOriginalMessage());
    boolean truncated = e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input");
    return (truncated ? "the text ends before the record does (truncated?): " : "malformed JSON: ")
        + message + " (" + EXPECTED_RECORD + ")";
  }

  /** {@code plan.faults[2].fault}: where in the record a mapping error is. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String clean(String message) {
    return message == null ? "" : SOURCE_NOTE.matcher(message).replaceAll("").strip();
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the text";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing or null (" + EXPECTED_RECORD + ")");
    }
    return value;
  }

  /** What Jackson builds; the record is made (and validated) in the constructor, so its errors carry a location. */
  static final class Parsed {
    final SeedRecord record;

    @JsonCreator
    Parsed(
        @JsonProperty("scenario") @JsonDeserialize(using = Text.class) String scenario,
        @JsonProperty("seed") @JsonDeserialize(using = SeedText.class) Long seed,
        @JsonProperty("bug") @JsonDeserialize(using = Text.class) String bug,
        @JsonProperty("plan") FaultPlan plan,
        @JsonProperty("operationsMax") @JsonDeserialize(using = WholeInt.class) Integer operationsMax,
        @JsonProperty("clients") @JsonDeserialize(using = WholeInt.class) Integer clients,
        @JsonProperty("safetyNanos") @JsonDeserialize(using = WholeLong.class) Long safetyNanos,
        @JsonProperty("expected") @JsonDeserialize(using = OutcomeName.class) Outcome expected,
        @JsonProperty("failureClass") @JsonDeserialize(using = Text.class) String failureClass,
        @JsonProperty("traceHash") @JsonDeserialize(using = HashText.class) Long traceHash,
        @JsonProperty("recorded") @JsonDeserialize(using = InstantText.class) Instant recorded,
        @JsonProperty("why") @JsonDeserialize(using = Text.class) String why) {
      record = new SeedRecord(required(scenario, "scenario"), required(seed, "seed"), Optional.ofNullable(bug),
          Optional.ofNullable(plan),
          operationsMax == null ? OptionalInt.empty() : OptionalInt.of(operationsMax),
          clients == null ? OptionalInt.empty() : OptionalInt.of(clients),
          safetyNanos == null ? OptionalLong.empty() : OptionalLong.of(safetyNanos),
          required(expected, "expected"), required(failureClass, "failureClass"), required(traceHash, "traceHash"),
          required(recorded, "recorded"), required(why, "why"));
    }
  }

  /**
   * A scalar field read strictly: only the JSON token types it names, each error saying what was
   * expected and what was found, at the value's location. (Jackson's own coercions would read
   * {@code "12"} as 12 and {@code 12} as "12".)
   */
  abstract static class Strict<T> extends StdDeserializer<T> {
    Strict(Class<T> type) {
      super(type);
    }

    /** What the field must be, for messages: {@code a string}. */
    abstract String expected();

    /** The value at the parser's current token, or null if the token is of the wrong type. */
    abstract T parse(JsonParser p) throws IOException;

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      T value = parse(p);
      if (value == null) {
        throw MismatchedInputException.from(p, handledType(), "expected " + expected() + ", found " + describe(p.currentToken()));
      }
      return value;
    }

    InvalidFormatException invalid(JsonParser p, String text, String why) {
      return new InvalidFormatException(p, why + " (expected " + expected() + ")", text, handledType());
    }
  }

  static final class Text extends Strict<String> {
    Text() {
      super(String.class);
    }

    @Override
    String expected() {
      return "a string";
    }

    @Override
    String parse(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
    }
  }

  static final class WholeInt extends Strict<Integer> {
    WholeInt() {
      super(Integer.class);
    }

    @Override
    String expected() {
      return "a whole number";
    }

    @Override
    Integer parse(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
    }
  }

  static final class WholeLong extends Strict<Long> {
    WholeLong() {
      super(Long.class);
    }

    @Override
    String expected() {
      return "a whole number";
    }

    @Override
    Long parse(JsonParser p) throws IOException {
      return p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
    }
  }

  /** A seed: written {@code "0x…"}; read as a string in decimal or {@code 0x} hex, or as a JSON integer. */
  static final class SeedText extends Strict<Long> {
    SeedText() {
      super(Long.class);
    }

    @Override
    String expected() {
      return "a seed as a string: \"0x\" and 1 to 16 hex digits, or a decimal number";
    }

    @Override
    Long parse(JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return p.getLongValue();
      }
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String text = p.getText();
      try {
        return Seeds.parse(text);
      } catch (IllegalArgumentException e) {
        throw invalid(p, text, "not a seed: \"" + text + "\"");
      }
    }
  }

  /** A trace hash: a string of exactly 16 hex digits. */
  static final class HashText extends Strict<Long> {
    private static final Pattern HEX16 = Pattern.compile("[0-9a-fA-F]{16}");

    HashText() {
      super(Long.class);
    }

    @Override
    String expected() {
      return "a trace hash as a string of 16 hex digits, e.g. \"60ad4123339ab89d\"";
    }

    @Override
    Long parse(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String text = p.getText();
      if (!HEX16.matcher(text).matches()) {
        throw invalid(p, text, "not a trace hash: \"" + text + "\"");
      }
      return Long.parseUnsignedLong(text, 16);
    }
  }

  /** A wall-clock time: an ISO-8601 instant as a string. */
  static final class InstantText extends Strict<Instant> {
    InstantText() {
      super(Instant.class);
    }

    @Override
    String expected() {
      return "an ISO-8601 time in UTC as a string, e.g. \"2025-01-31T12:00:00Z\"";
    }

    @Override
    Instant parse(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String text = p.getText();
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(p, text, "not a time: \"" + text + "\"");
      }
    }
  }

  /** An outcome, by its exact name. */
  static final class OutcomeName extends Strict<Outcome> {
    OutcomeName() {
      super(Outcome.class);
    }

    @Override
    String expected() {
      return "one of " + Arrays.stream(Outcome.values()).map(Outcome::name).collect(Collectors.joining(", "));
    }

    @Override
    Outcome parse(JsonParser p) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String text = p.getText();
      for (Outcome o : Outcome.values()) {
        if (o.name().equals(text)) {
          return o;
        }
      }
      throw invalid(p, text, "unknown outcome \"" + text + "\"");
    }
  }
}
