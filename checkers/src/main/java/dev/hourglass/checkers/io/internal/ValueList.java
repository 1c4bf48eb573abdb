package dev.hourglass.checkers.io.internal;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list over an array that it owns, for EDN vectors and lists. Unlike {@code
 * List.of} it holds {@code null} (EDN {@code nil}, as in {@code [:r :x nil]}), and it costs one
 * object beyond its array, which matters in a million-operation history. Equality and hash code
 * are {@link java.util.List}'s, so it equals any list with the same elements.
 */
public final class ValueList extends AbstractList<Object> implements RandomAccess {
  private static final ValueList EMPTY = new ValueList(new Object[0]);

  private final Object[] items;

  private ValueList(Object[] items) {
    this.items = items;
  }

  /** Wraps {@code items}, which the caller must not modify afterwards. */
  public static ValueList wrap(Object[] items) {
    return items.length == 0 ? EMPTY : new ValueList(items);
  }

  /** A list of the given elements, which may be null. */
  public static ValueList of(Object... items) {
    return wrap(items.clone());
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
