package dev.hourglass.checkers.invariants.internal;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Abbreviated printing for evidence: a read of the whole of a 10,000-element set is evidence, but
 * printing it once per lost element would bury the explanation, so long collections are cut after
 * about {@link #VALUE_CHARS_MAX} characters with a count of what was left out.
 */
public final class Brief {
  /** Roughly how long a printed value may get before it is cut. */
  public static final int VALUE_CHARS_MAX = 80;

  private Brief() {}

  /** {@code p3 read #{1 2 3 …+97} ok [#12..#15]} */
  public static String op(Operation op) {
    return "p" + op.process() + " " + op.function() + " " + value(op.value()) + " " + op.completion().wireName()
        + " [#" + op.invokeIndex() + ".." + (op.completeIndex() < 0 ? "never" : "#" + op.completeIndex()) + "]";
  }

  /** EDN text of {@code v}, cut after about {@link #VALUE_CHARS_MAX} characters. */
  public static String value(Object v) {
    if (v instanceof Map<?, ?> m) {
      return cut(m.entrySet(), m.size(), "{", "}", ", ",
          e -> Values.format(((Map.Entry<?, ?>) e).getKey()) + " " + Values.format(((Map.Entry<?, ?>) e).getValue()));
    }
    if (v instanceof List<?> l) {
      return cut(l, l.size(), "[", "]", " ", Values::format);
    }
    if (v instanceof Set<?> s) {
      return cut(s, s.size(), "#{", "}", " ", Values::format);
    }
    String s = Values.format(v);
    return s.length() <= 2 * VALUE_CHARS_MAX ? s : s.substring(0, 2 * VALUE_CHARS_MAX) + "…";
  }

  private static String cut(Collection<?> items, int size, String open, String close, String separator,
      java.util.function.Function<Object, String> format) {
    StringBuilder sb = new StringBuilder(open);
    Iterator<?> it = items.iterator();
    int written = 0;
    while (it.hasNext()) {
      if (written > 0) {
        sb.append(separator);
      }
      if (sb.length() > VALUE_CHARS_MAX) {
        sb.append("…+").append(size - written);
        break;
      }
      String item = format.apply(it.next());
      sb.append(item.length() <= VALUE_CHARS_MAX ? item : item.substring(0, VALUE_CHARS_MAX) + "…");
      written++;
    }
    return sb.append(close).toString();
  }

  /** An operation as a JSON-ready map, its value abbreviated as in {@link #value}. */
  public static Map<String, Object> opJson(Operation op) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", op.process());
    m.put("f", op.function());
    m.put("value", value(op.value()));
    m.put("type", op.completion().wireName());
    m.put("invokeIndex", op.invokeIndex());
    m.put("completeIndex", op.completeIndex());
    return m;
  }
}
