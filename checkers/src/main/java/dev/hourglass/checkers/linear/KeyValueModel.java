package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.List;
import java.util.Map;

/**
 * A map from keys to strings, partitioned by key: each key is an independent register of a
 * string (a missing key reads as {@code ""}). Values are Jepsen's independent tuples {@code [k
 * v]}. {@code get} is legal iff it read the current string, {@code put} replaces it, {@code
 * append} concatenates. {@code read}/{@code write} are accepted as synonyms of get/put.
 */
final class KeyValueModel implements Model<String, KeyValueModel.Input> {
  enum Kind {
    GET,
    PUT,
    APPEND
  }

  record Input(Kind kind, String value) {}

  private final Map<?, ?> initial;

  KeyValueModel(Map<?, ?> initial) {
    this.initial = Map.copyOf(initial);
  }

  @Override
  public String name() {
    return "kv";
  }

  @Override
  public Object partitionKey(Operation op) {
    return ModelSupport.normalise(ModelSupport.pair(op).get(0));
  }

  @Override
  public String initialState(Object key) {
    Object v = initial.get(key);
    return v == null ? "" : v.toString();
  }

  @Override
  public Input prepare(Operation op) {
    List<?> kv = ModelSupport.pair(op);
    Object v = kv.get(1);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("expected a string value but found " + Values.format(v));
    }
    return switch (op.function()) {
      case "get", "read" -> new Input(Kind.GET, v == null ? "" : (String) v);
      case "put", "write" -> new Input(Kind.PUT, v == null ? "" : (String) v);
      case "append" -> new Input(Kind.APPEND, v == null ? "" : (String) v);
      default -> throw ModelSupport.unknownFunction(op, "get, put or append");
    };
  }

  @Override
  public String step(String state, Input in) {
    return switch (in.kind()) {
      case GET -> state.equals(in.value()) ? state : null;
      case PUT -> in.value();
      case APPEND -> state.concat(in.value());
    };
  }

  @Override
  public boolean isReadOnly(Input in) {
    return in.kind() == Kind.GET;
  }

  @Override
  public String describe(String state) {
    return Values.format(state);
  }
}
