package dev.hourglass.checkers.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.io.internal.EdnHistoryParser;
import dev.hourglass.checkers.io.internal.JsonlHistoryParser;
import dev.hourglass.checkers.io.internal.PorcupineEtcdParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a history file in any {@link HistoryFormat}, streaming (a million-operation file is read
 * without holding its text in memory). Files are UTF-8. Each entry keeps its source line ({@link
 * History#line(int)}), so that later errors — such as a completion with no invocation, reported
 * by {@link History#operations()} — can point into the file.
 *
 * <p>Malformed input of any format is a {@link HistoryFormatException} saying {@code
 * file:line:column: expected ... but found ...}; nothing is skipped silently except blank lines
 * and EDN comments. The formats are described in {@code docs/checkers.md}, "History formats".
 */
public final class HistoryReader {
  /**
   * The client process given to EDN maps without {@code :process} (and JSON lines with {@code
   * "process": null}): Elle's histories may omit it, and Elle then treats all of them as one
   * process. No real history has this many processes.
   */
  public static final int ANONYMOUS_PROCESS = EdnHistoryParser.ANONYMOUS_PROCESS;

  private HistoryReader() {}

  /**
   * Reads {@code file}; messages name it as given.
   *
   * @throws HistoryFormatException if the content is malformed
   * @throws IOException if the file cannot be read
   */
  public static History read(Path file, HistoryFormat format) throws IOException {
    checkNotNull(file, "file");
    checkNotNull(format, "format");
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (Reader in = new InputStreamReader(Files.newInputStream(file), decoder)) {
      return read(in, file.toString(), format);
    }
  }

  /**
   * Reads a history from {@code in} (not closed), naming it {@code sourceName} in messages and in
   * {@link History#source()}.
   *
   * @throws HistoryFormatException if the content is malformed
   * @throws IOException if {@code in} fails
   */
  public static History read(Reader in, String sourceName, HistoryFormat format) throws IOException {
    checkNotNull(in, "in");
    checkNotNull(sourceName, "sourceName");
    checkNotNull(format, "format");
    return switch (format) {
      case JSONL -> JsonlHistoryParser.read(in, sourceName);
      case EDN -> EdnHistoryParser.read(in, sourceName, EdnHistoryParser.Mode.EDN);
      case PORCUPINE_ETCD -> PorcupineEtcdParser.read(in, sourceName);
      case PORCUPINE_KV -> EdnHistoryParser.read(in, sourceName, EdnHistoryParser.Mode.PORCUPINE_KV);
    };
  }

  /**
   * Reads a history from {@code text} (e.g. in tests); {@code sourceName} names it in messages.
   *
   * @throws HistoryFormatException if the text is malformed
   */
  public static History readText(String text, String sourceName, HistoryFormat format) {
    checkNotNull(text, "text");
    try {
      return read(new BufferedReader(new StringReader(text)), sourceName, format);
    } catch (IOException e) {
      throw new AssertionError("a StringReader does not fail", e);
    }
  }

  /**
   * Parses one EDN value, e.g. a model's initial state ({@code 0}, {@code nil}, {@code {:x 0 :y
   * 0}}); {@code sourceName} names it in messages ({@code --initial}).
   *
   * @throws HistoryFormatException if the text is not exactly one EDN value
   */
  public static Object parseEdnValue(String text, String sourceName) {
    checkNotNull(text, "text");
    try {
      dev.hourglass.checkers.io.internal.EdnReader reader =
          new dev.hourglass.checkers.io.internal.EdnReader(new StringReader(text), sourceName);
      Object value = reader.readValue();
      reader.skipWhitespace();
      if (reader.peek() >= 0) {
        throw reader.error(reader.line(), reader.column(),
            "expected one EDN value but found more: " + reader.describeNext());
      }
      return value;
    } catch (IOException e) {
      throw new AssertionError("a StringReader does not fail", e);
    }
  }
}
