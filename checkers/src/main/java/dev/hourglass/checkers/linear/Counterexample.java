package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a history is not linearizable, as far as the search got: in partition {@code partition},
 * the longest prefix of operations it could linearize, the operation(s) that could not be placed
 * after it (their completion came before any legal place), and the model states the search was
 * in at that point.
 */
public record Counterexample(
    String partition, List<Operation> longestPrefix, List<Operation> unplaceable, List<String> candidateStates) {

  public Counterexample {
    longestPrefix = List.copyOf(longestPrefix);
    unplaceable = List.copyOf(unplaceable);
    candidateStates = List.copyOf(candidateStates);
  }

  /** Several lines of text for a person. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("partition: ").append(partition).append('\n');
    sb.append("cannot linearize:");
    for (Operation op : unplaceable) {
      sb.append("\n  ").append(op.describe());
    }
    sb.append("\nin any of the states: ").append(String.join(", ", candidateStates));
    sb.append("\nafter the longest linearizable prefix (").append(longestPrefix.size()).append(" operations):");
    int from = Math.max(0, longestPrefix.size() - 10);
    if (from > 0) {
      sb.append("\n  ... ").append(from).append(" earlier operations");
    }
    for (Operation op : longestPrefix.subList(from, longestPrefix.size())) {
      sb.append("\n  ").append(op.describe());
    }
    return sb.toString();
  }

  /** A JSON-ready map (lists, strings and numbers only). */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("partition", partition);
    m.put("unplaceable", unplaceable.stream().map(Counterexample::opJson).toList());
    m.put("candidateStates", candidateStates);
    m.put("longestPrefix", longestPrefix.stream().map(Counterexample::opJson).toList());
    return m;
  }

  static Map<String, Object> opJson(Operation op) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", op.process());
    m.put("f", op.function());
    m.put("value", dev.hourglass.checkers.Values.format(op.value()));
    m.put("type", op.completion().wireName());
    m.put("invokeIndex", op.invokeIndex());
    m.put("completeIndex", op.completeIndex());
    return m;
  }
}
