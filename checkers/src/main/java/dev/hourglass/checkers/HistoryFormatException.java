package dev.hourglass.checkers;

/**
 * Malformed input: says where (file, line, column) and what was expected, so that a user can fix
 * the file without reading our code.
 */
public final class HistoryFormatException extends RuntimeException {
  private final String source;
  private final int line;
  private final int column;

  /**
   * @param source file name (or {@code <stdin>}, {@code <string>})
   * @param line 1-based line, or 0 if unknown
   * @param column 1-based column, or 0 if unknown
   * @param message what was found and what was expected
   */
  public HistoryFormatException(String source, int line, int column, String message) {
    super(source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
