package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.linear.Verdict;
import java.util.Map;

/**
 * A checker's verdict on a run's history, with its evidence.
 *
 * @param checker which checker ({@code linearizable(kv)})
 * @param verdict valid, invalid or unknown
 * @param explanation the evidence as text (the counterexample), empty when valid
 * @param json the evidence as a JSON-ready map
 */
public record CheckOutcome(String checker, Verdict verdict, String explanation, Map<String, Object> json) {
  public CheckOutcome {
    checkNotNull(checker, "checker");
    checkNotNull(verdict, "verdict");
    checkNotNull(explanation, "explanation");
    json = Map.copyOf(json);
  }
}
