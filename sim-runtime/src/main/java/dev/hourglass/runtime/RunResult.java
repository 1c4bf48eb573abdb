package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * The outcome of one call to a {@code run*} method.
 *
 * @param status why the run returned
 * @param eventsRun events dispatched during this call
 * @param nowNanos virtual time when it returned
 * @param pendingEvents events still pending
 * @param failure present exactly when {@code status} is {@link RunStatus#FAILED}
 */
public record RunResult(
    RunStatus status, long eventsRun, long nowNanos, int pendingEvents, Optional<SimulationFailure> failure) {

  public RunResult {
    checkNotNull(status, "status");
    checkNotNull(failure, "failure");
    checkArgument(
        failure.isPresent() == (status == RunStatus.FAILED),
        "failure must be present exactly when status=FAILED: status=%s failure=%s",
        status,
        failure);
  }

  public boolean failed() {
    return status == RunStatus.FAILED;
  }
}
