package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The result of an asynchronous step inside a simulation: completed only on the scheduler, its
 * callbacks run as events of the simulation.
 *
 * <p>A callback is bound to the node (and incarnation) that was running when it was registered:
 * it runs as that node's event, so it never runs after the node crashed and waits while the node
 * is paused. Callbacks run as separate events at the completion's virtual time, never inside
 * {@code complete()} — no re-entrancy, and the tie-break may interleave them with other events
 * due at the same time, as a real scheduler would.
 *
 * <p>An exception thrown by a callback completes the derived future exceptionally (as {@link
 * java.util.concurrent.CompletableFuture} does).
 */
public final class SimFuture<T> {
  private static final Object PENDING = new Object();

  private final Simulation simulation;
  private Object value = PENDING;
  private Throwable failure;
  private List<Callback<? super T>> callbacks;

  @FunctionalInterface
  private interface Callback<T> {
    void accept(T value, Throwable failure);
  }

  SimFuture(Simulation simulation) {
    this.simulation = simulation;
  }

  public boolean isDone() {
    return value != PENDING;
  }

  public boolean isCompletedExceptionally() {
    return isDone() && failure != null;
  }

  /** The value; fails if the future is not done or completed exceptionally. */
  @SuppressWarnings("unchecked")
  public T getNow() {
    checkState(isDone(), "future is not complete");
    if (failure != null) {
      throw new IllegalStateException("future completed exceptionally: " + failure, failure);
    }
    return (T) value;
  }

  /** The exception, if the future completed exceptionally. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Completes with {@code result}; false if already complete. */
  public boolean complete(T result) {
    return settle(result, null);
  }

  /** Completes exceptionally; false if already complete. */
  public boolean completeExceptionally(Throwable cause) {
    checkNotNull(cause, "cause");
    return settle(null, cause);
  }

  private boolean settle(T result, Throwable cause) {
    simulation.checkSchedulerThread();
    if (isDone()) {
      return false;
    }
    value = result;
    failure = cause;
    List<Callback<? super T>> pending = callbacks;
    callbacks = null;
    if (pending != null) {
      for (Callback<? super T> callback : pending) {
        callback.accept(result, cause); // each schedules its own event: see onComplete
      }
    }
    return true;
  }

  private void onComplete(Callback<? super T> callback) {
    simulation.checkSchedulerThread();
    Simulation.Binding binding = simulation.currentBinding();
    Callback<? super T> bound = (v, f) -> simulation.runBound(binding, "future", () -> callback.accept(v, f));
    if (isDone()) {
      bound.accept(valueOrNull(), failure);
      return;
    }
    if (callbacks == null) {
      callbacks = new ArrayList<>(2);
    }
    callbacks.add(bound);
  }

  @SuppressWarnings("unchecked")
  private T valueOrNull() {
    return (T) value;
  }

  public <U> SimFuture<U> thenApply(Function<? super T, ? extends U> fn) {
    checkNotNull(fn, "fn");
    SimFuture<U> next = simulation.newFuture();
    onComplete(
        (v, f) -> {
          if (f != null) {
            next.completeExceptionally(f);
            return;
          }
          U u;
          try {
            u = fn.apply(v);
          } catch (RuntimeException e) {
            next.completeExceptionally(e);
            return;
          }
          next.complete(u);
        });
    return next;
  }

  public <U> SimFuture<U> thenCompose(Function<? super T, SimFuture<U>> fn) {
    checkNotNull(fn, "fn");
    SimFuture<U> next = simulation.newFuture();
    onComplete(
        (v, f) -> {
          if (f != null) {
            next.completeExceptionally(f);
            return;
          }
          SimFuture<U> inner;
          try {
            inner = checkNotNull(fn.apply(v), "thenCompose function returned null");
          } catch (RuntimeException e) {
            next.completeExceptionally(e);
            return;
          }
          inner.whenComplete(
              (u, g) -> {
                if (g != null) {
                  next.completeExceptionally(g);
                } else {
                  next.complete(u);
                }
              });
        });
    return next;
  }

  public SimFuture<Void> thenAccept(Consumer<? super T> action) {
    checkNotNull(action, "action");
    return thenApply(
        v -> {
          action.accept(v);
          return null;
        });
  }

  /** Runs {@code action} with the value or the failure; the result completes the same way. */
  public SimFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
    checkNotNull(action, "action");
    SimFuture<T> next = simulation.newFuture();
    onComplete(
        (v, f) -> {
          try {
            action.accept(v, f);
          } catch (RuntimeException e) {
            next.completeExceptionally(f != null ? f : e);
            return;
          }
          if (f != null) {
            next.completeExceptionally(f);
          } else {
            next.complete(v);
          }
        });
    return next;
  }

  public <U> SimFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
    checkNotNull(fn, "fn");
    SimFuture<U> next = simulation.newFuture();
    onComplete(
        (v, f) -> {
          U u;
          try {
            u = fn.apply(v, f);
          } catch (RuntimeException e) {
            next.completeExceptionally(e);
            return;
          }
          next.complete(u);
        });
    return next;
  }

  public SimFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
    checkNotNull(fn, "fn");
    return handle((v, f) -> f == null ? v : fn.apply(f));
  }

  /**
   * A future that completes like this one, or with {@link SimTimeoutException} if this one is
   * not done within {@code timeout} of virtual time. The timer belongs to the current node.
   */
  public SimFuture<T> orTimeout(Duration timeout, String what) {
    long nanos = timeout.toNanos();
    checkArgument(nanos >= 0, "timeout must be >= 0: timeout=%s", timeout);
    SimFuture<T> next = simulation.newFuture();
    long timer =
        simulation.scheduleBound(
            simulation.currentBinding(),
            nanos,
            "timeout",
            0,
            () -> next.completeExceptionally(new SimTimeoutException(what, nanos)));
    onComplete(
        (v, f) -> {
          simulation.cancel(timer);
          if (f != null) {
            next.completeExceptionally(f);
          } else {
            next.complete(v);
          }
        });
    return next;
  }

  /** Completes when all complete: with their values in order, or with the first failure. */
  public static <T> SimFuture<List<T>> allOf(Simulation simulation, List<SimFuture<T>> futures) {
    SimFuture<List<T>> all = simulation.newFuture();
    if (futures.isEmpty()) {
      all.complete(List.of());
      return all;
    }
    List<T> values = new ArrayList<>(futures.size());
    for (int i = 0; i < futures.size(); i++) {
      values.add(null);
    }
    int[] remaining = {futures.size()};
    for (int i = 0; i < futures.size(); i++) {
      int index = i;
      futures
          .get(i)
          .onComplete(
              (v, f) -> {
                if (f != null) {
                  all.completeExceptionally(f);
                  return;
                }
                values.set(index, v);
                if (--remaining[0] == 0) {
                  all.complete(values);
                }
              });
    }
    return all;
  }
}
