package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.List;

/** Reading operation values the same way in every built-in model. */
final class ModelSupport {
  private ModelSupport() {}

  /** The state of a register that was never written. */
  static final Object NIL = new Object() {
    @Override
    public String toString() {
      return "nil";
    }
  };

  static Object orNil(Object v) {
    return v == null ? NIL : v;
  }

  static Object fromNil(Object v) {
    return v == NIL ? null : v;
  }

  /** A keyword's or string's name ({@code :read} and {@code "read"} both give {@code read}). */
  static String name(Object v) {
    if (v instanceof Keyword k) {
      return k.name();
    }
    if (v instanceof String s) {
      return s.startsWith(":") ? s.substring(1) : s;
    }
    throw new IllegalArgumentException("expected a keyword or string but found " + Values.format(v));
  }

  /** Integers compare as longs whatever their boxing; everything else by equals. */
  static Object normalise(Object v) {
    Long l = Values.asLong(v);
    return l != null ? l : v;
  }

  static List<?> pair(Operation op) {
    if (op.value() instanceof List<?> l && l.size() == 2) {
      return l;
    }
    throw new IllegalArgumentException("expected a two-element vector [a b] but found " + Values.format(op.value()));
  }

  static IllegalArgumentException unknownFunction(Operation op, String expected) {
    return new IllegalArgumentException("unknown function '" + op.function() + "' (expected " + expected + ")");
  }
}
