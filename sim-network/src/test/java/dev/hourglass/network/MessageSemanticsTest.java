package dev.hourglass.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.network.NetFixture.Msg;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationFailure;
import dev.hourglass.runtime.SimulationOptions;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a node sees of a message: when and as whose event it arrives, and what object it gets. */
class MessageSemanticsTest {
  record Bag(String name, List<String> items) {}

  record WithOptional(Optional<String> value) {}

  record Holder(Object value) {}

  /** Has a getter but no constructor Jackson can use. */
  static final class Opaque {
    private final int x;

    Opaque(int x) {
      this.x = x;
    }

    public int getX() {
      return x;
    }
  }

  @Test
  @DisplayName("a message reaches the handler as a later event of the receiver, never inside send")
  void deliveryIsAnEventOfTheReceiver() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ZERO));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);
    long sentAt = f.sim.nowNanos();

    f.send(a, b, new Msg(1));
    assertTrue(f.inbox(b).isEmpty(), "delivered inside send(): " + f.inbox(b));

    f.sim.runFor(Duration.ZERO);
    assertEquals(List.of(new NetFixture.Received(sentAt, "n1", new Msg(1))), f.inbox(b));
    List<TraceRecord> arrive = f.traced("net.arrive");
    List<TraceRecord> deliver = f.traced("net.deliver");
    assertEquals(1, arrive.size());
    assertEquals("n2", arrive.get(0).node(), "the arrival event belongs to the receiver");
    assertEquals(1, deliver.size());
    assertEquals("n2", deliver.get(0).node());
  }

  @Test
  @DisplayName("an exception thrown by a handler fails the run as the receiver's, at the arrival time")
  void handlerFailureIsTheReceivers() {
    Simulation sim = Simulation.create(3);
    Network net = Network.attach(sim, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(Duration.ofMillis(4))));
    NodeRef b = sim.addNode("b", ctx -> () -> ctx.component(Endpoint.class).onMessage((from, m) -> {
      throw new IllegalStateException("boom from " + from.name());
    }));
    NodeRef a = sim.addNode("a", ctx -> () -> ctx.component(Endpoint.class).send(b, new Msg(1)));

    RunResult r = sim.runFor(Duration.ofSeconds(1));

    assertEquals(RunStatus.FAILED, r.status());
    SimulationFailure failure = r.failure().orElseThrow();
    assertEquals(SimulationFailure.Kind.UNCAUGHT_EXCEPTION, failure.kind());
    assertEquals(Optional.of("b"), failure.node());
    assertEquals(Duration.ofMillis(4).toNanos(), failure.timeNanos());
    assertTrue(failure.message().contains("boom from a"), failure.message());
    assertEquals(1, net.stats(a, b).delivered());
  }

  @Test
  @DisplayName("the receiver gets an equal but distinct object, and a mutation after send does not reach it")
  void messagesAreCopied() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(1)));
    List<String> items = new ArrayList<>(List.of("a", "b"));
    Bag sent = new Bag("x", items);

    f.send(f.node(1), f.node(2), sent);
    items.add("added after send");
    items.set(0, "changed after send");
    f.sim.runFor(Duration.ofMillis(2));

    Bag got = (Bag) f.messages(f.node(2)).get(0);
    assertEquals(new Bag("x", List.of("a", "b")), got);
    assertNotSame(sent, got);
    assertNotSame(sent.items(), got.items());
    got.items().add("receiver's own change");
    assertEquals(List.of("changed after send", "b", "added after send"), items, "the sender's object is its own");
  }

  @Test
  @DisplayName("with copyMessages off the receiver gets the very object that was sent")
  void copyOffPassesTheSameObject() {
    NetFixture f = NetFixture.create(
        1, 2, NetworkOptions.defaults().withDefaultLink(NetFixture.constant(Duration.ofMillis(1))).withCopyMessages(false),
        SimulationOptions.defaults());
    Bag sent = new Bag("x", new ArrayList<>(List.of("a")));
    Opaque opaque = new Opaque(7);

    f.send(f.node(1), f.node(2), sent);
    f.send(f.node(1), f.node(2), opaque); // not serialisable, but nothing tries
    sent.items().add("b");
    f.sim.runFor(Duration.ofMillis(2));

    List<Object> got = f.messages(f.node(2));
    assertEquals(2, got.size());
    assertSame(sent, got.get(0));
    assertEquals(List.of("a", "b"), ((Bag) got.get(0)).items(), "shared: the receiver sees the mutation");
    assertSame(opaque, got.get(1));
  }

  @Test
  @DisplayName("a non-serialisable message sent by a node fails the run with UNCAUGHT_EXCEPTION naming the type")
  void nonSerialisableFromANodeFailsTheRun() {
    Simulation sim = Simulation.create(5);
    Network net = Network.attach(sim, NetworkOptions.defaults());
    List<Object> got = new ArrayList<>();
    NodeRef b = sim.addNode("b", ctx -> () -> ctx.component(Endpoint.class).onMessage((from, m) -> got.add(m)));
    sim.addNode("a", ctx -> () -> ctx.component(Endpoint.class).send(b, new WithOptional(Optional.of("v"))));

    RunResult r = sim.runFor(Duration.ofSeconds(1));

    assertEquals(RunStatus.FAILED, r.status());
    SimulationFailure failure = r.failure().orElseThrow();
    assertEquals(SimulationFailure.Kind.UNCAUGHT_EXCEPTION, failure.kind());
    assertEquals(Optional.of("a"), failure.node(), "the sender's event fails, at its send");
    IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, failure.cause().orElseThrow());
    assertTrue(cause.getMessage().contains(WithOptional.class.getName()), cause.getMessage());
    assertTrue(cause.getMessage().contains("cannot be serialised"), cause.getMessage());
    assertEquals(0, net.totals().sent(), "nothing left the sender");
    assertTrue(got.isEmpty());
  }

  @Test
  @DisplayName("a non-serialisable message sent by the test driver throws IllegalArgumentException at send")
  void nonSerialisableFromTheDriverThrowsAtSend() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(1)));
    NodeRef a = f.node(1);
    NodeRef b = f.node(2);

    var optional = assertThrows(IllegalArgumentException.class, () -> f.send(a, b, new WithOptional(Optional.empty())));
    assertTrue(optional.getMessage().contains(WithOptional.class.getName()), optional.getMessage());

    var opaque = assertThrows(IllegalArgumentException.class, () -> f.send(a, b, new Opaque(1)));
    assertTrue(opaque.getMessage().contains(Opaque.class.getName()), opaque.getMessage());
    assertTrue(opaque.getMessage().contains("cannot be deserialised"), opaque.getMessage());

    var untyped = assertThrows(IllegalArgumentException.class, () -> f.send(a, b, new Holder(new Msg(1))));
    assertTrue(untyped.getMessage().contains(Holder.class.getName()), untyped.getMessage());
    assertTrue(untyped.getMessage().contains("does not survive serialisation"), untyped.getMessage());

    var bareList = assertThrows(IllegalArgumentException.class, () -> f.send(a, b, new ArrayList<>(List.of(new Msg(1)))));
    assertTrue(bareList.getMessage().contains("does not survive serialisation"), bareList.getMessage());

    assertThrows(IllegalArgumentException.class, () -> f.send(a, b, null));

    f.sim.runFor(Duration.ofMillis(5));
    assertTrue(f.inbox(b).isEmpty());
    assertEquals(0, f.net.totals().sent());
    f.assertNoFailure();
  }

  @Test
  @DisplayName("strings, numbers and lists of numbers cross the wire as equal values")
  void plainValuesCross() {
    NetFixture f = NetFixture.create(1, 2, NetFixture.constant(Duration.ofMillis(1)));
    List<Object> sent = List.of("text", 42L, 7, true, 2.5, List.of(1, 2, 3), new Msg(9));
    for (Object m : sent) {
      f.send(f.node(1), f.node(2), m);
    }
    f.sim.runFor(Duration.ofMillis(2));
    // Constant latency: all arrive at the same time, in an order the tie-break chose.
    assertEquals(sent.size(), f.messages(f.node(2)).size());
    assertTrue(f.messages(f.node(2)).containsAll(sent), f.messages(f.node(2)).toString());
  }
}
