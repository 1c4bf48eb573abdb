package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact notation for histories in tests: entries separated by {@code ;}, each {@code
 * <process> <type> <f> [value]} with type {@code i|ok|fail|info} (i = invoke). Values: {@code
 * 3}, {@code nil}, {@code 1/2} for the pair [1 2], {@code "s"} for a string, {@code k:"s"} for
 * the kv tuple [k "s"], {@code k:nil}. Example: {@code "0 i w 1; 1 i r; 0 ok w 1; 1 ok r 1"}.
 */
final class Hist {
  private Hist() {}

  static History of(String text) {
    History.Builder b = History.builder("<test>");
    int line = 0;
    for (String raw : text.split(";")) {
      line++;
      String e = raw.strip();
      if (e.isEmpty()) {
        continue;
      }
      String[] t = e.split("\\s+", 4);
      int process = Integer.parseInt(t[0]);
      OpType type = switch (t[1]) {
        case "i" -> OpType.INVOKE;
        case "ok" -> OpType.OK;
        case "fail" -> OpType.FAIL;
        case "info" -> OpType.INFO;
        default -> throw new IllegalArgumentException("type? " + t[1]);
      };
      String f = switch (t[2]) {
        case "r" -> "read";
        case "w" -> "write";
        default -> t[2];
      };
      Object value = t.length > 3 ? value(t[3].strip()) : null;
      b.add(process, type, f, value, History.NO_TIME, null, line);
    }
    return b.build();
  }

  private static Object value(String v) {
    if (v.equals("nil")) {
      return null;
    }
    if (v.startsWith("\"")) {
      return v.substring(1, v.length() - 1);
    }
    int colon = v.indexOf(':');
    if (colon > 0) {
      return Arrays.asList(v.substring(0, colon), value(v.substring(colon + 1)));
    }
    int slash = v.indexOf('/');
    if (slash > 0) {
      return List.of(Long.parseLong(v.substring(0, slash)), Long.parseLong(v.substring(slash + 1)));
    }
    if (v.startsWith("[")) {
      List<Object> out = new ArrayList<>();
      for (String x : v.substring(1, v.length() - 1).trim().split("\\s+")) {
        if (!x.isEmpty()) {
          out.add(Long.parseLong(x));
        }
      }
      return out;
    }
    return Long.parseLong(v);
  }
}
