package dev.hourglass.testkit.cli;

import dev.hourglass.testkit.Shard;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --shard i/n}, shards numbered from 0 ({@link Shard#parse}). */
final class ShardConverter implements ITypeConverter<Shard> {
  @Override
  public Shard convert(String value) {
    try {
      return Shard.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
