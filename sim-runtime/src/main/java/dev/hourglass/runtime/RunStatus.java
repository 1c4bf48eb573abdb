package dev.hourglass.runtime;

/** Why a call to one of the {@code run*} methods of {@link Simulation} returned. */
public enum RunStatus {
  /** No event is pending: nothing can happen any more. */
  QUIESCENT,
  /** The condition given to {@code runUntil} became true. */
  CONDITION_MET,
  /** The requested virtual time was reached with events still pending. */
  DEADLINE_REACHED,
  /** The simulation's {@code eventsMax} was reached (a livelock, or a run longer than planned). */
  EVENTS_MAX_EXCEEDED,
  /** The simulation's {@code virtualTimeMaxNanos} was reached. */
  VIRTUAL_TIME_MAX_EXCEEDED,
  /** More than {@code queueCapacityMax} events were pending at once. */
  QUEUE_CAPACITY_EXCEEDED,
  /** An {@code always} assertion failed or an exception escaped an event: see the failure. */
  FAILED;

  /** True for the statuses that mean a limit stopped the run rather than the caller's request. */
  public boolean isLimit() {
    return this == EVENTS_MAX_EXCEEDED || this == VIRTUAL_TIME_MAX_EXCEEDED || this == QUEUE_CAPACITY_EXCEEDED;
  }
}
