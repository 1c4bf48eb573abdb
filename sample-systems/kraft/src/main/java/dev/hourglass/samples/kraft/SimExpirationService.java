package dev.hourglass.samples.kraft;

import dev.hourglass.runtime.NodeContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.raft.ExpirationService;

/**
 * {@code failAfter(ms)}: a future that fails with Kafka's own {@link TimeoutException} after
 * {@code ms} of the node's clock, unless something completes it first (the leader's fetch
 * purgatory parks long-polling fetches on these). The timer belongs to the node's incarnation, so
 * a crash takes it away with everything else.
 */
final class SimExpirationService implements ExpirationService {
  private final NodeContext ctx;

  SimExpirationService(NodeContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public <T> CompletableFuture<T> failAfter(long timeoutMs) {
    CompletableFuture<T> future = new CompletableFuture<>();
    long nowNanos = ctx.clockNanos(); // due on the millisecond Kafka counts to
    long dueNanos = (Math.floorDiv(nowNanos, 1_000_000L) + Math.max(0, timeoutMs)) * 1_000_000L;
    long timer = ctx.schedule(Math.max(0, dueNanos - nowNanos), "kraft.expire", timeoutMs,
        () -> future.completeExceptionally(new TimeoutException("Future failed to be completed before timeout of " + timeoutMs + " ms was reached")));
    future.whenComplete((value, error) -> {
      if (!(error instanceof TimeoutException)) {
        ctx.cancel(timer);
      }
    });
    return future;
  }
}
