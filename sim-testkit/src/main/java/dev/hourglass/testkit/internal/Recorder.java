package dev.hourglass.testkit.internal;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.runtime.Simulation;

/**
 * Records client operations as the checkers' history, with virtual times: invocation when sent,
 * {@code ok}/{@code fail} on a definite reply, {@code info} on a timeout or when the client gives
 * up. Bounded: past {@code entriesMax} it stops recording and says so (the run is then a
 * liveness failure rather than an out-of-memory).
 */
final class Recorder {
  private final Simulation sim;
  private final History.Builder builder;
  private final int entriesMax;
  int ok;
  int fail;
  int info;

  Recorder(Simulation sim, String source, int entriesMax) {
    this.sim = sim;
    this.builder = History.builder(source);
    this.entriesMax = entriesMax;
  }

  boolean full() {
    return builder.size() >= entriesMax;
  }

  void invoke(int process, String function, Object value) {
    builder.add(process, OpType.INVOKE, function, value, sim.nowNanos(), null, 0);
  }

  void complete(int process, OpType type, String function, Object value, Object error) {
    switch (type) {
      case OK -> ok++;
      case FAIL -> fail++;
      case INFO -> info++;
      default -> throw new IllegalArgumentException("not a completion: type=" + type);
    }
    builder.add(process, type, function, value, sim.nowNanos(), error, 0);
  }

  History build() {
    return builder.build();
  }
}
