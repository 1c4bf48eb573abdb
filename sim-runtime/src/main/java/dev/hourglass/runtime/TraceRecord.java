package dev.hourglass.runtime;

/**
 * One event of a trace, as retained for printing and for the determinism self-check.
 *
 * @param index position in the trace, from 0
 * @param timeNanos virtual time
 * @param node the node's name, or {@code world} for the test driver
 * @param label what happened ({@code timer}, {@code start}, {@code net.deliver}, ...)
 * @param detail a number the source chose to identify the event (a message hash, a timer id)
 */
public record TraceRecord(long index, long timeNanos, String node, String label, long detail) {

  /** {@code #12 t=0.001000000s n1 timer detail=7} */
  public String describe() {
    return "#%d t=%s %s %s detail=%d".formatted(index, Seeds.formatNanos(timeNanos), node, label, detail);
  }

  @Override
  public String toString() {
    return describe();
  }
}
