package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimTimeoutException;
import dev.hourglass.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NetworkSmokeTest {
  record Ping(int n) {}

  record Pong(int n) {}

  @Test
  @DisplayName("a message sent from one node reaches the other's handler, and an RPC round-trips")
  void sendAndRpc() {
    Simulation sim = Simulation.create(7);
    Network net = Network.attach(sim, NetworkOptions.defaults());
    List<Object> got = new ArrayList<>();
    NodeRef b = sim.addNode("b", ctx -> () -> {
      Endpoint e = ctx.component(Endpoint.class);
      e.onMessage((from, m) -> got.add(m));
      e.rpc().serve((from, req) -> new Pong(((Ping) req).n() + 1));
    });
    List<Object> answers = new ArrayList<>();
    sim.addNode("a", ctx -> () -> {
      Endpoint e = ctx.component(Endpoint.class);
      e.send("b", new Ping(1));
      SimFuture<Pong> f = e.rpc().call(ctx.simulation().node("b"), new Ping(41), Pong.class, Duration.ofSeconds(1));
      f.whenComplete((v, t) -> answers.add(t == null ? v : t));
    });
    sim.runFor(Duration.ofSeconds(2));
    assertEquals(List.of(new Ping(1)), got);
    assertEquals(List.of(new Pong(42)), answers);
    assertEquals(3, net.totals().delivered());
    assertTrue(sim.failure().isEmpty());
  }

  @Test
  @DisplayName("an RPC to an isolated node times out with SimTimeoutException")
  void rpcTimeout() {
    Simulation sim = Simulation.create(7);
    Network net = Network.attach(sim, NetworkOptions.defaults());
    NodeRef b = sim.addNode("b", ctx -> () -> ctx.component(Endpoint.class).rpc().serve((f, r) -> r));
    List<Object> answers = new ArrayList<>();
    NodeRef a = sim.addNode("a", ctx -> () -> ctx.component(Endpoint.class).rpc()
        .call(ctx.simulation().node("b"), new Ping(1), Ping.class, Duration.ofMillis(100))
        .whenComplete((v, t) -> answers.add(t == null ? v : t)));
    net.isolate(b);
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(1, answers.size());
    assertInstanceOf(SimTimeoutException.class, answers.get(0));
    assertEquals(1, net.stats(a, b).dropped(DropReason.PARTITIONED));
  }
}
