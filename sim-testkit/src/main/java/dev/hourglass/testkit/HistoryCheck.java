package dev.hourglass.testkit;

import dev.hourglass.checkers.History;

/** Checks a run's history: the scenario's correctness condition. */
@FunctionalInterface
public interface HistoryCheck {
  CheckOutcome check(History history);
}
