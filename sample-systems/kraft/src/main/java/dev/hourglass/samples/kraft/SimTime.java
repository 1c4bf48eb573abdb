package dev.hourglass.samples.kraft;

import dev.hourglass.runtime.NodeContext;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's {@link Time} read from one node's simulated clock (which the nemesis may skew or make
 * drift), as milliseconds since {@link #EPOCH_MS}. Nothing inside a simulation may block, so {@code sleep} and {@code waitObject} refuse:
 * KafkaRaftClient never calls them when its message queue does not block.
 */
final class SimTime implements Time {
  /**
   * Virtual time 0 reads as 2024-01-01T00:00:00Z on every node, so a clock the nemesis steps
   * backwards still reads a plausible wall-clock time (Kafka rejects negative record timestamps).
   */
  static final long EPOCH_MS = 1_704_067_200_000L;

  private final NodeContext ctx;

  SimTime(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public long milliseconds() {
    return EPOCH_MS + Math.floorDiv(ctx.clockNanos(), 1_000_000L);
  }

  @Override
  public long nanoseconds() {
    return ctx.clockNanos();
  }

  @Override
  public void sleep(long ms) {
    throw new UnsupportedOperationException("sleep(" + ms + " ms) inside a simulation on node " + ctx.name());
  }

  @Override
  public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
    throw new UnsupportedOperationException("waitObject inside a simulation on node " + ctx.name());
  }
}
