package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;

/**
 * A sequential specification: what a single, correct copy of the object would do. The checker
 * asks whether the history's operations can be ordered, respecting real time, so that every
 * operation is legal in this model.
 *
 * <p>States must be immutable values with {@code equals}/{@code hashCode} (the search memoises
 * on them) and are never null: {@link #step} signals an illegal operation by returning null.
 *
 * @param <S> the state
 * @param <I> an operation's input as this model reads it, prepared once per operation
 */
public interface Model<S, I> {
  /** The name the CLI and reports use ({@code cas-register}). */
  String name();

  /**
   * The partition an operation belongs to, or null when the model is not partitioned. Partitions
   * are checked independently (P-compositionality: a history is linearizable iff each partition
   * is), e.g. a key-value store by key.
   */
  default Object partitionKey(Operation op) {
    return null;
  }

  /** The initial state of partition {@code partitionKey} (null for an unpartitioned model). */
  S initialState(Object partitionKey);

  /**
   * Reads an operation once, before the search, into the form {@link #step} uses.
   *
   * @throws IllegalArgumentException if the operation is not one this model knows (its function
   *     or value has the wrong shape); the message should say what was expected
   */
  I prepare(Operation op);

  /** The state after {@code input} is applied to {@code state}, or null if it cannot happen there. */
  S step(S state, I input);

  /**
   * True if the operation never changes the state. An indeterminate ({@code info}) read-only
   * operation constrains nothing and is dropped before the search.
   */
  default boolean isReadOnly(I input) {
    return false;
  }

  /** How a state is shown in evidence. */
  default String describe(S state) {
    return String.valueOf(state);
  }
}
