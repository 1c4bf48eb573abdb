package dev.hourglass.checkers.txn;

/**
 * Elle's {@code :valid?}: {@code VALID} (no anomaly that the requested models forbid),
 * {@code INVALID} (at least one), or {@code UNKNOWN} (none found, but the check could not
 * conclude: no dependency could be inferred, or the cycle search ran out of budget).
 */
public enum Validity {
  VALID,
  INVALID,
  UNKNOWN;

  /** {@code valid}, {@code invalid} or {@code unknown}: the CLI's first line. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
