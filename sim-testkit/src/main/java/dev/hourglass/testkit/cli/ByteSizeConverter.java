package dev.hourglass.testkit.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes on the command line: {@code 1048576}, {@code 512k}, {@code 256m}, {@code 2g}. */
final class ByteSizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      long unit = switch (v.charAt(v.length() - 1)) {
        case 'k' -> 1L << 10;
        case 'm' -> 1L << 20;
        case 'g' -> 1L << 30;
        default -> 1;
      };
      String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
      long n = Math.multiplyExact(Long.parseLong(digits), unit);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (RuntimeException e) {
      throw new TypeConversionException("not a size: '" + value + "' (expected e.g. 512m, 2g or a number of bytes)");
    }
  }
}
