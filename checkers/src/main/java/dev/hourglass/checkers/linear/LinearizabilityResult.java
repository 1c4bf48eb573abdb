package dev.hourglass.checkers.linear;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a linearizability check: the verdict, and the evidence — a counterexample when
 * {@code INVALID}, the reason when {@code UNKNOWN}.
 *
 * @param verdict valid, invalid or unknown
 * @param model the model's name
 * @param unknownReason which budget ran out, when unknown
 * @param counterexample the evidence, when invalid
 * @param partitions per-partition outcomes, in partition order
 * @param elapsedNanos wall time of the check
 */
public record LinearizabilityResult(
    Verdict verdict,
    String model,
    Optional<String> unknownReason,
    Optional<Counterexample> counterexample,
    List<PartitionResult> partitions,
    long elapsedNanos) {

  /**
   * One partition's outcome.
   *
   * @param partition the partition key as text ({@code all} for an unpartitioned model)
   * @param verdict its verdict ({@code UNKNOWN} if it was stopped, or never started because another
   *     partition was already invalid)
   * @param operations operations searched (failed and indeterminate read-only ones are dropped)
   * @param configurations memoised configurations explored
   */
  public record PartitionResult(String partition, Verdict verdict, int operations, long configurations) {}

  public LinearizabilityResult {
    partitions = List.copyOf(partitions);
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  /** The verdict line and, for INVALID, the counterexample. */
  public String describe() {
    StringBuilder sb = new StringBuilder(verdict.name());
    unknownReason.ifPresent(r -> sb.append(": ").append(r));
    counterexample.ifPresent(c -> sb.append('\n').append(c.describe()));
    return sb.toString();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", verdict.name());
    m.put("model", model);
    unknownReason.ifPresent(r -> m.put("reason", r));
    counterexample.ifPresent(c -> m.put("counterexample", c.toJson()));
    m.put("partitions", partitions.size());
    m.put("elapsedMillis", elapsedNanos / 1_000_000.0);
    return m;
  }
}
