package dev.hourglass.checkers;

/**
 * A client operation: an invocation paired with its completion (see {@link History#operations()}).
 *
 * @param id position among the history's operations, from 0, in invocation order
 * @param process the client process
 * @param function what was invoked, no colon
 * @param invokeValue the invocation's value (for a read usually {@code null})
 * @param value what the operation did: the completion's value for {@code OK} (a read's result),
 *     the invocation's value otherwise
 * @param completion {@code OK}, {@code FAIL} or {@code INFO}; an invocation never completed is
 *     {@code INFO}
 * @param invokeIndex the invocation's entry index
 * @param completeIndex the completion's entry index, or -1 if it never completed
 * @param error the completion's error, or null
 */
public record Operation(
    int id,
    int process,
    String function,
    Object invokeValue,
    Object value,
    OpType completion,
    long invokeIndex,
    long completeIndex,
    Object error) {

  /** True when the outcome is unknown: it may have happened at any time after invocation, or never. */
  public boolean isIndeterminate() {
    return completion == OpType.INFO;
  }

  /** {@code p3 write 4 ok [#12..#15]} */
  public String describe() {
    return "p" + process + " " + function + " " + Values.format(value) + " " + completion.wireName()
        + " [#" + invokeIndex + ".." + (completeIndex < 0 ? "never" : "#" + completeIndex) + "]";
  }

  @Override
  public String toString() {
    return describe();
  }
}
