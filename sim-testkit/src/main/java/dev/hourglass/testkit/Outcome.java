package dev.hourglass.testkit;

/** What a run showed. */
public enum Outcome {
  /** The history passed its check and the system made progress after healing. */
  PASS,
  /** The history failed its check, or an {@code always} assertion failed. */
  SAFETY_VIOLATION,
  /** After every fault was healed, the system did not complete enough operations in time (or a kernel limit was hit). */
  LIVENESS_FAILURE,
  /** An exception escaped a node or the scenario. */
  CRASH,
  /** The same seed gave two different traces: the scenario is not deterministic. */
  NONDETERMINISM;

  public boolean failed() {
    return this != PASS;
  }
}
