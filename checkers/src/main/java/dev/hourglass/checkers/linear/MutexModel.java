package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.Operation;

/** A lock: {@code acquire} is legal iff free, {@code release} iff held. Initially free. */
final class MutexModel implements Model<Boolean, Boolean> {
  private final boolean initiallyHeld;

  MutexModel(boolean initiallyHeld) {
    this.initiallyHeld = initiallyHeld;
  }

  @Override
  public String name() {
    return "mutex";
  }

  @Override
  public Boolean initialState(Object partitionKey) {
    return initiallyHeld;
  }

  /** True for acquire, false for release. */
  @Override
  public Boolean prepare(Operation op) {
    return switch (op.function()) {
      case "acquire" -> Boolean.TRUE;
      case "release" -> Boolean.FALSE;
      default -> throw ModelSupport.unknownFunction(op, "acquire or release");
    };
  }

  @Override
  public Boolean step(Boolean held, Boolean acquire) {
    return held != acquire.booleanValue() ? acquire : null;
  }

  @Override
  public String describe(Boolean held) {
    return held ? "held" : "free";
  }
}
