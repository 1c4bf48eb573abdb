package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RPC bodies follow {@link NetworkOptions#copyMessages} as plain messages do: with it on, the
 * server gets a copy of the request and the client a copy of the response, and a body that could
 * not cross a real wire fails where it is sent, naming its type; with it off, both get the very
 * object the other side passed.
 */
class RpcMessageCopyTest {
  private static final Duration MS = Duration.ofMillis(1);

  /** A body with a mutable part, to see whether the other side shares it. */
  record Bag(String name, List<String> items) {}

  /** Has a getter but no constructor Jackson can use: cannot be copied through JSON. */
  static final class Opaque {
    private final int x;

    Opaque(int x) {
      this.x = x;
    }

    public int getX() {
      return x;
    }
  }

  /**
   * A server {@code s} that keeps every request it gets and answers with {@code response}, and a
   * client {@code c} that makes one call at time 0 and keeps what it got back.
   */
  static final class Exchange {
    final Simulation sim;
    final Network net;
    final NodeRef server;
    final NodeRef client;
    final List<Object> requestsSeen = new ArrayList<>();
    final List<Object> outcomes = new ArrayList<>();

    Exchange(boolean copyMessages, Object request, Object response) {
      sim = Simulation.create(1);
      net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(MS)).withCopyMessages(copyMessages));
      server = sim.addNode("s", ctx -> () -> ctx.component(Endpoint.class).rpc().serve((from, r) -> {
        requestsSeen.add(r);
        return response;
      }));
      NodeRef s = server;
      client = sim.addNode("c", ctx -> () -> ctx.component(Endpoint.class).rpc()
          .call(s, request, Object.class, Duration.ofMillis(100))
          .whenComplete((v, t) -> outcomes.add(t == null ? v : t)));
    }
  }

  @Test
  @DisplayName("copy on: server and client each get an equal but distinct body, and a mutation after sending reaches neither")
  void copyOnIsolatesBothSides() {
    List<String> requestItems = new ArrayList<>(List.of("a"));
    List<String> responseItems = new ArrayList<>(List.of("r"));
    Bag request = new Bag("req", requestItems);
    Bag response = new Bag("resp", responseItems);
    Exchange x = new Exchange(true, request, response);

    x.sim.runFor(Duration.ZERO); // the call is sent at time 0, the request arrives at 1 ms
    requestItems.add("changed after call");
    x.sim.runFor(MS); // served and answered at 1 ms; the response arrives at 2 ms
    responseItems.add("changed after reply");
    x.sim.runFor(Duration.ofSeconds(1));

    assertEquals(1, x.requestsSeen.size());
    Object gotRequest = x.requestsSeen.get(0);
    assertNotSame(request, gotRequest);
    assertEquals(new Bag("req", List.of("a")), gotRequest, "the server saw the request as it was at the call");
    assertEquals(1, x.outcomes.size());
    Object gotResponse = x.outcomes.get(0);
    assertNotSame(response, gotResponse);
    assertEquals(new Bag("resp", List.of("r")), gotResponse, "the client saw the response as it was when it was sent");
    assertTrue(x.sim.failure().isEmpty());
  }

  @Test
  @DisplayName("copy on: a request that cannot be serialised fails the caller's event at the call, naming its type, and leaves no pending call")
  void copyOnRejectsOpaqueRequest() {
    Exchange x = new Exchange(true, new Opaque(1), new Bag("resp", List.of()));

    RunResult r = x.sim.runFor(Duration.ofSeconds(1));

    assertEquals(RunStatus.FAILED, r.status());
    SimulationFailure failure = r.failure().orElseThrow();
    assertEquals(SimulationFailure.Kind.UNCAUGHT_EXCEPTION, failure.kind());
    assertEquals(Optional.of("c"), failure.node(), "the caller's event fails");
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.cause().orElseThrow());
    assertTrue(cause.getMessage().contains(Opaque.class.getName()), cause.getMessage());
    assertEquals(0, x.net.totals().sent(), "nothing left the caller");
    assertEquals(0, x.net.endpoint(x.client).rpc().pendingCalls(), "a call that was never sent is not pending");
    assertTrue(x.requestsSeen.isEmpty());
  }

  @Test
  @DisplayName("copy on: a response that cannot be serialised fails the server's event at its reply, naming its type")
  void copyOnRejectsOpaqueResponse() {
    Exchange x = new Exchange(true, new Bag("req", List.of()), new Opaque(2));

    RunResult r = x.sim.runFor(Duration.ofSeconds(1));

    assertEquals(RunStatus.FAILED, r.status());
    SimulationFailure failure = r.failure().orElseThrow();
    assertEquals(Optional.of("s"), failure.node(), "the server's event fails");
    assertEquals(MS.toNanos(), failure.timeNanos(), "at the reply, when the request arrived");
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.cause().orElseThrow());
    assertTrue(cause.getMessage().contains(Opaque.class.getName()), cause.getMessage());
    assertEquals(1, x.net.totals().sent(), "the request went, no response did");
    assertTrue(x.outcomes.isEmpty());
  }

  @Test
  @DisplayName("copy off: the server gets the very request object and the client the very response object, serialisable or not")
  void copyOffPassesTheSameObjects() {
    Bag request = new Bag("req", new ArrayList<>(List.of("a")));
    Opaque response = new Opaque(3);
    Exchange x = new Exchange(false, request, response);

    x.sim.runFor(Duration.ZERO);
    request.items().add("changed after call");
    x.sim.runFor(Duration.ofSeconds(1));

    assertEquals(1, x.requestsSeen.size());
    assertSame(request, x.requestsSeen.get(0));
    assertEquals(List.of("a", "changed after call"), ((Bag) x.requestsSeen.get(0)).items(), "shared: the server sees the mutation");
    assertEquals(List.of(response), x.outcomes);
    assertSame(response, x.outcomes.get(0));
    assertTrue(x.sim.failure().isEmpty());
  }

  @Test
  @DisplayName("copy off: an opaque request is delivered as it is")
  void copyOffPassesOpaqueRequest() {
    Opaque request = new Opaque(4);
    Exchange x = new Exchange(false, request, new Bag("resp", List.of()));

    x.sim.runFor(Duration.ofSeconds(1));

    assertEquals(1, x.requestsSeen.size());
    assertSame(request, x.requestsSeen.get(0));
    assertEquals(List.of(new Bag("resp", List.of())), x.outcomes);
    assertTrue(x.sim.failure().isEmpty());
  }
}
