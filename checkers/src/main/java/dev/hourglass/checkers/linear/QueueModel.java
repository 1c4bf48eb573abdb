package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A FIFO queue: {@code enqueue x} appends; {@code dequeue} is legal iff it returned the head (a
 * dequeue of nil is legal iff the queue is empty). The state is an immutable list.
 */
final class QueueModel implements Model<List<Object>, QueueModel.Input> {
  record Input(boolean enqueue, Object element) {}

  private static final Object ANY = new Object();

  private final List<Object> initial;

  QueueModel(Collection<?> initial) {
    List<Object> l = new ArrayList<>();
    initial.forEach(x -> l.add(ModelSupport.normalise(x)));
    this.initial = List.copyOf(l);
  }

  @Override
  public String name() {
    return "queue";
  }

  @Override
  public List<Object> initialState(Object partitionKey) {
    return initial;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.function()) {
      case "enqueue" -> new Input(true, ModelSupport.normalise(op.value()));
      // An indeterminate dequeue took whatever was at the head (or nothing, which "never" covers).
      case "dequeue" -> new Input(false, op.isIndeterminate() ? ANY
          : op.value() == null ? ModelSupport.NIL : ModelSupport.normalise(op.value()));
      default -> throw ModelSupport.unknownFunction(op, "enqueue or dequeue");
    };
  }

  @Override
  public List<Object> step(List<Object> state, Input in) {
    if (in.enqueue()) {
      List<Object> next = new ArrayList<>(state.size() + 1);
      next.addAll(state);
      next.add(in.element());
      return List.copyOf(next);
    }
    if (state.isEmpty()) {
      return in.element() == ModelSupport.NIL ? state : null;
    }
    return in.element() == ANY || state.get(0).equals(in.element()) ? List.copyOf(state.subList(1, state.size())) : null;
  }

  @Override
  public String describe(List<Object> state) {
    return Values.format(state);
  }
}
