package dev.hourglass.runtime;

/**
 * A {@link SimFuture} did not complete within its virtual-time timeout. Distinct from every
 * definite failure on purpose: the operation behind it may or may not have happened, so a client
 * records it as {@code info}, never as {@code fail}.
 */
public final class SimTimeoutException extends RuntimeException {
  private final long timeoutNanos;

  public SimTimeoutException(String what, long timeoutNanos) {
    super(what + " timed out after " + Seeds.formatNanos(timeoutNanos) + " of virtual time", null, false, false);
    this.timeoutNanos = timeoutNanos;
  }

  public long timeoutNanos() {
    return timeoutNanos;
  }
}
