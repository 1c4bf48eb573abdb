package dev.hourglass.checkers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Printing and comparing the EDN-like values of histories. */
public final class Values {
  private Values() {}

  /** EDN text of a value: {@code nil}, {@code 3}, {@code "s"}, {@code :k}, {@code [1 2]}, {@code #{..}}, {@code {..}}. */
  public static String format(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof String s) {
      return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Values::format).collect(Collectors.joining(" ", "[", "]"));
    }
    if (v instanceof Set<?> s) {
      return s.stream().map(Values::format).collect(Collectors.joining(" ", "#{", "}"));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .map(e -> format(e.getKey()) + " " + format(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (v instanceof Collection<?> c) {
      return c.stream().map(Values::format).collect(Collectors.joining(" ", "(", ")"));
    }
    return v.toString();
  }

  /** The value as a long, if it is an integral number. */
  public static Long asLong(Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i.longValue();
    }
    return null;
  }
}
