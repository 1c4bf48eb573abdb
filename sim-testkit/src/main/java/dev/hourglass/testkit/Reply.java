package dev.hourglass.testkit;

import java.util.Optional;

/** What a server's response means for the client's operation ({@link ClientProtocol#interpret}). */
public sealed interface Reply {
  /** The operation happened; {@code value} is what it returned (a read's result). */
  record Ok(Object value) implements Reply {}

  /** The operation certainly did not happen (e.g. a cas whose compare failed). */
  record Fail(String reason) implements Reply {}

  /**
   * This node cannot serve it (not the leader); try {@code node} if given, else another node.
   * The operation did not happen, so retrying keeps it one operation.
   */
  record Redirect(Optional<String> node) implements Reply {}

  static Reply ok(Object value) {
    return new Ok(value);
  }

  static Reply fail(String reason) {
    return new Fail(reason);
  }

  static Reply redirect(String node) {
    return new Redirect(Optional.ofNullable(node));
  }
}
