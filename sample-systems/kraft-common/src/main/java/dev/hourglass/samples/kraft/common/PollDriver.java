package dev.hourglass.samples.kraft.common;

import dev.hourglass.runtime.NodeContext;
import java.util.function.LongSupplier;

/**
 * Drives a KafkaRaftClient's {@code poll} as simulation events. Kafka's own driver is a thread
 * that calls {@code poll} forever, blocking inside it on the inbox for the timeout the client
 * computed. Here the inbox never blocks: it records that timeout, and after each {@code poll}
 * the driver schedules the next one for then — or at once, when a message arrives or the client
 * calls {@code wakeup} ({@link #pollSoon}).
 *
 * <p>Kafka's timers count whole milliseconds, so a timeout of 0 with nothing to do means "a
 * deadline falls in this millisecond": a real client would spin until its clock ticks; the
 * driver polls again at the next tick. Timeouts are capped at {@link #POLL_INTERVAL_MAX_MS}.
 */
public final class PollDriver {
  /** The longest a client goes unpolled, whatever timeout it asked for. */
  public static final long POLL_INTERVAL_MAX_MS = 1_000;

  private final NodeContext ctx;
  private final Runnable poll;
  private final Runnable afterPoll;
  private final LongSupplier lastTimeoutMs;
  private final java.util.function.BooleanSupplier pollAgainNow;
  private long timer = -1;
  private long dueNanos = Long.MAX_VALUE;
  private boolean polling;
  private boolean again;

  /**
   * @param poll the client's {@code poll}
   * @param afterPoll what the node checks after each poll
   * @param lastTimeoutMs the timeout the client last passed to its inbox (ms)
   * @param pollAgainNow whether the client needs polling again at once (messages wait, or the last
   *     poll handled one: Kafka's driver thread polls again right away)
   */
  public PollDriver(NodeContext ctx, Runnable poll, Runnable afterPoll, LongSupplier lastTimeoutMs,
      java.util.function.BooleanSupplier pollAgainNow) {
    this.ctx = ctx;
    this.poll = poll;
    this.afterPoll = afterPoll;
    this.lastTimeoutMs = lastTimeoutMs;
    this.pollAgainNow = pollAgainNow;
  }

  /** Poll as soon as possible (a message arrived, or the client asked to be woken). */
  public void pollSoon() {
    if (polling) {
      again = true;
      return;
    }
    schedule(0);
  }

  private void schedule(long delayNanos) {
    long due = ctx.clockNanos() + delayNanos;
    if (timer >= 0) {
      if (dueNanos <= due) {
        return;
      }
      ctx.cancel(timer);
    }
    dueNanos = due;
    timer = ctx.schedule(delayNanos, "kraft.poll", 0, this::run);
  }

  private void run() {
    timer = -1;
    dueNanos = Long.MAX_VALUE;
    polling = true;
    again = false;
    try {
      poll.run();
    } finally {
      polling = false;
    }
    afterPoll.run();
    if (again || pollAgainNow.getAsBoolean()) {
      schedule(0);
      return;
    }
    long ms = Math.min(Math.max(lastTimeoutMs.getAsLong(), 0), POLL_INTERVAL_MAX_MS);
    long nowNanos = ctx.clockNanos();
    long due = (Math.floorDiv(nowNanos, 1_000_000L) + Math.max(ms, 1)) * 1_000_000L;
    schedule(due - nowNanos);
  }
}
