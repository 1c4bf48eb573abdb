package dev.hourglass.checkers;

/**
 * The type of a history entry. An operation is an {@code INVOKE} followed by at most one
 * completion: {@code OK} (it happened, between the two), {@code FAIL} (it certainly did not
 * happen) or {@code INFO} (unknown: it may have taken effect at any time after its invocation, or
 * never). An invocation with no completion is treated as {@code INFO}.
 */
public enum OpType {
  INVOKE,
  OK,
  FAIL,
  INFO;

  /** The EDN/JSON spelling: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code invoke}, {@code ok}, {@code fail}, {@code info} (with or without a leading colon). */
  public static OpType parse(String text) {
    String s = text.startsWith(":") ? text.substring(1) : text;
    return switch (s) {
      case "invoke" -> INVOKE;
      case "ok" -> OK;
      case "fail" -> FAIL;
      case "info" -> INFO;
      default -> throw new IllegalArgumentException(
          "not an operation type: '" + text + "' (expected invoke, ok, fail or info)");
    };
  }
}
