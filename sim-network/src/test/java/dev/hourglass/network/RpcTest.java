package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Sim;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimTimeoutException;
import dev.hourglass.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Request/response over the simulated network: correlation, async handlers, definite vs indefinite failures. */
class RpcTest {
  private static final Duration MS = Duration.ofMillis(1);

  record Get(int key, int delayMillis) {}

  record Value(int key, int value) {}

  record Other(String s) {}

  /** How a call ended, with when. */
  record Outcome(int key, Object result, long atNanos) {}

  /** A server {@code s} and a client {@code c} whose calls are made by the test through {@link #call}. */
  static final class Pair {
    final Simulation sim;
    final Network net;
    final NodeRef server;
    final NodeRef client;
    final List<Outcome> outcomes = new ArrayList<>();

    Pair(long seed, LinkOptions link, RpcHandler handler) {
      sim = Simulation.create(seed);
      net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(link));
      server = sim.addNode("s", ctx -> () -> ctx.component(Endpoint.class).rpc().serve(handler));
      client = sim.addNode("c", ctx -> () -> {});
      sim.runFor(Duration.ZERO);
    }

    /** Calls from the client, as one of its own events, at {@code at}. */
    void call(Duration at, Object request, Class<?> type, Duration timeout, int key) {
      NodeRef c = client;
      sim.scheduleOn(c, at.toNanos(), "test.call", key, () -> net.endpoint(c).rpc()
          .call(server, request, type, timeout)
          .whenComplete((v, t) -> outcomes.add(new Outcome(key, t == null ? v : t, sim.nowNanos()))));
    }
  }

  /** Answers {@code Get(k, d)} with {@code Value(k, 10k)} after {@code d} ms, through a future. */
  private static final RpcHandler DELAYED = (from, request) -> {
    Simulation sim = Sim.current().orElseThrow();
    Get g = (Get) request;
    SimFuture<Value> f = sim.newFuture();
    sim.scheduleOn(sim.node("s"), Duration.ofMillis(g.delayMillis()).toNanos(), "work", g.key(),
        () -> f.complete(new Value(g.key(), 10 * g.key())));
    return f;
  };

  @Test
  @DisplayName("concurrent calls answered out of order each complete with their own response")
  void correlationOutOfOrder() {
    Pair p = new Pair(1, NetFixture.constant(MS), DELAYED);
    for (int k = 1; k <= 5; k++) {
      p.call(Duration.ZERO, new Get(k, 60 - 10 * k), Value.class, Duration.ofSeconds(1), k);
    }
    p.sim.runFor(Duration.ofSeconds(2));

    assertEquals(List.of(5, 4, 3, 2, 1), p.outcomes.stream().map(Outcome::key).toList(), "answered in reverse");
    for (Outcome o : p.outcomes) {
      assertEquals(new Value(o.key(), 10 * o.key()), o.result(), "call " + o.key() + " got another call's answer");
      long expected = Duration.ofMillis(1 + (60 - 10 * o.key()) + 1).toNanos();
      assertEquals(expected, o.atNanos(), "a future-returning handler answers when its future completes");
    }
    assertEquals(0, p.net.endpoint(p.client).rpc().pendingCalls());
  }

  @Test
  @DisplayName("a handler that throws gives the caller an RpcException; no answer in time gives a SimTimeoutException")
  void definiteVersusTimeout() {
    Pair p = new Pair(2, NetFixture.constant(MS), (from, request) -> {
      if (request instanceof Get g && g.key() == 0) {
        throw new IllegalStateException("no such key: 0");
      }
      return neverCompleting(); // the answer never comes
    });
    p.call(Duration.ZERO, new Get(0, 0), Value.class, Duration.ofMillis(100), 0);
    p.call(Duration.ZERO, new Get(1, 0), Value.class, Duration.ofMillis(100), 1);
    p.sim.runFor(Duration.ofSeconds(1));

    assertEquals(2, p.outcomes.size());
    Outcome definite = p.outcomes.stream().filter(o -> o.key() == 0).findFirst().orElseThrow();
    Outcome timedOut = p.outcomes.stream().filter(o -> o.key() == 1).findFirst().orElseThrow();

    RpcException e = assertInstanceOf(RpcException.class, definite.result());
    assertTrue(e.getMessage().contains("no such key: 0"), e.getMessage());
    assertFalse(definite.result() instanceof SimTimeoutException);
    assertEquals(Duration.ofMillis(2).toNanos(), definite.atNanos(), "a definite failure comes back with the response");

    SimTimeoutException t = assertInstanceOf(SimTimeoutException.class, timedOut.result());
    assertFalse(timedOut.result() instanceof RpcException);
    assertEquals(Duration.ofMillis(100).toNanos(), t.timeoutNanos());
    assertEquals(Duration.ofMillis(100).toNanos(), timedOut.atNanos(), "the timeout is in virtual time");
  }

  private static SimFuture<Object> neverCompleting() {
    return Sim.current().orElseThrow().newFuture();
  }

  @Test
  @DisplayName("a response that arrives after its call timed out is ignored")
  void lateResponseIsIgnored() {
    Pair p = new Pair(3, NetFixture.constant(MS), DELAYED);
    p.call(Duration.ZERO, new Get(7, 200), Value.class, Duration.ofMillis(50), 7);
    p.sim.runFor(Duration.ofSeconds(1));

    assertEquals(1, p.outcomes.size(), "completed exactly once: " + p.outcomes);
    assertInstanceOf(SimTimeoutException.class, p.outcomes.get(0).result());
    assertEquals(Duration.ofMillis(50).toNanos(), p.outcomes.get(0).atNanos());
    assertEquals(1, p.net.stats(p.server, p.client).delivered(), "the late response did arrive, and was dropped by the RPC layer");
    assertEquals(0, p.net.endpoint(p.client).rpc().pendingCalls());
    assertTrue(p.sim.failure().isEmpty());
  }

  @Test
  @DisplayName("a caller that crashes never sees its call complete, not even after it restarts")
  void crashedCallerNeverCompletes() {
    Pair p = new Pair(4, NetFixture.constant(MS), DELAYED);
    p.call(Duration.ZERO, new Get(1, 20), Value.class, Duration.ofMillis(100), 1); // answered at 22 ms
    p.call(Duration.ZERO, new Get(2, 40), Value.class, Duration.ofMillis(100), 2); // answered at 42 ms
    p.sim.runFor(Duration.ofMillis(10));
    assertEquals(2, p.net.endpoint(p.client).rpc().pendingCalls());
    p.sim.crash(p.client);
    p.sim.runFor(Duration.ofMillis(25)); // the first answer meets a dead node
    p.sim.restart(p.client);
    p.sim.runFor(Duration.ofSeconds(1)); // the second meets a new incarnation; both timeouts pass

    assertTrue(p.outcomes.isEmpty(), "a crashed incarnation's call completed: " + p.outcomes);
    assertEquals(1, p.net.stats(p.server, p.client).dropped(DropReason.DESTINATION_DOWN));
    assertEquals(1, p.net.stats(p.server, p.client).delivered(), "delivered to the new incarnation, which ignores it");
    assertEquals(0, p.net.endpoint(p.client).rpc().pendingCalls());
    assertTrue(p.sim.failure().isEmpty());
  }

  @Test
  @DisplayName("a response of the wrong type completes the call with an RpcException naming both types")
  void wrongResponseType() {
    Pair p = new Pair(5, NetFixture.constant(MS), (from, request) -> new Other("surprise"));
    p.call(Duration.ZERO, new Get(1, 0), Value.class, Duration.ofMillis(100), 1);
    p.sim.runFor(Duration.ofSeconds(1));

    RpcException e = assertInstanceOf(RpcException.class, p.outcomes.get(0).result());
    assertTrue(e.getMessage().contains(Value.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains(Other.class.getName()), e.getMessage());
  }

  @Test
  @DisplayName("a call to a node that serves no RPC fails definitely with an RpcException")
  void noRpcHandler() {
    Simulation sim = Simulation.create(6);
    Network net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(MS)));
    NodeRef quiet = sim.addNode("quiet", ctx -> () -> {});
    List<Object> out = new ArrayList<>();
    sim.addNode("c", ctx -> () -> ctx.component(Endpoint.class).rpc()
        .call(quiet, new Get(1, 0), Value.class, Duration.ofMillis(100))
        .whenComplete((v, t) -> out.add(t == null ? v : t)));
    sim.runFor(Duration.ofSeconds(1));

    RpcException e = assertInstanceOf(RpcException.class, out.get(0));
    assertTrue(e.getMessage().contains("no RPC handler on quiet"), e.getMessage());
  }

  @Test
  @DisplayName("a handler's future that fails is sent back as an RpcException")
  void failedFutureIsDefinite() {
    Pair p = new Pair(7, NetFixture.constant(MS), (from, request) -> {
      SimFuture<Object> f = Sim.current().orElseThrow().newFuture();
      f.completeExceptionally(new IllegalArgumentException("rejected"));
      return f;
    });
    p.call(Duration.ZERO, new Get(1, 0), Value.class, Duration.ofMillis(100), 1);
    p.sim.runFor(Duration.ofSeconds(1));
    RpcException e = assertInstanceOf(RpcException.class, p.outcomes.get(0).result());
    assertTrue(e.getMessage().contains("rejected"), e.getMessage());
  }

  @Test
  @DisplayName("RPC works over lossy, duplicating links: each call completes once, with its answer or a timeout")
  void rpcUnderDuplicationAndLoss() {
    LinkOptions faulty = NetFixture.constant(MS).withDuplicateRate(0.5).withLossRate(0.2);
    Pair p = new Pair(8, faulty, (from, request) -> new Value(((Get) request).key(), 10 * ((Get) request).key()));
    for (int k = 0; k < 200; k++) {
      p.call(Duration.ofMillis(k), new Get(k, 0), Value.class, Duration.ofMillis(50), k);
    }
    p.sim.runFor(Duration.ofSeconds(2));

    assertTrue(p.sim.failure().isEmpty(), () -> p.sim.failure().orElseThrow().describe());
    assertEquals(200, p.outcomes.size());
    assertEquals(200, p.outcomes.stream().map(Outcome::key).distinct().count(), "each call completes exactly once");
    long answered = 0;
    for (Outcome o : p.outcomes) {
      if (o.result() instanceof Value v) {
        assertEquals(new Value(o.key(), 10 * o.key()), v);
        answered++;
      } else {
        assertInstanceOf(SimTimeoutException.class, o.result(), "a lost request or response is a timeout, never definite");
      }
    }
    assertTrue(answered > 100 && answered < 200, "answered=" + answered + " of 200 with 20% loss each way");
    assertTrue(p.net.stats(p.client, p.server).duplicated() > 50, "requests were duplicated");
    assertTrue(p.net.stats(p.server, p.client).duplicated() > 30, "responses were duplicated");
  }
}
