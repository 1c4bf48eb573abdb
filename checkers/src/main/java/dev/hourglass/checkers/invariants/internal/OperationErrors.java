package dev.hourglass.checkers.invariants.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;

/**
 * Turns a shape error found in one operation ({@link IllegalArgumentException} from {@link
 * Shapes}) into the exception a user sees: a {@link HistoryFormatException} with the file and line
 * when the operations came from a {@link History}, an {@link IllegalArgumentException} otherwise.
 * Either way the message names the checker and the operation.
 */
@FunctionalInterface
public interface OperationErrors {
  RuntimeException wrap(Operation op, IllegalArgumentException cause);

  /** Errors that point into {@code history}'s source (the line of the entry that carried the bad value). */
  static OperationErrors forHistory(History history, String checker) {
    return (op, e) -> new HistoryFormatException(history.source(), line(history, op), 0, message(op, checker, e));
  }

  /** Errors for operations that came without a history (e.g. from a simulation's recorder). */
  static OperationErrors forOperations(String checker) {
    return (op, e) -> new IllegalArgumentException(message(op, checker, e), e);
  }

  private static String message(Operation op, String checker, IllegalArgumentException e) {
    return "operation " + Brief.op(op) + " does not fit the " + checker + " checker: " + e.getMessage();
  }

  private static int line(History history, Operation op) {
    // An ok operation's value came from its completion unless the completion carried none.
    long entry = op.completion() == OpType.OK && op.completeIndex() >= 0
        && history.value((int) op.completeIndex()) != null ? op.completeIndex() : op.invokeIndex();
    return entry >= 0 && entry < history.size() ? history.line((int) entry) : 0;
  }
}
