package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A fault and when it happens, in virtual nanoseconds from the start of the run.
 *
 * @param atNanos when, ≥ 0
 * @param fault what
 */
public record TimedFault(long atNanos, Fault fault) {
  public TimedFault {
    checkArgument(atNanos >= 0, "atNanos must be >= 0: atNanos=%s", atNanos);
    checkNotNull(fault, "fault");
  }
}
