package dev.hourglass.checkers.linear.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The budgets shared by the searches of one check: a deadline, cache memory, and a stop flag. */
public final class Budget {
  private final long deadlineNanos;
  private final AtomicLong bytesLeft;
  private final AtomicReference<String> stopped = new AtomicReference<>();

  public Budget(long deadlineNanos, long bytesMax) {
    this.deadlineNanos = deadlineNanos;
    this.bytesLeft = new AtomicLong(bytesMax);
  }

  /** Takes {@code bytes} of cache memory; false (and the check stops) when it is used up. */
  public boolean reserve(long bytes) {
    if (bytesLeft.addAndGet(-bytes) >= 0) {
      return true;
    }
    stop("memory budget exhausted (raise --memory or CheckOptions.cacheBytesMax)");
    return false;
  }

  /** True when the search must stop; checks the clock. */
  public boolean expired() {
    if (stopped.get() != null) {
      return true;
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      stop("time limit reached (raise --time-limit or CheckOptions.timeLimit)");
      return true;
    }
    return false;
  }

  public void stop(String reason) {
    stopped.compareAndSet(null, reason);
  }

  /** Why the check stopped early, or null. */
  public String stopReason() {
    return stopped.get();
  }
}
