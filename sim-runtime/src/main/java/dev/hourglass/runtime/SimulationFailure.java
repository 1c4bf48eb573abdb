package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * What stopped a simulation: a failed {@code always} assertion or an exception that escaped an
 * event. Carries what is needed to reproduce it: the seed, the virtual time and the node.
 *
 * @param kind what went wrong
 * @param message the assertion's message, or the exception's description
 * @param seed the run's seed
 * @param timeNanos virtual time at which it happened
 * @param node the node whose event was running, or empty for the test driver ("world")
 * @param cause the exception, for {@link Kind#UNCAUGHT_EXCEPTION}
 */
public record SimulationFailure(
    Kind kind, String message, long seed, long timeNanos, Optional<String> node, Optional<Throwable> cause) {

  /** The kinds of failure. */
  public enum Kind {
    ASSERTION,
    UNCAUGHT_EXCEPTION
  }

  public SimulationFailure {
    checkNotNull(kind, "kind");
    checkNotNull(message, "message");
    checkNotNull(node, "node");
    checkNotNull(cause, "cause");
  }

  /** One line: kind, message, seed in hex, virtual time and node. */
  public String describe() {
    return "%s: %s (seed=%s t=%s node=%s)"
        .formatted(
            kind == Kind.ASSERTION ? "always violated" : "uncaught exception",
            message,
            Seeds.format(seed),
            Seeds.formatNanos(timeNanos),
            node.orElse("world"));
  }

  @Override
  public String toString() {
    return describe();
  }
}
