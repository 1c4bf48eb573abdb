package dev.hourglass.checkers.io.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Reads Hourglass's JSON Lines histories: one JSON object per line, blank lines allowed.
 *
 * <pre>
 * {"index":0,"process":3,"type":"invoke","f":"write","value":4,"time":123}
 * {"index":1,"process":":nemesis","type":"info","f":"start","value":null}
 * </pre>
 *
 * <ul>
 *   <li>{@code process}: an integer from 0 to {@link Integer#MAX_VALUE} is a client; a string is a
 *       non-client entry named by that string as-is ({@code ":nemesis"}, {@code "nemesis"}); null
 *       or absent is the {@link EdnHistoryParser#ANONYMOUS_PROCESS anonymous client process}.
 *   <li>{@code type} ({@code "invoke"}, {@code "ok"}, {@code "fail"}, {@code "info"}) and {@code
 *       f} (a non-empty string, no colon) are required.
 *   <li>{@code value} and {@code error}: values in the {@link JsonValues} encoding; absent is null.
 *   <li>{@code time}: integer nanoseconds, null or absent. {@code index}: an integer or null,
 *       checked and otherwise ignored (entries are numbered by position).
 *   <li>Other members are ignored, as other keys are in EDN.
 * </ul>
 */
public final class JsonlHistoryParser {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Where the parser is, for errors: the source, the current line and the parser's column. */
  static final class Context {
    private final String source;
    private int line;
    private JsonParser parser;

    Context(String source) {
      this.source = source;
    }

    /** 1-based column of the current token on the current line. */
    int column() {
      return parser == null ? 0 : Math.max(0, parser.currentTokenLocation().getColumnNr());
    }

    HistoryFormatException error(int column, String message) {
      return new HistoryFormatException(source, line, column, message);
    }
  }

  private final Context at;
  private final History.Builder builder;

  private JsonlHistoryParser(String source) {
    this.at = new Context(source);
    this.builder = History.builder(source);
  }

  public static History read(Reader in, String source) throws IOException {
    return new JsonlHistoryParser(source).readAll(in);
  }

  private History readAll(Reader in) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, EdnReader.BUFFER_CHARS);
    for (;;) {
      String text;
      try {
        text = lines.readLine();
      } catch (CharacterCodingException e) {
        at.line++;
        throw at.error(0, "expected UTF-8 text but found bytes that are not valid UTF-8 (" + e + ")");
      }
      if (text == null) {
        return builder.build();
      }
      at.line++;
      if (text.isBlank()) {
        continue;
      }
      try (JsonParser p = FACTORY.createParser(text)) {
        at.parser = p;
        readEntry(p);
      } catch (JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int column = location == null ? 0 : Math.max(0, location.getColumnNr());
        throw at.error(column, "expected one JSON object per line but found invalid JSON: "
            + e.getOriginalMessage().replaceAll("\\[Source: .*?; line: \\d+, column: (\\d+)]", "column $1"));
      } finally {
        at.parser = null;
      }
    }
  }

  private static String describe(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "end of line";
    }
    return switch (t) {
      case VALUE_STRING -> '"' + p.getText() + '"';
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> p.getText();
    };
  }

  private void readEntry(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    int objectColumn = at.column();
    if (t != JsonToken.START_OBJECT) {
      throw at.error(objectColumn, "expected a JSON object {\"process\": .., \"type\": .., \"f\": .., ...} but found "
          + describe(p));
    }
    boolean hasIndex = false;
    boolean hasProcess = false;
    boolean hasValue = false;
    boolean hasTime = false;
    boolean hasError = false;
    int process = EdnHistoryParser.ANONYMOUS_PROCESS;
    String nonClient = null;
    OpType type = null;
    String function = null;
    Object value = null;
    long time = History.NO_TIME;
    Object error = null;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      int nameColumn = at.column();
      boolean duplicate = switch (name) {
        case "index" -> hasIndex;
        case "process" -> hasProcess;
        case "type" -> type != null;
        case "f" -> function != null;
        case "value" -> hasValue;
        case "time" -> hasTime;
        case "error" -> hasError;
        default -> false;
      };
      if (duplicate) {
        throw at.error(nameColumn, "expected each member once but found \"" + name + "\" again");
      }
      t = p.nextToken();
      int valueColumn = at.column();
      switch (name) {
        case "index" -> {
          hasIndex = true;
          if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NULL) {
            throw at.error(valueColumn, "expected \"index\" to be an integer but found " + describe(p));
          }
        }
        case "process" -> {
          hasProcess = true;
          if (t == JsonToken.VALUE_NUMBER_INT) {
            long n = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? -1 : p.getLongValue();
            if (n < 0 || n > Integer.MAX_VALUE) {
              throw at.error(valueColumn, "expected \"process\" to be a client number from 0 to " + Integer.MAX_VALUE
                  + " or a string such as \":nemesis\" but found " + p.getText());
            }
            process = (int) n;
          } else if (t == JsonToken.VALUE_STRING) {
            nonClient = p.getText();
          } else if (t != JsonToken.VALUE_NULL) {
            throw at.error(valueColumn, "expected \"process\" to be an integer or a string such as \":nemesis\" but found "
                + describe(p));
          }
        }
        case "type" -> type = type(p, valueColumn);
        case "f" -> {
          if (t != JsonToken.VALUE_STRING || p.getText().isEmpty()) {
            throw at.error(valueColumn, "expected \"f\" to be a non-empty string naming the function, such as \"read\", "
                + "but found " + describe(p));
          }
          function = p.getText();
        }
        case "value" -> {
          hasValue = true;
          value = JsonValues.read(p, at, 0);
        }
        case "time" -> {
          hasTime = true;
          if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            time = p.getLongValue();
          } else if (t != JsonToken.VALUE_NULL) {
            throw at.error(valueColumn, "expected \"time\" to be an integer (nanoseconds) but found " + describe(p));
          }
        }
        case "error" -> {
          hasError = true;
          error = JsonValues.read(p, at, 0);
        }
        default -> p.skipChildren();
      }
    }
    if (type == null) {
      throw at.error(objectColumn,
          "expected \"type\" (\"invoke\", \"ok\", \"fail\" or \"info\") but found no \"type\" in the object");
    }
    if (function == null) {
      throw at.error(objectColumn, "expected \"f\" naming the function (such as \"f\":\"read\") but found no \"f\" in "
          + "the object");
    }
    if (p.nextToken() != null) {
      throw at.error(at.column(), "expected end of line after the object but found " + describe(p));
    }
    if (nonClient != null) {
      builder.addNonClient(nonClient, type, function, value, time, error, at.line);
    } else {
      builder.add(process, type, function, value, time, error, at.line);
    }
  }

  private OpType type(JsonParser p, int column) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case "invoke":
          return OpType.INVOKE;
        case "ok":
          return OpType.OK;
        case "fail":
          return OpType.FAIL;
        case "info":
          return OpType.INFO;
        default:
          break;
      }
    }
    throw at.error(column, "expected \"type\" to be \"invoke\", \"ok\", \"fail\" or \"info\" but found " + describe(p));
  }
}
