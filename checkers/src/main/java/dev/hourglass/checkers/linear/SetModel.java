package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * A set: {@code add x} inserts x; {@code read} is legal iff it returned exactly the current
 * elements (a collection; order and duplicates ignored). Initially empty unless given.
 */
final class SetModel implements Model<Set<Object>, SetModel.Input> {
  record Input(boolean add, Object element, Set<Object> read) {}

  private final Set<Object> initial;

  SetModel(Collection<?> initial) {
    Set<Object> s = new HashSet<>();
    initial.forEach(x -> s.add(ModelSupport.normalise(x)));
    this.initial = Set.copyOf(s);
  }

  @Override
  public String name() {
    return "set";
  }

  @Override
  public Set<Object> initialState(Object partitionKey) {
    return initial;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.function()) {
      case "add" -> new Input(true, ModelSupport.normalise(op.value()), null);
      case "read" -> {
        if (op.value() == null) {
          yield new Input(false, null, null); // unknown read
        }
        if (!(op.value() instanceof Collection<?> c)) {
          throw new IllegalArgumentException("expected a set or vector of elements but found " + Values.format(op.value()));
        }
        Set<Object> s = new HashSet<>();
        c.forEach(x -> s.add(ModelSupport.normalise(x)));
        yield new Input(false, null, s);
      }
      default -> throw ModelSupport.unknownFunction(op, "add or read");
    };
  }

  @Override
  public Set<Object> step(Set<Object> state, Input in) {
    if (in.add()) {
      if (state.contains(in.element())) {
        return state;
      }
      Set<Object> next = new HashSet<>(state);
      next.add(in.element());
      return Set.copyOf(next);
    }
    return in.read() == null || in.read().equals(state) ? state : null;
  }

  @Override
  public boolean isReadOnly(Input in) {
    return !in.add();
  }

  @Override
  public String describe(Set<Object> state) {
    return Values.format(new java.util.TreeSet<>(state.stream().map(Values::format).toList()));
  }
}
