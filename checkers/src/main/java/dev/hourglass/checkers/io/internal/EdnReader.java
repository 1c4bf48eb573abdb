package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.Values;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A streaming reader of EDN values over a fixed char buffer, tracking the 1-based line and column
 * of every value so that errors can say where they are.
 *
 * <p>Data model (the one documented on {@link dev.hourglass.checkers.HistoryEntry}): {@code nil}
 * → null; integers → {@link Long} (an {@code N} suffix is accepted; beyond 64 bits is an error);
 * floats → {@link Double} ({@code ##Inf}, {@code ##-Inf}, {@code ##NaN} too; the {@code M} suffix
 * is an error); strings → {@link String}; characters ({@code \a}, {@code \newline}, {@code
 * \u0041}) → one-character {@link String}; keywords → interned {@link Keyword}; {@code
 * true}/{@code false} → {@link Boolean}; vectors and lists → unmodifiable {@link java.util.List};
 * {@code #{..}} → unmodifiable insertion-ordered {@link Set}; maps → unmodifiable
 * insertion-ordered {@link Map}. Tagged literals {@code #inst "..."} and {@code #uuid "..."} read
 * as their string; {@code #_} discards the next value; other tags and bare symbols (anything but
 * {@code nil}, {@code true}, {@code false}) are errors, because no history we know of uses them
 * and silently reading them as strings would hide typos such as {@code :type invoke}. Commas are
 * whitespace and {@code ;} starts a comment to the end of the line. Duplicate map keys and set
 * elements are errors, as the EDN specification says.
 *
 * <p>Limits: values nest at most {@link #DEPTH_MAX} deep (deeper is an error, not a stack
 * overflow).
 */
public final class EdnReader {
  static final int BUFFER_CHARS = 1 << 16;
  /** Deepest nesting of vectors, lists, maps and sets that is read. */
  public static final int DEPTH_MAX = 512;
  private static final int FOUND_CHARS_MAX = 40;

  private final Reader in;
  private final String source;
  private final char[] buf = new char[BUFFER_CHARS];
  private int pos;
  private int limit;
  private boolean eof;
  private int line = 1;
  private int column = 1;
  private int valueLine;
  private int valueColumn;
  private int depth;
  private final KeywordTable keywords = new KeywordTable();
  private final StringBuilder text = new StringBuilder();
  private char[] token = new char[64];
  private int tokenLength;
  private Object[] stack = new Object[64];
  private int stackTop;

  public EdnReader(Reader in, String source) {
    this.in = in;
    this.source = source;
  }

  public String source() {
    return source;
  }

  /** Line of the next character, from 1. */
  public int line() {
    return line;
  }

  /** Column of the next character, from 1 (in UTF-16 units). */
  public int column() {
    return column;
  }

  /** Line where the value last returned by {@link #readValue()} starts. */
  public int valueLine() {
    return valueLine;
  }

  /** Column where the value last returned by {@link #readValue()} starts. */
  public int valueColumn() {
    return valueColumn;
  }

  /** The keyword named {@code name}, the same instance the reader returns for it. */
  public Keyword keyword(String name) {
    return keywords.intern(name);
  }

  public HistoryFormatException error(int atLine, int atColumn, String message) {
    return new HistoryFormatException(source, atLine, atColumn, message);
  }

  /** The next character without consuming it, or -1 at end of input. */
  public int peek() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  /** Consumes and returns the next character, or -1 at end of input. */
  public int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    char c = buf[pos++];
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  private int peekSecond() throws IOException {
    while (limit - pos < 2 && !eof) {
      fill();
    }
    return limit - pos >= 2 ? buf[pos + 1] : -1;
  }

  /** Reads more input, keeping what is not consumed yet; false if nothing is left. */
  private boolean fill() throws IOException {
    if (eof) {
      return pos < limit;
    }
    int remaining = limit - pos;
    System.arraycopy(buf, pos, buf, 0, remaining);
    pos = 0;
    limit = remaining;
    int n;
    try {
      n = in.read(buf, limit, buf.length - limit);
    } catch (CharacterCodingException e) {
      throw error(line, column, "expected UTF-8 text but found bytes that are not valid UTF-8 (" + e + ")");
    }
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
    return pos < limit;
  }

  static boolean isWhitespace(int c) {
    return c == ' ' || c == ',' || c == '\n' || c == '\t' || c == '\r' || (c > ' ' && Character.isWhitespace(c));
  }

  static boolean isDelimiter(int c) {
    return isWhitespace(c) || c == '[' || c == ']' || c == '(' || c == ')' || c == '{' || c == '}' || c == '"'
        || c == ';';
  }

  private static boolean isCloser(int c) {
    return c == ']' || c == ')' || c == '}';
  }

  /** Skips whitespace, commas, {@code ;} comments and {@code #_}-discarded values. */
  public void skipWhitespace() throws IOException {
    for (;;) {
      int c = peek();
      if (c < 0) {
        return;
      }
      if (isWhitespace(c)) {
        read();
      } else if (c == ';') {
        while ((c = peek()) >= 0 && c != '\n') {
          read();
        }
      } else if (c == '#' && peekSecond() == '_') {
        read();
        read();
        skipWhitespace();
        if (peek() < 0 || isCloser(peek())) {
          throw error(line, column, "expected a value after #_ but found " + describeNext());
        }
        readValue();
      } else {
        return;
      }
    }
  }

  /**
   * How the input at the current position reads in an error message: {@code end of file}, a
   * delimiter such as {@code '}'}, or the next token in double quotes. May consume input.
   */
  public String describeNext() throws IOException {
    int c = peek();
    if (c < 0) {
      return "end of file";
    }
    if (isDelimiter(c) && c != '"') {
      return c == '\n' ? "end of line" : "'" + (char) c + "'";
    }
    StringBuilder sb = new StringBuilder();
    sb.append((char) read());
    while ((c = peek()) >= 0 && !isDelimiter(c) && sb.length() < FOUND_CHARS_MAX) {
      sb.append((char) read());
    }
    return Values.format(sb.toString());
  }

  /** A value as an error message shows it: its EDN text, cut to about 40 characters. */
  public static String describe(Object value) {
    String s = Values.format(value);
    return s.length() <= FOUND_CHARS_MAX + 3 ? s : s.substring(0, FOUND_CHARS_MAX) + "...";
  }

  /**
   * Reads one value after skipping whitespace; {@link #valueLine()}/{@link #valueColumn()} then
   * say where it starts.
   *
   * @throws HistoryFormatException at end of input, at a closing bracket, or on malformed text
   */
  public Object readValue() throws IOException {
    skipWhitespace();
    int startLine = line;
    int startColumn = column;
    int c = peek();
    Object v;
    if (c < 0) {
      throw error(line, column, "expected a value but found end of file");
    }
    switch (c) {
      case '[' -> {
        read();
        v = readSequence(']', "vector", startLine, startColumn);
      }
      case '(' -> {
        read();
        v = readSequence(')', "list", startLine, startColumn);
      }
      case '{' -> {
        read();
        v = readMap(startLine, startColumn);
      }
      case '"' -> {
        read();
        v = readString(startLine, startColumn);
      }
      case ':' -> {
        read();
        v = readKeyword(startLine, startColumn);
      }
      case '\\' -> {
        read();
        v = readCharacter(startLine, startColumn);
      }
      case '#' -> {
        read();
        v = readDispatch(startLine, startColumn);
      }
      case ']', ')', '}' -> throw error(line, column, "expected a value but found '" + (char) c + "'");
      default -> v = readAtom(startLine, startColumn);
    }
    valueLine = startLine;
    valueColumn = startColumn;
    return v;
  }

  private void enter(int atLine, int atColumn) {
    if (++depth > DEPTH_MAX) {
      throw error(atLine, atColumn, "expected values nested at most " + DEPTH_MAX + " deep but found deeper nesting");
    }
  }

  private HistoryFormatException unclosed(char closer, String what, int openLine, int openColumn) throws IOException {
    int l = line;
    int c = column;
    return error(l, c, "expected a value or '" + closer + "' closing the " + what + " opened at " + openLine + ":"
        + openColumn + " but found " + describeNext());
  }

  private ValueList readSequence(char closer, String what, int openLine, int openColumn) throws IOException {
    enter(openLine, openColumn);
    int base = stackTop;
    for (;;) {
      skipWhitespace();
      int c = peek();
      if (c == closer) {
        read();
        break;
      }
      if (c < 0 || isCloser(c)) {
        throw unclosed(closer, what, openLine, openColumn);
      }
      Object item = readValue();
      if (stackTop == stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      stack[stackTop++] = item;
    }
    Object[] items = Arrays.copyOfRange(stack, base, stackTop);
    Arrays.fill(stack, base, stackTop, null);
    stackTop = base;
    depth--;
    return ValueList.wrap(items);
  }

  private Map<Object, Object> readMap(int openLine, int openColumn) throws IOException {
    enter(openLine, openColumn);
    Map<Object, Object> map = new LinkedHashMap<>();
    for (;;) {
      skipWhitespace();
      int c = peek();
      if (c == '}') {
        read();
        break;
      }
      if (c < 0 || isCloser(c)) {
        int l = line;
        int col = column;
        throw error(l, col, "expected a key or '}' closing the map opened at " + openLine + ":" + openColumn
            + " but found " + describeNext());
      }
      Object key = readValue();
      int keyLine = valueLine;
      int keyColumn = valueColumn;
      skipWhitespace();
      c = peek();
      if (c < 0 || isCloser(c)) {
        int l = line;
        int col = column;
        throw error(l, col, "expected a value for the key " + describe(key) + " (map opened at " + openLine + ":"
            + openColumn + ") but found " + describeNext());
      }
      Object value = readValue();
      if (map.containsKey(key)) {
        throw error(keyLine, keyColumn, "expected each key once but found " + describe(key)
            + " again in the map opened at " + openLine + ":" + openColumn);
      }
      map.put(key, value);
    }
    depth--;
    return Collections.unmodifiableMap(map);
  }

  private Set<Object> readSet(int openLine, int openColumn) throws IOException {
    enter(openLine, openColumn);
    Set<Object> set = new LinkedHashSet<>();
    for (;;) {
      skipWhitespace();
      int c = peek();
      if (c == '}') {
        read();
        break;
      }
      if (c < 0 || isCloser(c)) {
        throw unclosed('}', "set", openLine, openColumn);
      }
      Object item = readValue();
      if (!set.add(item)) {
        throw error(valueLine, valueColumn, "expected each element once but found " + describe(item)
            + " again in the set opened at " + openLine + ":" + openColumn);
      }
    }
    depth--;
    return Collections.unmodifiableSet(set);
  }

  private String readString(int openLine, int openColumn) throws IOException {
    StringBuilder sb = text;
    sb.setLength(0);
    for (;;) {
      // Fast path: copy a run of plain characters straight from the buffer.
      int start = pos;
      while (pos < limit) {
        char ch = buf[pos];
        if (ch == '"' || ch == '\\' || ch == '\n') {
          break;
        }
        pos++;
      }
      if (pos > start) {
        sb.append(buf, start, pos - start);
        column += pos - start;
      }
      int escapeLine = line;
      int escapeColumn = column;
      int c = read();
      if (c < 0) {
        throw error(line, column, "expected '\"' closing the string that starts at " + openLine + ":" + openColumn
            + " but found end of file");
      }
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append((char) c);
        continue;
      }
      int e = read();
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> sb.append(readHex4(escapeLine, escapeColumn));
        default -> throw error(escapeLine, escapeColumn,
            "expected an escape \\\", \\\\, \\n, \\t, \\r, \\b, \\f or \\uXXXX but found "
                + (e < 0 ? "end of file" : "\\" + (char) e));
      }
    }
  }

  private char readHex4(int atLine, int atColumn) throws IOException {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(peek(), 16);
      if (peek() < 0 || d < 0) {
        throw error(atLine, atColumn, "expected four hexadecimal digits after \\u but found " + describeNext());
      }
      read();
      v = v * 16 + d;
    }
    return (char) v;
  }

  /** Reads characters up to the next delimiter into {@link #token}. */
  private void readToken() throws IOException {
    tokenLength = 0;
    int c;
    while ((c = peek()) >= 0 && !isDelimiter(c)) {
      appendToken((char) read());
    }
  }

  private void appendToken(char c) {
    if (tokenLength == token.length) {
      token = Arrays.copyOf(token, token.length * 2);
    }
    token[tokenLength++] = c;
  }

  private String tokenText() {
    return new String(token, 0, tokenLength);
  }

  private Keyword readKeyword(int startLine, int startColumn) throws IOException {
    readToken();
    if (tokenLength == 0) {
      throw error(startLine, startColumn, "expected a keyword name after ':' but found " + describeNext());
    }
    if (token[0] == ':') {
      throw error(startLine, startColumn, "expected a keyword such as :name but found :" + tokenText()
          + " (auto-resolved keywords are Clojure, not EDN)");
    }
    return keywords.intern(token, tokenLength);
  }

  private String readCharacter(int startLine, int startColumn) throws IOException {
    int first = read();
    if (first < 0) {
      throw error(startLine, startColumn, "expected a character after \\ but found end of file");
    }
    tokenLength = 0;
    appendToken((char) first);
    int c;
    while ((c = peek()) >= 0 && !isDelimiter(c)) {
      appendToken((char) read());
    }
    if (tokenLength == 1) {
      return String.valueOf((char) first);
    }
    String name = tokenText();
    switch (name) {
      case "newline":
        return "\n";
      case "return":
        return "\r";
      case "space":
        return " ";
      case "tab":
        return "\t";
      case "formfeed":
        return "\f";
      case "backspace":
        return "\b";
      default:
        if (name.length() == 5 && name.charAt(0) == 'u') {
          try {
            return String.valueOf((char) Integer.parseInt(name.substring(1), 16));
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        throw error(startLine, startColumn,
            "expected a character such as \\a, \\newline, \\space, \\tab or \\u0041 but found \\" + name);
    }
  }

  private Object readDispatch(int startLine, int startColumn) throws IOException {
    int c = peek();
    if (c == '{') {
      read();
      return readSet(startLine, startColumn);
    }
    if (c == '#') {
      read();
      readToken();
      String name = tokenText();
      return switch (name) {
        case "Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> throw error(startLine, startColumn, "expected ##Inf, ##-Inf or ##NaN but found ##" + name);
      };
    }
    readToken();
    String tag = tokenText();
    if (tag.equals("inst") || tag.equals("uuid")) {
      skipWhitespace();
      if (peek() != '"') {
        int l = line;
        int col = column;
        throw error(l, col, "expected a string after #" + tag + " but found " + describeNext());
      }
      return readValue();
    }
    throw error(startLine, startColumn, "expected #{ (a set), #inst, #uuid or #_ but found #" + tag
        + " (other tagged literals are not supported)");
  }

  private Object readAtom(int startLine, int startColumn) throws IOException {
    readToken();
    char first = token[0];
    boolean signed = first == '+' || first == '-';
    if (isDigit(first) || (signed && tokenLength > 1 && isDigit(token[1]))) {
      return readNumber(startLine, startColumn);
    }
    String word = tokenText();
    return switch (word) {
      case "nil" -> null;
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw error(startLine, startColumn, "expected a value (nil, true, false, a number, a string, "
          + "a keyword, [...], (...), {...} or #{...}) but found the symbol " + Values.format(word)
          + " (symbols are not supported: did you mean :" + word + "?)");
    };
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private Object readNumber(int startLine, int startColumn) throws IOException {
    char[] s = token;
    int n = tokenLength;
    int i = s[0] == '+' || s[0] == '-' ? 1 : 0;
    int digitsStart = i;
    while (i < n && isDigit(s[i])) {
      i++;
    }
    if (i == n || (i == n - 1 && s[i] == 'N')) {
      return parseLong(s, digitsStart, i, s[0] == '-', startLine, startColumn);
    }
    // A float: digits ['.' digits*] [('e'|'E') ['+'|'-'] digits+]
    boolean valid = true;
    if (i < n && s[i] == '.') {
      i++;
      while (i < n && isDigit(s[i])) {
        i++;
      }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < n && (s[i] == '+' || s[i] == '-')) {
        i++;
      }
      int expStart = i;
      while (i < n && isDigit(s[i])) {
        i++;
      }
      valid = i > expStart;
    }
    if (valid && i == n - 1 && s[i] == 'M') {
      throw error(startLine, startColumn, "expected a number that fits a double but found " + tokenText()
          + " (arbitrary-precision decimals are not supported)");
    }
    if (!valid || i != n) {
      throw error(startLine, startColumn, "expected a number such as 42, -7 or 1.5e3 but found "
          + Values.format(tokenText()));
    }
    return Double.parseDouble(tokenText());
  }

  private Long parseLong(char[] s, int from, int to, boolean negative, int startLine, int startColumn) {
    // Accumulate negatively so that Long.MIN_VALUE parses.
    long acc = 0;
    try {
      for (int i = from; i < to; i++) {
        acc = Math.subtractExact(Math.multiplyExact(acc, 10L), s[i] - '0');
      }
      return negative ? acc : Math.negateExact(acc);
    } catch (ArithmeticException e) {
      throw tooBig(startLine, startColumn);
    }
  }

  private HistoryFormatException tooBig(int startLine, int startColumn) {
    return error(startLine, startColumn, "expected an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE
        + " but found " + tokenText() + " (integers beyond 64 bits are not supported)");
  }
}
