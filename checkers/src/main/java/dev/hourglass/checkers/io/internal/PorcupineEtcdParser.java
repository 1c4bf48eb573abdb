package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Reads Porcupine's copies of the Jepsen 0.0.x etcd logs (anchors/porcupine/FORMAT.md section 1),
 * one event per line:
 *
 * <pre>
 * INFO  jepsen.util - 3	:invoke	:cas	[1 4]
 * </pre>
 *
 * Fields are separated by tabs or runs of spaces (etcd_100..102 use spaces). {@code process} is an
 * integer >= 0 (a client); {@code type} is {@code :invoke|:ok|:fail|:info}; {@code f} is {@code
 * :read|:write|:cas}; {@code value} is {@code nil} (null), an integer ({@link Long}), {@code [a
 * b]} (a list of two longs) or {@code :timed-out} (null: a timed-out completion says nothing, and
 * pairing keeps the invocation's value). Blank lines are skipped; any other line that does not
 * match is an error. An empty file is an empty history.
 */
public final class PorcupineEtcdParser {
  private static final String LINE_SHAPE = "INFO  jepsen.util - <process> <type> <f> <value>";
  private static final String VALUE_SHAPES = "nil, an integer, [a b] or :timed-out";

  private final String source;
  private final History.Builder builder;
  private String text;
  private int lineNumber;
  private int pos;

  private PorcupineEtcdParser(String source) {
    this.source = source;
    this.builder = History.builder(source);
  }

  public static History read(Reader in, String source) throws IOException {
    return new PorcupineEtcdParser(source).readAll(in);
  }

  private History readAll(Reader in) throws IOException {
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, EdnReader.BUFFER_CHARS);
    for (;;) {
      try {
        text = lines.readLine();
      } catch (CharacterCodingException e) {
        throw new HistoryFormatException(source, lineNumber + 1, 0,
            "expected UTF-8 text but found bytes that are not valid UTF-8 (" + e + ")");
      }
      if (text == null) {
        return builder.build();
      }
      lineNumber++;
      pos = 0;
      skipSpace();
      if (pos < text.length()) {
        parseLine();
      }
    }
  }

  private HistoryFormatException error(int at, String message) {
    return new HistoryFormatException(source, lineNumber, at + 1, message);
  }

  private void skipSpace() {
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  /** The next whitespace-delimited field, after whitespace; {@code pos} moves past it. */
  private String field() {
    skipSpace();
    int start = pos;
    while (pos < text.length() && !isSpace(text.charAt(pos))) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static String describe(String field) {
    return field.isEmpty() ? "end of line" : '"' + field + '"';
  }

  /** Reads the next field and checks it is {@code expected}, separated from what precedes it. */
  private void expectWord(String expected, String what) {
    skipSpace();
    int at = pos;
    String f = field();
    if (!f.equals(expected)) {
      throw error(at, "expected " + what + " (a line is '" + LINE_SHAPE + "') but found " + describe(f));
    }
  }

  private void parseLine() {
    expectWord("INFO", "\"INFO\"");
    expectWord("jepsen.util", "\"jepsen.util\"");
    expectWord("-", "\"-\"");

    skipSpace();
    int at = pos;
    String p = field();
    int process = parseProcess(p, at);

    skipSpace();
    at = pos;
    String t = field();
    OpType type = switch (t) {
      case ":invoke" -> OpType.INVOKE;
      case ":ok" -> OpType.OK;
      case ":fail" -> OpType.FAIL;
      case ":info" -> OpType.INFO;
      default -> throw error(at, "expected :invoke, :ok, :fail or :info but found " + describe(t));
    };

    skipSpace();
    at = pos;
    String f = field();
    String function = switch (f) {
      case ":read" -> "read";
      case ":write" -> "write";
      case ":cas" -> "cas";
      default -> throw error(at, "expected :read, :write or :cas but found " + describe(f));
    };

    Object value = parseValue();
    skipSpace();
    if (pos < text.length()) {
      throw error(pos, "expected end of line after the value but found " + describe(field()));
    }
    builder.add(process, type, function, value, History.NO_TIME, null, lineNumber);
  }

  private int parseProcess(String p, int at) {
    if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw error(at, "expected a process (an integer >= 0) but found " + describe(p));
    }
    try {
      return Integer.parseInt(p);
    } catch (NumberFormatException e) {
      throw error(at, "expected a process from 0 to " + Integer.MAX_VALUE + " but found " + describe(p));
    }
  }

  private Object parseValue() {
    skipSpace();
    int at = pos;
    if (pos < text.length() && text.charAt(pos) == '[') {
      pos++;
      Long a = integer("the first integer of [a b]");
      Long b = integer("the second integer of [a b]");
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != ']') {
        throw error(pos, "expected ']' closing the [a b] opened at column " + (at + 1) + " but found "
            + describe(restOfToken()));
      }
      pos++;
      if (pos < text.length() && !isSpace(text.charAt(pos))) {
        throw error(pos, "expected end of line after the value but found " + describe(field()));
      }
      return ValueList.of(a, b);
    }
    String v = field();
    switch (v) {
      case "nil", ":timed-out" -> {
        return null;
      }
      default -> {
        Long n = parseLong(v);
        if (n == null) {
          throw error(at, "expected " + VALUE_SHAPES + " but found " + describe(v));
        }
        return n;
      }
    }
  }

  /** The characters up to whitespace or a bracket, for messages. */
  private String restOfToken() {
    int start = pos;
    int end = pos;
    while (end < text.length() && !isSpace(text.charAt(end)) && (end == start || text.charAt(end) != ']')) {
      end++;
    }
    return text.substring(start, end);
  }

  private Long integer(String what) {
    skipSpace();
    int at = pos;
    int end = pos;
    while (end < text.length() && !isSpace(text.charAt(end)) && text.charAt(end) != ']') {
      end++;
    }
    String s = text.substring(pos, end);
    Long n = parseLong(s);
    if (n == null) {
      throw error(at, "expected " + what + " but found " + describe(s.isEmpty() && end < text.length() ? "]" : s));
    }
    pos = end;
    return n;
  }

  /** A decimal integer with an optional '-', or null if {@code s} is not one (or does not fit 64 bits). */
  private static Long parseLong(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    if (s.length() == start) {
      return null;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
