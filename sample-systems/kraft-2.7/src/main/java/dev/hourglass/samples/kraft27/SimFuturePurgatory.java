package dev.hourglass.samples.kraft27;

import dev.hourglass.runtime.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.raft.FuturePurgatory;

/**
 * kafka-raft 2.7's {@link FuturePurgatory} (Kafka's lives in its broker, {@code
 * KafkaFuturePurgatory}): futures waiting for a condition on a value — the log end offset or the
 * high watermark — completed with the time when {@code maybeComplete} sees the condition hold, or
 * failed with Kafka's {@link TimeoutException} after their wait, on the node's clock. Waiters are
 * kept in arrival order.
 */
final class SimFuturePurgatory<T> implements FuturePurgatory<T> {
  private final NodeContext ctx;
  private final List<Waiting<T>> waiting = new ArrayList<>();

  private static final class Waiting<T> {
    final Predicate<T> condition;
    final CompletableFuture<Long> future = new CompletableFuture<>();
    long timer;

    Waiting(Predicate<T> condition) {
      this.condition = condition;
    }
  }

  SimFuturePurgatory(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public CompletableFuture<Long> await(Predicate<T> condition, long maxWaitTimeMs) {
    Waiting<T> w = new Waiting<>(condition);
    long nowNanos = ctx.clockNanos();
    long dueNanos = (Math.floorDiv(nowNanos, 1_000_000L) + Math.max(0, maxWaitTimeMs)) * 1_000_000L;
    w.timer = ctx.schedule(Math.max(0, dueNanos - nowNanos), "kraft.purgatory-expire", maxWaitTimeMs, () -> {
      if (waiting.remove(w)) {
        w.future.completeExceptionally(new TimeoutException("Request timed out in purgatory"));
      }
    });
    waiting.add(w);
    return w.future;
  }

  @Override
  public void maybeComplete(T value, long currentTimeMs) {
    List<Waiting<T>> done = new ArrayList<>();
    waiting.removeIf(w -> {
      if (w.condition.test(value)) {
        done.add(w);
        return true;
      }
      return false;
    });
    for (Waiting<T> w : done) {
      ctx.cancel(w.timer);
      w.future.complete(currentTimeMs);
    }
  }

  @Override
  public void completeAllExceptionally(Throwable exception) {
    List<Waiting<T>> all = new ArrayList<>(waiting);
    waiting.clear();
    for (Waiting<T> w : all) {
      ctx.cancel(w.timer);
      w.future.completeExceptionally(exception);
    }
  }

  @Override
  public int numWaiting() {
    return waiting.size();
  }
}
