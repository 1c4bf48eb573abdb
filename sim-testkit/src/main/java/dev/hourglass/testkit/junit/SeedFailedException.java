package dev.hourglass.testkit.junit;

import java.io.Serial;

/**
 * What a {@link SimulationTest} invocation throws when its body threw something other than an
 * assertion error: the message is the original's plus the seed and the command that re-runs it;
 * the {@linkplain #getCause() cause} is the original, unchanged. (An assertion error is re-thrown
 * as an assertion error, so that reports still count it as a failure and not as an error.)
 */
public final class SeedFailedException extends RuntimeException {
  @Serial
  private static final long serialVersionUID = 1L;

  SeedFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
