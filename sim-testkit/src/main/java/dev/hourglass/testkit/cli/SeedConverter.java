package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.Seeds;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Seeds on the command line: decimal or {@code 0x} hex (DESIGN.md, "Command line"). */
final class SeedConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return Seeds.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
