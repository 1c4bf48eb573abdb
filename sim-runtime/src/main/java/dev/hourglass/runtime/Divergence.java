package dev.hourglass.runtime;

import java.util.Optional;

/**
 * Where two runs of the same seed first differ.
 *
 * @param index the first event that differs
 * @param first the event at that index in the first run (empty if that run had ended)
 * @param second the event at that index in the second run (empty if that run had ended)
 * @param beyondRetained true when the retained records agree and the runs differ later, past
 *     {@code traceRecordsMax}: then {@code index} is where retention stopped, not the exact event
 */
public record Divergence(
    long index, Optional<TraceRecord> first, Optional<TraceRecord> second, boolean beyondRetained) {

  public String describe() {
    if (beyondRetained) {
      return "runs diverge after event #" + index
          + ", past the retained trace: raise SimulationOptions.traceRecordsMax to see where";
    }
    return "first divergent event #" + index + ":\n  run 1: "
        + first.map(TraceRecord::describe).orElse("(run ended)") + "\n  run 2: "
        + second.map(TraceRecord::describe).orElse("(run ended)");
  }
}
