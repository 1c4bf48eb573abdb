package dev.hourglass.testkit;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.linear.CheckOptions;
import dev.hourglass.checkers.linear.LinearizabilityChecker;
import dev.hourglass.checkers.linear.LinearizabilityResult;
import dev.hourglass.checkers.linear.Model;
import java.time.Duration;

/** Built-in history checks. */
public final class Checks {
  private Checks() {}

  /** Linearizability against {@code model}, with a budget of {@code timeLimit} (UNKNOWN past it). */
  public static HistoryCheck linearizable(Model<?, ?> model, Duration timeLimit) {
    return history -> {
      LinearizabilityResult r = check(history, model, CheckOptions.defaults().withTimeLimit(timeLimit).withParallelism(1));
      return new CheckOutcome("linearizable(" + model.name() + ")", r.verdict(), r.describe(), r.toJson());
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LinearizabilityResult check(History h, Model<?, ?> m, CheckOptions o) {
    return LinearizabilityChecker.check(h, (Model) m, o);
  }
}
