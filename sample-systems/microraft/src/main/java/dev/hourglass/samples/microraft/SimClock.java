package dev.hourglass.samples.microraft;

import dev.hourglass.runtime.NodeContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The node's own simulated clock as a {@link java.time.Clock}: virtual time with the node's skew
 * and drift ({@link NodeContext#clockNanos()}), counted from the epoch. MicroRaft reads the time
 * only through the Clock it is given (heartbeat timestamps, leader-failure detection, query
 * timeouts), so a clock step or drift the nemesis injects reaches all of it. Always UTC.
 */
final class SimClock extends Clock {
  private final NodeContext ctx;

  SimClock(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("a simulated node's clock is UTC only: zone=" + zone);
  }

  @Override
  public long millis() {
    return Math.floorDiv(ctx.clockNanos(), 1_000_000L);
  }

  @Override
  public Instant instant() {
    long nanos = ctx.clockNanos();
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }
}
