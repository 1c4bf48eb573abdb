package dev.hourglass.checkers.invariants;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.io.HistoryReader;

/**
 * A compact notation for histories in invariant-checker tests: items separated by {@code ;}, each
 * either one entry {@code <process> <type> <f> [value]} with type {@code i} (invoke), {@code ok},
 * {@code fail} or {@code info}, or an operation that completes at once, {@code <process> <type>!
 * <f> [value]} (an invoke and its completion, both carrying the value). Values are EDN: {@code 3},
 * {@code #{1 2}}, {@code [1 2]}, {@code {:a 50 :b 50}}, {@code {:key :a :seq 1}}, {@code nil}.
 * Item k (from 1) gets source line k, so format errors can be checked.
 *
 * <p>{@code "0 ok! add 1; 1 i read; 0 ok! add 2; 1 ok read #{1}"} is four operations' worth of
 * entries: add 1 (entries #0, #1), the read's invocation (#2), add 2 (#3, #4), the read's
 * completion (#5).
 */
final class H {
  private H() {}

  static History of(String text) {
    History.Builder b = History.builder("<test>");
    int line = 0;
    for (String raw : text.split(";")) {
      line++;
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      String[] t = item.split("\\s+", 4);
      if (t.length < 3) {
        throw new IllegalArgumentException("item " + line + " needs <process> <type> <f> [value]: " + item);
      }
      int process = Integer.parseInt(t[0]);
      boolean atOnce = t[1].endsWith("!");
      OpType type = switch (atOnce ? t[1].substring(0, t[1].length() - 1) : t[1]) {
        case "i" -> OpType.INVOKE;
        case "ok" -> OpType.OK;
        case "fail" -> OpType.FAIL;
        case "info" -> OpType.INFO;
        default -> throw new IllegalArgumentException("item " + line + ": type must be i, ok, fail or info: " + item);
      };
      Object value = t.length > 3 ? HistoryReader.parseEdnValue(t[3], "<test item " + line + ">") : null;
      if (atOnce) {
        b.add(process, OpType.INVOKE, t[2], value, History.NO_TIME, null, line);
      }
      b.add(process, type, t[2], value, History.NO_TIME, null, line);
    }
    return b.build();
  }

  /** {@code process} performs each of {@code items} at once, ok: {@code ok("add", 1, 2, 3)}. */
  static String ok(int process, String f, Object... values) {
    StringBuilder sb = new StringBuilder();
    for (Object v : values) {
      sb.append(process).append(" ok! ").append(f).append(' ').append(v).append("; ");
    }
    return sb.toString();
  }
}
