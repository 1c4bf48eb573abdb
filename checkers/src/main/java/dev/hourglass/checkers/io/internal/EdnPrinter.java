package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.Keyword;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints history values as EDN that {@link EdnReader} reads back to an equal value: lists as
 * vectors, sets as {@code #{..}}, maps as {@code {k v, ..}}, floats so that they re-read as
 * floats ({@code 1.0}, {@code 1.0E-5}, {@code ##Inf}, {@code ##NaN}), strings with escapes so that
 * every entry stays on one line.
 */
public final class EdnPrinter {
  private static final String SYMBOL_PUNCTUATION = "*+!-_?$%&=<>/.:#'";

  private EdnPrinter() {}

  /**
   * True if {@code name} can be written as the keyword {@code :name} and read back: letters,
   * digits and {@code *+!-_?$%&=<>/.:#'}, not starting with a digit or a colon, and not {@code
   * +1}-like.
   */
  public static boolean isKeywordName(String name) {
    if (name.isEmpty() || name.charAt(0) == ':' || Character.isDigit(name.charAt(0))) {
      return false;
    }
    if (name.length() > 1 && "+-.".indexOf(name.charAt(0)) >= 0 && Character.isDigit(name.charAt(1))) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && SYMBOL_PUNCTUATION.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Appends the EDN text of {@code v}.
   *
   * @throws IllegalArgumentException for a value outside the data model, or a keyword whose name
   *     EDN cannot spell
   */
  public static void print(StringBuilder out, Object v) {
    if (v == null) {
      out.append("nil");
    } else if (v instanceof String s) {
      printString(out, s);
    } else if (v instanceof Keyword k) {
      if (!isKeywordName(k.name())) {
        throw new IllegalArgumentException("cannot write the keyword " + quote(k.name())
            + " in EDN: a keyword name is letters, digits and " + SYMBOL_PUNCTUATION);
      }
      out.append(':').append(k.name());
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d)) {
        out.append("##NaN");
      } else if (Double.isInfinite(d)) {
        out.append(d > 0 ? "##Inf" : "##-Inf");
      } else {
        out.append(d);
      }
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof List<?> l) {
      printAll(out, l, "[", "]");
    } else if (v instanceof Set<?> s) {
      printAll(out, s, "#{", "}");
    } else if (v instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        print(out, e.getKey());
        out.append(' ');
        print(out, e.getValue());
      }
      out.append('}');
    } else if (v instanceof Collection<?> c) {
      printAll(out, c, "[", "]");
    } else {
      throw new IllegalArgumentException("cannot write a value of type " + v.getClass().getName()
          + "; history values are nil, integers, floats, strings, keywords, booleans, lists, sets and maps");
    }
  }

  private static void printAll(StringBuilder out, Collection<?> items, String open, String close) {
    out.append(open);
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(' ');
      }
      first = false;
      print(out, item);
    }
    out.append(close);
  }

  static void printString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder();
    printString(sb, s);
    return sb.toString();
  }
}
