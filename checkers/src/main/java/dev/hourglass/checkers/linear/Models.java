package dev.hourglass.checkers.linear;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.Values;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The built-in models, by the names the CLI uses. Each takes an initial state (null for the
 * default); {@code nilReadMatchesAny} chooses Knossos's reading of a nil read (a wildcard) over
 * Porcupine's (the register was never written) for the register models.
 */
public final class Models {
  private Models() {}

  /** The names {@link #byName} accepts, in the order the CLI lists them. */
  public static final List<String> NAMES = List.of("register", "cas-register", "multi-register", "mutex", "kv", "set", "queue");

  /** A read/write register; {@code initial} null means never written. */
  public static Model<?, ?> register(Object initial, boolean nilReadMatchesAny) {
    return new RegisterModel(false, initial, nilReadMatchesAny);
  }

  /** A read/write/cas register; {@code initial} null means never written. */
  public static Model<?, ?> casRegister(Object initial, boolean nilReadMatchesAny) {
    return new RegisterModel(true, initial, nilReadMatchesAny);
  }

  /** Registers by key, updated by transactions of read/write micro-ops. */
  public static Model<?, ?> multiRegister(Map<?, ?> initial) {
    return new MultiRegisterModel(checkNotNull(initial, "initial"));
  }

  public static Model<?, ?> mutex() {
    return new MutexModel(false);
  }

  /** A key-value store of strings, partitioned by key; {@code initial} maps keys to strings. */
  public static Model<?, ?> keyValue(Map<?, ?> initial) {
    return new KeyValueModel(checkNotNull(initial, "initial"));
  }

  public static Model<?, ?> set(Collection<?> initial) {
    return new SetModel(checkNotNull(initial, "initial"));
  }

  public static Model<?, ?> queue(Collection<?> initial) {
    return new QueueModel(checkNotNull(initial, "initial"));
  }

  /**
   * The model called {@code name}, with {@code initial} (an EDN-like value, or null for the
   * model's default: nil registers, an empty map/set/queue, a free mutex).
   *
   * @throws IllegalArgumentException for an unknown name or an initial state of the wrong shape
   */
  public static Model<?, ?> byName(String name, Object initial, boolean nilReadMatchesAny) {
    return switch (name) {
      case "register" -> register(initial, nilReadMatchesAny);
      case "cas-register" -> casRegister(initial, nilReadMatchesAny);
      case "multi-register" -> multiRegister(initial == null ? Map.of() : asMap(name, initial));
      case "mutex" -> {
        if (initial != null && !(initial instanceof Boolean)) {
          throw new IllegalArgumentException("the mutex's initial state is true (held) or false (free), not " + Values.format(initial));
        }
        yield new MutexModel(Boolean.TRUE.equals(initial));
      }
      case "kv" -> keyValue(initial == null ? Map.of() : asMap(name, initial));
      case "set" -> set(initial == null ? List.of() : asCollection(name, initial));
      case "queue" -> queue(initial == null ? List.of() : asCollection(name, initial));
      default -> throw new IllegalArgumentException("unknown model '" + name + "' (expected one of " + String.join(", ", NAMES) + ")");
    };
  }

  private static Map<?, ?> asMap(String model, Object initial) {
    if (initial instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("the initial state of " + model + " is a map such as {:x 0 :y 0}, not " + Values.format(initial));
  }

  private static Collection<?> asCollection(String model, Object initial) {
    if (initial instanceof Collection<?> c) {
      return c;
    }
    throw new IllegalArgumentException("the initial state of " + model + " is a vector or set such as [1 2], not " + Values.format(initial));
  }
}
