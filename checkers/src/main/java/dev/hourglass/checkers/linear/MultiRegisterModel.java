package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Several registers updated by atomic transactions: {@code :f :txn} with a vector of micro-ops
 * {@code [:read k v]} / {@code [:write k v]} applied in order. A read of nil matches any value
 * (Knossos's histories leave unknown reads nil). The state is a sorted map, compared by value.
 */
final class MultiRegisterModel implements Model<Map<Object, Object>, MultiRegisterModel.MicroOp[]> {
  record MicroOp(boolean write, Object key, Object value) {}

  private final Map<Object, Object> initial;

  MultiRegisterModel(Map<?, ?> initial) {
    TreeMap<Object, Object> m = new TreeMap<>(MultiRegisterModel::compareKeys);
    initial.forEach((k, v) -> m.put(k, ModelSupport.orNil(ModelSupport.normalise(v))));
    this.initial = m;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Object a, Object b) {
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  @Override
  public String name() {
    return "multi-register";
  }

  @Override
  public Map<Object, Object> initialState(Object partitionKey) {
    return initial;
  }

  @Override
  public MicroOp[] prepare(Operation op) {
    if (!op.function().equals("txn")) {
      throw ModelSupport.unknownFunction(op, "txn");
    }
    if (!(op.value() instanceof List<?> list)) {
      throw new IllegalArgumentException("expected a vector of [:read k v] / [:write k v] but found " + Values.format(op.value()));
    }
    List<MicroOp> out = new ArrayList<>();
    for (Object m : list) {
      if (!(m instanceof List<?> mop) || mop.size() != 3) {
        throw new IllegalArgumentException("expected a micro-op [:read k v] or [:write k v] but found " + Values.format(m));
      }
      String f = ModelSupport.name(mop.get(0));
      boolean write = switch (f) {
        case "read", "r" -> false;
        case "write", "w" -> true;
        default -> throw new IllegalArgumentException("expected :read or :write in a micro-op but found " + Values.format(mop.get(0)));
      };
      Object v = mop.get(2);
      out.add(new MicroOp(write, mop.get(1), write ? ModelSupport.orNil(ModelSupport.normalise(v)) : v == null ? null : ModelSupport.normalise(v)));
    }
    return out.toArray(new MicroOp[0]);
  }

  @Override
  public Map<Object, Object> step(Map<Object, Object> state, MicroOp[] txn) {
    TreeMap<Object, Object> next = null;
    for (MicroOp m : txn) {
      Map<Object, Object> current = next != null ? next : state;
      if (m.write()) {
        if (next == null) {
          next = new TreeMap<>(state);
        }
        next.put(m.key(), m.value());
      } else if (m.value() != null && !m.value().equals(current.getOrDefault(m.key(), ModelSupport.NIL))) {
        return null;
      }
    }
    return next != null ? next : state;
  }

  @Override
  public boolean isReadOnly(MicroOp[] txn) {
    for (MicroOp m : txn) {
      if (m.write()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String describe(Map<Object, Object> state) {
    StringBuilder sb = new StringBuilder("{");
    state.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(Values.format(k)).append(' ').append(Values.format(ModelSupport.fromNil(v))));
    return sb.append('}').toString();
  }
}
