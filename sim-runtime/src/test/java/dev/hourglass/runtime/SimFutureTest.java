package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SimFuture: callbacks are later events at the completion's time; composition as CompletableFuture. */
class SimFutureTest {
  private static final long MS = 1_000_000;

  /** Runs everything pending now and soon. */
  private static void settle(Simulation sim) {
    RunResult r = sim.runFor(Duration.ZERO);
    assertFalse(r.failed(), () -> r.failure().orElseThrow().describe());
  }

  private static Throwable failureOf(SimFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), "expected an exceptional future, done=" + f.isDone());
    return f.failure().orElseThrow();
  }

  @Test
  @DisplayName("callbacks run as later events at the completion's virtual time, never inside complete()")
  void callbacksAreEvents() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> f = sim.newFuture();
    List<String> log = new ArrayList<>();
    f.thenAccept(v -> log.add(v + "@" + sim.nowNanos() / MS));
    sim.schedule(
        Duration.ofMillis(5),
        () -> {
          assertTrue(f.complete("x"));
          log.add("after complete");
        });
    sim.runFor(Duration.ofMillis(10));
    assertEquals(List.of("after complete", "x@5"), log);
    assertEquals(2, sim.eventsRun(), "the completion and one callback event");
    assertTrue(sim.trace().records().stream().anyMatch(r -> r.label().equals("future") && r.timeNanos() == 5 * MS));
  }

  @Test
  @DisplayName("a callback added to a completed future also runs later, not inside thenApply")
  void callbackOnDoneFuture() {
    Simulation sim = Simulation.create(1);
    SimFuture<Integer> f = sim.newFuture();
    f.complete(1);
    boolean[] ran = {false};
    SimFuture<Integer> g = f.thenApply(v -> {
      ran[0] = true;
      return v + 1;
    });
    assertFalse(ran[0]);
    assertFalse(g.isDone());
    settle(sim);
    assertEquals(2, g.getNow());
  }

  @Test
  @DisplayName("complete and completeExceptionally settle once; getNow reports what happened")
  void settleOnce() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> f = sim.newFuture();
    assertThrows(IllegalStateException.class, f::getNow, "not done yet");
    assertTrue(f.complete("a"));
    assertFalse(f.complete("b"));
    assertFalse(f.completeExceptionally(new RuntimeException()));
    assertEquals("a", f.getNow());
    SimFuture<String> g = sim.newFuture();
    RuntimeException boom = new RuntimeException("boom");
    assertTrue(g.completeExceptionally(boom));
    IllegalStateException e = assertThrows(IllegalStateException.class, g::getNow);
    assertSame(boom, e.getCause());
    assertSame(boom, g.failure().orElseThrow());
  }

  @Test
  @DisplayName("thenApply maps a value, passes a failure through without calling fn, and fails with what fn throws")
  void thenApply() {
    Simulation sim = Simulation.create(1);
    SimFuture<Integer> ok = sim.newFuture();
    SimFuture<Integer> bad = sim.newFuture();
    SimFuture<Integer> throwing = sim.newFuture();
    int[] calls = {0};
    SimFuture<Integer> doubled = ok.thenApply(v -> v * 2);
    SimFuture<Integer> skipped = bad.thenApply(v -> ++calls[0]);
    IllegalStateException thrown = new IllegalStateException("fn failed");
    SimFuture<Integer> failed = throwing.thenApply(v -> {
      throw thrown;
    });
    ok.complete(21);
    RuntimeException cause = new RuntimeException("upstream");
    bad.completeExceptionally(cause);
    throwing.complete(0);
    settle(sim);
    assertEquals(42, doubled.getNow());
    assertSame(cause, failureOf(skipped));
    assertEquals(0, calls[0]);
    assertSame(thrown, failureOf(failed));
    assertFalse(sim.failure().isPresent(), "a callback's exception fails its future, not the run");
  }

  @Test
  @DisplayName("thenCompose flattens, and fails when fn throws, returns null, or the inner future fails")
  void thenCompose() {
    Simulation sim = Simulation.create(1);
    SimFuture<Integer> src = sim.newFuture();
    SimFuture<String> inner = sim.newFuture();
    SimFuture<String> innerBad = sim.newFuture();
    SimFuture<String> composed = src.thenCompose(v -> inner);
    SimFuture<String> composedBad = src.thenCompose(v -> innerBad);
    RuntimeException thrown = new RuntimeException("compose fn");
    SimFuture<String> fnThrows = src.thenCompose(v -> {
      throw thrown;
    });
    SimFuture<String> fnNull = src.thenCompose(v -> null);
    src.complete(1);
    settle(sim);
    assertFalse(composed.isDone(), "waits for the inner future");
    sim.schedule(Duration.ofMillis(3), () -> inner.complete("inner"));
    RuntimeException innerCause = new RuntimeException("inner failed");
    sim.schedule(Duration.ofMillis(3), () -> innerBad.completeExceptionally(innerCause));
    sim.runFor(Duration.ofMillis(3));
    assertEquals("inner", composed.getNow());
    assertSame(innerCause, failureOf(composedBad));
    assertSame(thrown, failureOf(fnThrows));
    assertInstanceOf(NullPointerException.class, failureOf(fnNull));
  }

  @Test
  @DisplayName("whenComplete sees value or failure and completes the same way; its own exception counts only on success")
  void whenComplete() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> ok = sim.newFuture();
    SimFuture<String> bad = sim.newFuture();
    List<String> seen = new ArrayList<>();
    SimFuture<String> okThrough = ok.whenComplete((v, f) -> seen.add(v + "/" + f));
    RuntimeException cause = new RuntimeException("c");
    SimFuture<String> badThrough = bad.whenComplete((v, f) -> seen.add(v + "/" + f.getMessage()));
    RuntimeException actionFailure = new RuntimeException("action");
    SimFuture<String> okButAction = ok.whenComplete((v, f) -> {
      throw actionFailure;
    });
    SimFuture<String> badAndAction = bad.whenComplete((v, f) -> {
      throw actionFailure;
    });
    ok.complete("v");
    bad.completeExceptionally(cause);
    settle(sim);
    // Two callbacks due at the same instant: the seeded tie-break picks their order.
    assertEquals(Set.of("v/null", "null/c"), Set.copyOf(seen));
    assertEquals(2, seen.size());
    assertEquals("v", okThrough.getNow());
    assertSame(cause, failureOf(badThrough));
    assertSame(actionFailure, failureOf(okButAction));
    assertSame(cause, failureOf(badAndAction), "the original failure wins");
  }

  @Test
  @DisplayName("handle maps value and failure alike; exceptionally recovers failures and passes values")
  void handleAndExceptionally() {
    Simulation sim = Simulation.create(1);
    SimFuture<Integer> ok = sim.newFuture();
    SimFuture<Integer> bad = sim.newFuture();
    SimFuture<String> h1 = ok.handle((v, f) -> "v=" + v + " f=" + f);
    SimFuture<String> h2 = bad.handle((v, f) -> "v=" + v + " f=" + f.getMessage());
    RuntimeException thrown = new RuntimeException("handler");
    SimFuture<String> h3 = ok.handle((v, f) -> {
      throw thrown;
    });
    SimFuture<Integer> e1 = ok.exceptionally(f -> -1);
    SimFuture<Integer> e2 = bad.exceptionally(f -> -1);
    SimFuture<Integer> e3 = bad.exceptionally(f -> {
      throw thrown;
    });
    ok.complete(7);
    bad.completeExceptionally(new RuntimeException("bad"));
    settle(sim);
    assertEquals("v=7 f=null", h1.getNow());
    assertEquals("v=null f=bad", h2.getNow());
    assertSame(thrown, failureOf(h3));
    assertEquals(7, e1.getNow());
    assertEquals(-1, e2.getNow());
    assertSame(thrown, failureOf(e3));
  }

  @Test
  @DisplayName("allOf gives the values in list order, whatever order they complete in; or the first failure")
  void allOf() {
    Simulation sim = Simulation.create(1);
    List<SimFuture<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      parts.add(sim.newFuture());
    }
    SimFuture<List<Integer>> all = SimFuture.allOf(sim, parts);
    for (int i : new int[] {3, 1, 0}) {
      int v = i;
      sim.schedule(Duration.ofMillis(10 - i), () -> parts.get(v).complete(v * 10));
    }
    sim.runFor(Duration.ofMillis(20));
    assertFalse(all.isDone(), "one part is still missing");
    parts.get(2).complete(20);
    settle(sim);
    assertEquals(List.of(0, 10, 20, 30), all.getNow());

    List<SimFuture<Integer>> more = List.of(sim.newFuture(), sim.newFuture(), sim.newFuture());
    SimFuture<List<Integer>> failing = SimFuture.allOf(sim, more);
    RuntimeException first = new RuntimeException("first");
    sim.schedule(Duration.ofMillis(1), () -> more.get(2).completeExceptionally(first));
    sim.schedule(Duration.ofMillis(2), () -> more.get(0).completeExceptionally(new RuntimeException("second")));
    sim.schedule(Duration.ofMillis(3), () -> more.get(1).complete(1));
    sim.runFor(Duration.ofMillis(5));
    assertSame(first, failureOf(failing));

    SimFuture<List<Integer>> none = SimFuture.allOf(sim, List.of());
    assertEquals(List.of(), none.getNow());
  }

  @Test
  @DisplayName("orTimeout fails with SimTimeoutException after exactly the timeout of virtual time")
  void orTimeoutFires() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> never = sim.newFuture();
    sim.runFor(Duration.ofMillis(3));
    SimFuture<String> timed = never.orTimeout(Duration.ofMillis(250), "get x");
    long[] failedAt = {-1};
    timed.whenComplete((v, f) -> failedAt[0] = sim.nowNanos());
    sim.runFor(Duration.ofMillis(249));
    assertFalse(timed.isDone(), "not a nanosecond early");
    sim.runFor(Duration.ofSeconds(1));
    SimTimeoutException e = assertInstanceOf(SimTimeoutException.class, failureOf(timed));
    assertEquals(253 * MS, failedAt[0]);
    assertEquals(250 * MS, e.timeoutNanos());
    assertTrue(e.getMessage().contains("get x") && e.getMessage().contains("0.250000000s"), e.getMessage());
    assertFalse(sim.failure().isPresent());
  }

  @Test
  @DisplayName("orTimeout completes with the value when it comes first, and its timer is cancelled")
  void orTimeoutBeaten() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> f = sim.newFuture();
    SimFuture<String> timed = f.orTimeout(Duration.ofSeconds(2), "op");
    SimFuture<String> failing = sim.newFuture();
    SimFuture<String> failingTimed = failing.orTimeout(Duration.ofSeconds(2), "op");
    RuntimeException cause = new RuntimeException("definite");
    sim.schedule(Duration.ofSeconds(1), () -> {
      f.complete("v");
      failing.completeExceptionally(cause);
    });
    RunResult result = sim.runUntilQuiescent(Duration.ofSeconds(10));
    assertEquals("v", timed.getNow());
    assertSame(cause, failureOf(failingTimed));
    assertEquals(RunStatus.QUIESCENT, result.status());
    assertEquals(1_000 * MS, sim.nowNanos(), "no timer left to run at 2 s");
  }

  @Test
  @DisplayName("completing or chaining from another thread is rejected, and leaves the future as it was")
  void otherThreadRejected() throws InterruptedException {
    Simulation sim = Simulation.create(1);
    SimFuture<String> f = sim.newFuture();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Throwable> chainThrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        f.complete("from elsewhere");
      } catch (Throwable e) {
        thrown.set(e);
      }
      try {
        f.thenApply(v -> v);
      } catch (Throwable e) {
        chainThrown.set(e);
      }
    });
    t.start();
    t.join();
    assertInstanceOf(IllegalStateException.class, thrown.get());
    assertTrue(thrown.get().getMessage().contains("single-threaded"), thrown.get().getMessage());
    assertInstanceOf(IllegalStateException.class, chainThrown.get());
    assertFalse(f.isDone());
    assertTrue(f.complete("here"));
  }

  @Test
  @DisplayName("a callback runs as an event of the node that registered it")
  void callbacksBelongToRegisteringNode() {
    Simulation sim = Simulation.create(1);
    SimFuture<String> f = sim.newFuture();
    List<String> nodes = new ArrayList<>();
    sim.addNode("a", ctx -> () -> f.thenAccept(v -> nodes.add("a")));
    sim.addNode("b", ctx -> () -> {});
    sim.runFor(Duration.ZERO);
    sim.schedule(Duration.ofMillis(1), () -> f.complete("x"));
    sim.runFor(Duration.ofMillis(1));
    assertEquals(List.of("a"), nodes);
    TraceRecord callback =
        sim.trace().records().stream().filter(r -> r.label().equals("future")).findFirst().orElseThrow();
    assertEquals("a", callback.node());
  }
}
