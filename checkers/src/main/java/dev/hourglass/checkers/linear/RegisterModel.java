package dev.hourglass.checkers.linear;

import static dev.hourglass.checkers.linear.ModelSupport.NIL;

import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import java.util.List;
import java.util.Objects;

/**
 * A single register: {@code read} (legal iff the value read is the current one), {@code write v}
 * and, for the cas-register, {@code cas [a b]} (legal iff the current value is a; then b).
 *
 * <p>Nil reads: in Porcupine's etcd logs a read of nil means "never written" and must match an
 * empty register; in Knossos's histories a nil read is a wildcard (its value was not recorded).
 * {@code nilReadMatchesAny} picks the reading.
 */
final class RegisterModel implements Model<Object, RegisterModel.Input> {
  enum Kind {
    READ,
    WRITE,
    CAS
  }

  record Input(Kind kind, Object a, Object b) {}

  private final String name;
  private final boolean cas;
  private final Object initial;
  private final boolean nilReadMatchesAny;

  RegisterModel(boolean cas, Object initial, boolean nilReadMatchesAny) {
    this.name = cas ? "cas-register" : "register";
    this.cas = cas;
    this.initial = ModelSupport.orNil(ModelSupport.normalise(initial));
    this.nilReadMatchesAny = nilReadMatchesAny;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Object initialState(Object partitionKey) {
    return initial;
  }

  @Override
  public Input prepare(Operation op) {
    return switch (op.function()) {
      case "read" -> new Input(Kind.READ, op.value() == null && nilReadMatchesAny ? null : ModelSupport.orNil(ModelSupport.normalise(op.value())), null);
      case "write" -> new Input(Kind.WRITE, ModelSupport.orNil(ModelSupport.normalise(op.value())), null);
      case "cas" -> {
        if (!cas) {
          throw ModelSupport.unknownFunction(op, "read or write");
        }
        List<?> p = ModelSupport.pair(op);
        yield new Input(Kind.CAS, ModelSupport.orNil(ModelSupport.normalise(p.get(0))), ModelSupport.orNil(ModelSupport.normalise(p.get(1))));
      }
      default -> throw ModelSupport.unknownFunction(op, cas ? "read, write or cas" : "read or write");
    };
  }

  @Override
  public Object step(Object state, Input in) {
    return switch (in.kind()) {
      case READ -> in.a() == null || in.a().equals(state) ? state : null;
      case WRITE -> in.a();
      case CAS -> Objects.equals(in.a(), state) ? in.b() : null;
    };
  }

  @Override
  public boolean isReadOnly(Input in) {
    return in.kind() == Kind.READ;
  }

  @Override
  public String describe(Object state) {
    return state == NIL ? "nil" : Values.format(state);
  }
}
