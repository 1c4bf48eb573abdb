package dev.hourglass.runtime.internal;

/** Thrown when adding an event would exceed the queue's capacity; the run reports it as a limit. */
public final class QueueFullException extends RuntimeException {
  private final int capacityMax;

  public QueueFullException(int capacityMax) {
    super("event queue is full: queueCapacityMax=" + capacityMax
        + " (a runaway scheduling loop, or raise SimulationOptions.queueCapacityMax)");
    this.capacityMax = capacityMax;
  }

  public int capacityMax() {
    return capacityMax;
  }
}
