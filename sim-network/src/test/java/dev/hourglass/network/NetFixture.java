package dev.hourglass.network;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import dev.hourglass.runtime.TraceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A simulation of {@code n1..nN} whose nodes record every message they receive (with the virtual
 * time and the sender) and register their handler again at every restart. Shared by the network
 * tests so that each test states only its scenario.
 */
final class NetFixture {
  /** A message as the receiving node saw it. */
  record Received(long atNanos, String from, Object message) {}

  /** A plain value message: the number lets tests check order and identity. */
  record Msg(int n) {}

  final Simulation sim;
  final Network net;
  final List<NodeRef> nodes = new ArrayList<>();
  private final Map<String, List<Received>> inbox = new LinkedHashMap<>();
  private final List<Object> sentByDriver = new ArrayList<>();

  private NetFixture(Simulation sim, Network net) {
    this.sim = sim;
    this.net = net;
  }

  static NetFixture create(long seed, int nodeCount, LinkOptions link) {
    return create(seed, nodeCount, NetworkOptions.defaults().withDefaultLink(link), SimulationOptions.defaults());
  }

  static NetFixture create(long seed, int nodeCount, NetworkOptions netOptions, SimulationOptions simOptions) {
    Simulation sim = Simulation.create(seed, simOptions);
    Network net = Network.attach(sim, netOptions);
    NetFixture f = new NetFixture(sim, net);
    for (int i = 1; i <= nodeCount; i++) {
      String name = "n" + i;
      List<Received> box = new ArrayList<>();
      f.inbox.put(name, box);
      f.nodes.add(
          sim.addNode(
              name,
              ctx ->
                  () ->
                      ctx.component(Endpoint.class)
                          .onMessage((from, m) -> box.add(new Received(sim.nowNanos(), from.name(), m)))));
    }
    sim.runFor(Duration.ZERO); // every onStart has run: handlers are registered
    return f;
  }

  /** Links with a constant latency and nothing else: the simplest network to reason about. */
  static LinkOptions constant(Duration latency) {
    return LinkOptions.defaults().withLatency(LatencyModel.constant(latency));
  }

  NodeRef node(int oneBased) {
    return nodes.get(oneBased - 1);
  }

  Endpoint endpoint(NodeRef node) {
    return net.endpoint(node);
  }

  /** Sends from the test driver, as {@code from} (allowed while {@code from} is up). */
  void send(NodeRef from, NodeRef to, Object message) {
    net.endpoint(from).send(to, message);
    sentByDriver.add(message);
  }

  /**
   * The messages sent through {@link #send}, by their network id (the detail of their {@code
   * net.send} trace record). Valid when every send of the run went through {@link #send}.
   */
  Map<Long, Object> sentById() {
    List<TraceRecord> sends = traced("net.send");
    if (sends.size() != sentByDriver.size()) {
      throw new IllegalStateException("some sends did not go through the fixture: " + sends.size() + " vs " + sentByDriver.size());
    }
    Map<Long, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < sends.size(); i++) {
      m.put(sends.get(i).detail(), sentByDriver.get(i));
    }
    return m;
  }

  /** The messages parked at {@code node} ({@code net.park} records), in the order they arrived. */
  List<Object> parkedAt(NodeRef node) {
    Map<Long, Object> byId = sentById();
    return traced("net.park").stream().filter(r -> r.node().equals(node.name())).map(r -> byId.get(r.detail())).toList();
  }

  /** Sends {@code message} after {@code delay}, as a world event. */
  void sendAt(Duration delay, NodeRef from, NodeRef to, Object message) {
    sim.schedule(delay, () -> send(from, to, message));
  }

  List<Received> inbox(NodeRef node) {
    return inbox.get(node.name());
  }

  List<Object> messages(NodeRef node) {
    return inbox(node).stream().map(Received::message).toList();
  }

  /** The numbers of the {@link Msg}s {@code node} received, in delivery order. */
  List<Integer> numbers(NodeRef node) {
    return inbox(node).stream().map(r -> ((Msg) r.message()).n()).toList();
  }

  /** Names of the nodes {@code node} received at least one message from. */
  TreeSet<String> heardFrom(NodeRef node) {
    TreeSet<String> s = new TreeSet<>();
    inbox(node).forEach(r -> s.add(r.from()));
    return s;
  }

  void clearInboxes() {
    inbox.values().forEach(List::clear);
  }

  /** The retained trace records with {@code label}, oldest first. */
  List<TraceRecord> traced(String label) {
    return sim.trace().records().stream().filter(r -> r.label().equals(label)).toList();
  }

  void assertNoFailure() {
    sim.failure().ifPresent(f -> {
      throw new AssertionError("simulation failed: " + f.describe(), f.cause().orElse(null));
    });
  }
}
