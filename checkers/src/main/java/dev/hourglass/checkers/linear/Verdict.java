package dev.hourglass.checkers.linear;

/** The answer of a check. */
public enum Verdict {
  /** There is a legal linearization. */
  VALID,
  /** There is none: see the counterexample. */
  INVALID,
  /** A budget (time or memory) ran out before the search could tell. */
  UNKNOWN
}
