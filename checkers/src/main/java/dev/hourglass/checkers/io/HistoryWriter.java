package dev.hourglass.checkers.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.io.internal.EdnHistoryWriter;
import dev.hourglass.checkers.io.internal.JsonlHistoryWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a history as {@link HistoryFormat#JSONL JSON Lines} or {@link HistoryFormat#EDN EDN}
 * (one map per line, no enclosing vector), such that {@link HistoryReader} reads back entries
 * equal to {@link History#entries()}. Source lines are not part of an entry: they are those of the
 * new file.
 */
public final class HistoryWriter {
  private HistoryWriter() {}

  /**
   * Writes {@code history} to {@code out} (flushed, not closed).
   *
   * @throws IllegalArgumentException if {@code format} is not writable, or an entry holds a value
   *     outside the EDN data model (or, for JSONL, a NaN or infinite float)
   */
  public static void write(History history, Writer out, HistoryFormat format) throws IOException {
    checkNotNull(history, "history");
    checkNotNull(out, "out");
    checkArgument(format != null && format.isWritable(), "cannot write format=%s; writable formats are jsonl and edn",
        format);
    switch (format) {
      case JSONL -> JsonlHistoryWriter.write(history, out);
      case EDN -> EdnHistoryWriter.write(history, out);
      default -> throw new IllegalStateException("writable format without a writer: " + format);
    }
  }

  /** Writes {@code history} to {@code file} in UTF-8, replacing it. */
  public static void write(History history, Path file, HistoryFormat format) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(history, out, format);
    }
  }

  /** The text of {@code history} in {@code format}. */
  public static String toString(History history, HistoryFormat format) {
    StringWriter out = new StringWriter();
    try {
      write(history, out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
