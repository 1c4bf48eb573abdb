package dev.hourglass.checkers.invariants.internal;

import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reading the values of operations the same way in every invariant checker. Every method throws
 * {@link IllegalArgumentException} saying what was expected and what was found; the checker wraps
 * it with the operation (see {@link OperationErrors}).
 */
public final class Shapes {
  private Shapes() {}

  /** An element of a set, log or queue: integers compare as {@link Long} whatever their boxing, the rest by equals. */
  public static Object element(Object v) {
    Long l = Values.asLong(v);
    return l != null ? l : v;
  }

  /** An element that must be present: {@code add nil} is a mistake, not an element. */
  public static Object requiredElement(Object v, String what) {
    if (v == null) {
      throw new IllegalArgumentException("expected " + what + " but found nil");
    }
    return element(v);
  }

  /**
   * An identifier (an account, a stream key): an integer is a {@link Long}; a keyword and a string
   * with the same name are the same identifier (its name, a {@link String}), so {@code :a} in one
   * file and {@code "a"} in another agree.
   */
  public static Object id(Object v, String what) {
    Long l = Values.asLong(v);
    if (l != null) {
      return l;
    }
    if (v instanceof Keyword k) {
      return k.name();
    }
    if (v instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new IllegalArgumentException("expected " + what + " (an integer, keyword or string) but found " + Brief.value(v));
  }

  /** An identifier as text: {@code 3}, {@code a}. */
  public static String idText(Object id) {
    return String.valueOf(id);
  }

  /** An integer (a {@link Long} or {@link Integer}). */
  public static long integer(Object v, String what) {
    Long l = Values.asLong(v);
    if (l == null) {
      throw new IllegalArgumentException("expected " + what + " (an integer) but found " + Brief.value(v));
    }
    return l;
  }

  public static Map<?, ?> map(Object v, String shape) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("expected a map " + shape + " but found " + Brief.value(v));
  }

  public static List<?> list(Object v, String shape) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("expected a vector " + shape + " but found " + Brief.value(v));
  }

  /** A set or a vector. */
  public static Collection<?> collection(Object v, String shape) {
    if (v instanceof Collection<?> c) {
      return c;
    }
    throw new IllegalArgumentException("expected a set or vector " + shape + " but found " + Brief.value(v));
  }

  /** The value under {@code :name} or {@code "name"}; an error if neither is there. */
  public static Object field(Map<?, ?> m, String name, String shape) {
    Keyword k = new Keyword(name);
    if (m.containsKey(k)) {
      return m.get(k);
    }
    if (m.containsKey(name)) {
      return m.get(name);
    }
    throw new IllegalArgumentException("expected a map " + shape + " but found no :" + name + " in " + Brief.value(m));
  }

  public static IllegalArgumentException unknownFunction(Operation op, String expected) {
    return new IllegalArgumentException("unknown function '" + op.function() + "' (expected " + expected + ")");
  }
}
