package dev.hourglass.testkit;

/**
 * Hears every candidate run of a shrink as it finishes: for progress output, and for tests that
 * pin what the search tried.
 */
@FunctionalInterface
public interface ShrinkListener {
  void attempted(Step step);

  /** Hears nothing. */
  static ShrinkListener none() {
    return step -> { };
  }

  /**
   * One candidate run.
   *
   * @param run the candidate's number, from 1
   * @param change what the candidate changed relative to the smallest failing run so far
   *     ({@code drop 3 of 12 faults}, {@code operations 200 -> 100})
   * @param stillFails whether it failed the same way as the original, and so was kept
   * @param outcome what the candidate run showed
   * @param smallest the smallest failing run after this step
   */
  record Step(int run, String change, boolean stillFails, Outcome outcome, RunSize smallest) {
    /** {@code run 17: operations 200 -> 100: still fails (…)} or {@code … : passes, kept …}. */
    public String describe() {
      return "run " + run + ": " + change + ": "
          + (stillFails ? "still fails" : (outcome.failed() ? "fails differently (" + outcome + ")" : "passes"))
          + "; smallest: " + smallest.describe();
    }
  }
}
