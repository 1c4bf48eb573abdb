package dev.hourglass.runtime;

/**
 * Coverage of one {@code sometimes}/{@code reachable} assertion in a run; the seed runner adds
 * these up across a campaign and reports the ones never satisfied.
 *
 * @param message the assertion's message, its identity
 * @param kind which assertion recorded it
 * @param evaluations how often it was evaluated
 * @param satisfied how often its condition was true (for {@code reachable}: how often reached)
 */
public record CoverageEntry(String message, Kind kind, long evaluations, long satisfied) {
  public enum Kind {
    SOMETIMES,
    REACHABLE
  }
}
