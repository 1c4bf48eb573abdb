package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.Seeds;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a campaign keeps of one seed: small, so that a campaign of millions of seeds keeps only
 * counts and a bounded list of these. The seed itself is the full record — rerun it with {@link
 * #reproduce()} to get the trace, history and evidence again.
 *
 * @param index the seed index in the campaign's {@link SeedSet}
 * @param seed the seed
 * @param outcome pass or which failure
 * @param reason one line on why (empty for a pass)
 * @param failureClass what kind of failure it was ({@link RunResult#failureClass()}: {@code
 *     SAFETY_VIOLATION linearizable(kv)}); empty for a pass. Kept so a failing seed can be recorded
 *     in the seed corpus ({@link SeedRecord}) without running it again
 * @param traceHash the run's trace hash (of the first run when the seed was self-checked)
 * @param wallNanos real time this seed took on its worker, re-run included
 * @param determinismChecked whether the seed was run twice and the traces compared
 * @param reproduce the one-line command that reruns exactly this seed
 * @param artifacts the seed's artifact folder, if one was written
 */
public record SeedReport(
    long index,
    long seed,
    Outcome outcome,
    String reason,
    String failureClass,
    long traceHash,
    long wallNanos,
    boolean determinismChecked,
    String reproduce,
    Optional<Path> artifacts) {

  public SeedReport {
    checkArgument(index >= 0, "index must be >= 0: index=%s", index);
    checkNotNull(outcome, "outcome");
    checkNotNull(reason, "reason");
    checkNotNull(failureClass, "failureClass");
    checkArgument(outcome.failed() != failureClass.isEmpty(),
        "failureClass must be empty exactly for a pass: outcome=%s failureClass=%s", outcome, failureClass);
    checkArgument(wallNanos >= 0, "wallNanos must be >= 0: wallNanos=%s", wallNanos);
    checkNotNull(reproduce, "reproduce");
    checkNotNull(artifacts, "artifacts");
  }

  public boolean failed() {
    return outcome.failed();
  }

  /** {@code 0123456789abcdef}: 16 lower-case hex digits, as the CLI prints it. */
  public String traceHashHex() {
    return "%016x".formatted(traceHash);
  }

  /** {@code seed=0x… outcome=SAFETY_VIOLATION trace-hash=… reason=…} */
  public String describe() {
    return "seed=" + Seeds.format(seed) + " outcome=" + outcome + " trace-hash=" + traceHashHex()
        + (reason.isEmpty() ? "" : " reason=" + reason);
  }
}
