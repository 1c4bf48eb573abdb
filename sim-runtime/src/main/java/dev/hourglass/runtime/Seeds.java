package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;

/** Seeds are accepted in decimal or {@code 0x} hex and always printed in hex. */
public final class Seeds {
  private Seeds() {}

  /** {@code 0x} followed by 16 lower-case hex digits. */
  public static String format(long seed) {
    return "0x%016x".formatted(seed);
  }

  /** Parses decimal ({@code 42}, {@code -1}) or hex ({@code 0x2a}, up to 16 digits, unsigned). */
  public static long parse(String text) {
    checkArgument(text != null && !text.isBlank(), "seed must not be empty");
    String s = text.trim();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        String digits = s.substring(2).replace("_", "");
        checkArgument(
            !digits.isEmpty() && digits.length() <= 16,
            "a hex seed has 1 to 16 digits after 0x: seed=%s",
            text);
        return Long.parseUnsignedLong(digits, 16);
      }
      return Long.parseLong(s.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a seed: '" + text + "' (expected a decimal number or 0x followed by hex digits)", e);
    }
  }

  /** Virtual nanoseconds as seconds with nine decimals, e.g. {@code 12.000345000s}. */
  public static String formatNanos(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    long rest = Math.abs(nanos % 1_000_000_000L);
    return (nanos < 0 && seconds == 0 ? "-" : "") + seconds + "." + "%09d".formatted(rest) + "s";
  }
}
