package dev.hourglass.network;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.network.internal.InFlight;
import dev.hourglass.network.internal.LinkState;
import dev.hourglass.network.internal.MessageCopier;
import dev.hourglass.runtime.DropAware;
import dev.hourglass.runtime.NodeLifecycleListener;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated network of one simulation. Each node gets an {@link Endpoint}; a message sent
 * through it reaches the destination's handler as an event, after a latency drawn from the
 * link's {@link LatencyModel}, unless a fault intervenes.
 *
 * <p>The fault model, all driven by the simulation's seeded streams:
 *
 * <ul>
 *   <li><b>Latency and reordering</b>: independent latencies reorder messages; a FIFO link
 *       delivers in send order.
 *   <li><b>Loss and duplication</b>: per-link rates; a duplicate travels with its own latency.
 *   <li><b>Capacity</b>: a link holds at most {@code inFlightMax} messages; more are dropped.
 *   <li><b>Partitions</b>: a cut link drops what is sent on it and what arrives on it (a message
 *       in flight when the cut happens is lost, as with a firewall rule).
 *   <li><b>Clogging</b>: a clogged link or node holds arriving messages (not drops them) until
 *       the clog ends, then delivers them in arrival order.
 *   <li><b>Hold/release</b>: a test captures a link's messages and releases them when it
 *       chooses, to build an exact interleaving by hand.
 *   <li><b>Crashes and pauses</b> come from the kernel: a message arriving at a down node is
 *       dropped, one arriving at a paused node waits; what a node sent before crashing may still
 *       arrive.
 * </ul>
 *
 * <p>Every send, delivery, drop (with its reason), duplication and partition change is a trace
 * event, and is counted per link ({@link #stats}).
 */
public final class Network {
  private final Simulation sim;
  private LinkOptions defaultLink;
  private final boolean copyMessages;
  private final SimRandom latencyRandom;
  private final SimRandom faultRandom;
  private final SimRandom shapeRandom;
  private final List<Endpoint> endpoints = new ArrayList<>();
  private LinkState[][] links = new LinkState[0][0];
  private long[] nodeClogUntilNanos = new long[0];
  private long messageSeq;
  private final InFlight.Sink sink = new Sink();

  private Network(Simulation sim, NetworkOptions options) {
    this.sim = sim;
    this.defaultLink = options.defaultLink();
    this.copyMessages = options.copyMessages();
    this.latencyRandom = sim.random().fork("net/latency");
    this.faultRandom = sim.random().fork("net/faults");
    this.shapeRandom = sim.random().fork("net/shapes");
  }

  /** Attaches a network to {@code sim}: every node, present and future, gets an endpoint. */
  public static Network attach(Simulation sim, NetworkOptions options) {
    checkNotNull(sim, "sim");
    checkNotNull(options, "options");
    Network net = new Network(sim, options);
    sim.putComponent(Network.class, net);
    sim.registerNodeComponent(Endpoint.class, net::newEndpoint);
    sim.addLifecycleListener(
        new NodeLifecycleListener() {
          @Override
          public void onCrashed(NodeRef node) {
            net.onCrashed(node);
          }
        });
    return net;
  }

  /** The network attached to {@code sim}. */
  public static Network of(Simulation sim) {
    return sim.component(Network.class);
  }

  private Endpoint newEndpoint(NodeRef node) {
    checkState(node.id() == endpoints.size(), "nodes are numbered densely: id=%s", node.id());
    Endpoint e = new Endpoint(this, node);
    endpoints.add(e);
    int n = endpoints.size();
    LinkState[][] grown = new LinkState[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        grown[i][j] = i < links.length && j < links.length ? links[i][j] : new LinkState();
      }
    }
    links = grown;
    nodeClogUntilNanos = Arrays.copyOf(nodeClogUntilNanos, n);
    return e;
  }

  public Simulation simulation() {
    return sim;
  }

  public Endpoint endpoint(NodeRef node) {
    return endpoints.get(node.id());
  }

  // ---- link settings ---------------------------------------------------------------------------

  /** Changes the behaviour of every link without an override (e.g. turn on loss as a fault). */
  public void setDefaultLink(LinkOptions options) {
    this.defaultLink = checkNotNull(options, "options");
    // A record's hashCode is not specified across JDKs; the detail must be.
    sim.traceEvent("net.default-link", Double.doubleToLongBits(options.lossRate())
        ^ Double.doubleToLongBits(options.duplicateRate()) * 3 ^ options.inFlightMax() * 5L ^ (options.fifo() ? 7 : 0));
  }

  public LinkOptions defaultLink() {
    return defaultLink;
  }

  /** Overrides the behaviour of the directed link {@code from → to}. */
  public void configureLink(NodeRef from, NodeRef to, LinkOptions options) {
    link(from, to).options = checkNotNull(options, "options");
  }

  /** Removes the override of {@code from → to}: it follows the default again. */
  public void resetLink(NodeRef from, NodeRef to) {
    link(from, to).options = null;
  }

  public LinkOptions linkOptions(NodeRef from, NodeRef to) {
    LinkOptions o = link(from, to).options;
    return o != null ? o : defaultLink;
  }

  private LinkState link(NodeRef from, NodeRef to) {
    return links[from.id()][to.id()];
  }

  // ---- sending and delivering ------------------------------------------------------------------

  void send(NodeRef from, NodeRef to, Object message) {
    checkNotNull(to, "to");
    checkState(from.isUp(), "only a running node sends: node=%s status=%s", from, from.status());
    transmit(from, to, outgoing(message));
  }

  /**
   * What leaves the sender for {@code message}: a copy through JSON when {@link
   * NetworkOptions#copyMessages} is on (failing, naming the type, if it cannot cross a wire), the
   * object itself when it is off. Messages and RPC bodies alike go through here.
   */
  Object outgoing(Object message) {
    return copyMessages ? MessageCopier.copy(message) : checkNotNull(message, "message");
  }

  /** Sends an already-copied payload (RPC envelopes copy their body, not themselves). */
  void transmit(NodeRef from, NodeRef to, Object payload) {
    LinkState link = link(from, to);
    LinkOptions o = link.options != null ? link.options : defaultLink;
    long id = ++messageSeq;
    link.sent++;
    sim.traceEvent(from, "net.send", id);
    if (link.blocked) {
      drop(from, link, id, DropReason.PARTITIONED);
      return;
    }
    if (o.lossRate() > 0 && faultRandom.chance(o.lossRate())) {
      drop(from, link, id, DropReason.LOSS);
      return;
    }
    enqueue(from, to, payload, id, link, o);
    if (o.duplicateRate() > 0 && faultRandom.chance(o.duplicateRate())) {
      long copyId = ++messageSeq;
      link.duplicated++;
      sim.traceEvent(from, "net.duplicate", copyId);
      enqueue(from, to, copyMessages ? copyOf(payload) : payload, copyId, link, o);
    }
  }

  /**
   * An independent copy of a payload for its duplicate. RPC envelopes carry their body as an
   * {@code Object}, which Jackson cannot type on the way back: copy the body, not the envelope.
   */
  private static Object copyOf(Object payload) {
    if (payload instanceof Rpc.Request r) {
      return new Rpc.Request(r.callId(), MessageCopier.copy(r.body()));
    }
    if (payload instanceof Rpc.Response r) {
      return new Rpc.Response(r.callId(), r.body() == null ? null : MessageCopier.copy(r.body()), r.error());
    }
    return MessageCopier.copy(payload);
  }

  private void enqueue(NodeRef from, NodeRef to, Object payload, long id, LinkState link, LinkOptions o) {
    if (link.inFlight >= o.inFlightMax()) {
      drop(from, link, id, DropReason.LINK_FULL);
      return;
    }
    long now = sim.nowNanos();
    long due = now + o.latency().sampleNanos(latencyRandom);
    if (o.fifo()) {
      due = Math.max(due, link.lastDeliveryNanos + 1); // strictly later: no tie to reorder
      link.lastDeliveryNanos = due;
    }
    link.inFlight++;
    sim.scheduleOn(to, due - now, "net.arrive", id, new InFlight(from, to, payload, id, now, link, sink));
  }

  private void drop(NodeRef at, LinkState link, long id, DropReason reason) {
    link.dropped[reason.ordinal()]++;
    sim.traceEvent(at, reason.traceLabel(), id);
  }

  private final class Sink implements InFlight.Sink {
    @Override
    public void arrive(InFlight m) {
      LinkState link = m.link;
      if (link.blocked) {
        link.inFlight--;
        drop(m.to, link, m.id, DropReason.PARTITIONED);
        return;
      }
      // A message never overtakes those parked ahead of it on its link, not even one arriving at
      // the very time of their release: that would break arrival order, and FIFO links.
      if (link.held || link.releaseEventId != LinkState.NO_EVENT || !link.parked.isEmpty() || cloggedNow(m.from, m.to)) {
        link.parked.addLast(m);
        sim.traceEvent(m.to, "net.park", m.id);
        return;
      }
      deliver(m);
    }

    @Override
    public void destinationDown(InFlight m) {
      m.link.inFlight--;
      drop(m.to, m.link, m.id, DropReason.DESTINATION_DOWN);
    }
  }

  /** Hands an arrived message to its destination's handler, unless a cut or no handler drops it. */
  private void deliver(InFlight m) {
    LinkState link = m.link;
    if (link.blocked) {
      link.inFlight--;
      drop(m.to, link, m.id, DropReason.PARTITIONED);
      return;
    }
    Endpoint endpoint = endpoints.get(m.to.id());
    if (!endpoint.accepts(m.payload)) {
      link.inFlight--;
      drop(m.to, link, m.id, DropReason.NO_HANDLER);
      return;
    }
    link.inFlight--;
    link.delivered++;
    long latency = sim.nowNanos() - m.sentAtNanos;
    if (latency > link.latencyNanosMax) {
      link.latencyNanosMax = latency;
    }
    sim.traceEvent(m.to, "net.deliver", m.id);
    endpoint.deliver(m.from, m.payload);
  }

  // ---- partitions ------------------------------------------------------------------------------

  /** True if a message sent now from {@code from} to {@code to} is not cut by a partition. */
  public boolean canReach(NodeRef from, NodeRef to) {
    return !link(from, to).blocked;
  }

  /**
   * Cuts the network into {@code groups}: nodes hear only from nodes of their own group(s).
   * Nodes in no group form one more group together. Replaces any earlier partition.
   */
  @SafeVarargs
  public final Partition partition(List<NodeRef>... groups) {
    return partition("groups", List.of(groups));
  }

  public Partition partition(String shape, List<? extends List<NodeRef>> groups) {
    List<List<String>> names = new ArrayList<>();
    List<String> unlisted = new ArrayList<>(nodeNames());
    for (List<NodeRef> g : groups) {
      checkArgument(!g.isEmpty(), "a partition group must not be empty: groups=%s", groups);
      names.add(g.stream().map(NodeRef::name).toList());
      g.forEach(n -> unlisted.remove(n.name()));
    }
    if (!unlisted.isEmpty()) {
      names.add(unlisted);
    }
    return apply(Partition.ofGroups(shape, names, nodeNames()));
  }

  /** Cuts {@code node} off from every other node, both ways. */
  public Partition isolate(NodeRef node) {
    return partition("isolate", List.of(List.of(node)));
  }

  /** A random majority and minority, cut from each other. */
  public Partition halves() {
    List<NodeRef> shuffled = shuffledNodes();
    int majority = shuffled.size() / 2 + 1;
    return partition("halves", List.of(shuffled.subList(0, majority), shuffled.subList(majority, shuffled.size())));
  }

  /**
   * Two halves that share one node: the bridge hears from everyone, the halves do not hear from
   * each other. With 5 nodes both sides of the bridge are majorities of 3.
   */
  public Partition bridge() {
    List<NodeRef> shuffled = shuffledNodes();
    checkState(shuffled.size() >= 3, "bridge needs at least 3 nodes: nodes=%s", shuffled.size());
    int middle = shuffled.size() / 2;
    return partition(
        "bridge", List.of(shuffled.subList(0, middle + 1), shuffled.subList(middle, shuffled.size())));
  }

  /**
   * Every node hears from a majority (itself and the next nodes on a random ring), and no two
   * nodes hear from the same majority — so majorities overlap but never agree. Directed: on 3
   * nodes, a hears b, b hears c, c hears a.
   */
  public Partition majoritiesRing() {
    List<NodeRef> ring = shuffledNodes();
    int n = ring.size();
    checkState(n >= 3, "majoritiesRing needs at least 3 nodes: nodes=%s", n);
    int majority = n / 2 + 1;
    TreeMap<String, SortedSet<String>> hears = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      TreeSet<String> set = new TreeSet<>();
      for (int k = 0; k < majority; k++) {
        set.add(ring.get((i + k) % n).name());
      }
      hears.put(ring.get(i).name(), set);
    }
    return apply(new Partition("majorities-ring", hears));
  }

  /** Cuts only the direction {@code from → to}, adding to any partition in force. */
  public Partition oneWay(NodeRef from, NodeRef to) {
    checkArgument(from != to, "a node always hears itself: node=%s", from);
    link(from, to).blocked = true;
    sim.traceEvent("net.partition.one-way", (long) from.id() << 32 | to.id());
    return current("one-way");
  }

  /**
   * A random shape ({@code halves}, {@code bridge}, {@code majorities-ring}) among {@code scope}
   * only: nodes outside it (clients, say) keep hearing and being heard by everyone, as Jepsen's
   * clients stay connected to the node they talk to. Replaces any earlier partition.
   */
  public Partition partitionAmong(String shape, List<NodeRef> scope) {
    checkArgument(scope.size() >= 2, "a partition needs at least 2 nodes in scope: scope=%s", scope);
    List<NodeRef> ring = shuffled(scope);
    int n = ring.size();
    TreeMap<String, SortedSet<String>> hears = new TreeMap<>();
    switch (shape) {
      case "halves", "bridge" -> {
        checkArgument(!shape.equals("bridge") || n >= 3, "bridge needs at least 3 nodes: nodes=%s", n);
        int split = shape.equals("halves") ? n / 2 + 1 : n / 2;
        List<NodeRef> a = ring.subList(0, shape.equals("halves") ? split : split + 1);
        List<NodeRef> b = ring.subList(split, n);
        for (NodeRef node : ring) {
          TreeSet<String> set = new TreeSet<>();
          if (a.contains(node)) {
            a.forEach(x -> set.add(x.name()));
          }
          if (b.contains(node)) {
            b.forEach(x -> set.add(x.name()));
          }
          hears.put(node.name(), set);
        }
      }
      case "majorities-ring" -> {
        checkArgument(n >= 3, "majorities-ring needs at least 3 nodes: nodes=%s", n);
        int majority = n / 2 + 1;
        for (int i = 0; i < n; i++) {
          TreeSet<String> set = new TreeSet<>();
          for (int k = 0; k < majority; k++) {
            set.add(ring.get((i + k) % n).name());
          }
          hears.put(ring.get(i).name(), set);
        }
      }
      default -> throw new IllegalArgumentException(
          "unknown partition shape '" + shape + "' (expected halves, bridge or majorities-ring)");
    }
    return apply(widen(shape, hears, scope));
  }

  /** Cuts {@code node} off from the rest of {@code scope}, both ways; nodes outside scope stay connected. */
  public Partition isolateAmong(NodeRef node, List<NodeRef> scope) {
    TreeMap<String, SortedSet<String>> hears = new TreeMap<>();
    for (NodeRef x : scope) {
      TreeSet<String> set = new TreeSet<>();
      if (x == node) {
        set.add(x.name());
      } else {
        scope.stream().filter(y -> y != node).forEach(y -> set.add(y.name()));
      }
      hears.put(x.name(), set);
    }
    return apply(widen("isolate", hears, scope));
  }

  // Nodes outside the scope hear everyone and are heard by everyone.
  private Partition widen(String shape, TreeMap<String, SortedSet<String>> hears, List<NodeRef> scope) {
    List<String> outside = new ArrayList<>();
    for (NodeRef x : sim.nodes()) {
      if (!scope.contains(x)) {
        outside.add(x.name());
      }
    }
    for (SortedSet<String> set : hears.values()) {
      set.addAll(outside);
    }
    for (String o : outside) {
      hears.put(o, new TreeSet<>(nodeNames()));
    }
    return new Partition(shape, hears);
  }

  /** Removes every partition. */
  public void heal() {
    for (LinkState[] row : links) {
      for (LinkState l : row) {
        l.blocked = false;
      }
    }
    sim.traceEvent("net.heal", 0);
  }

  private Partition apply(Partition p) {
    List<NodeRef> nodes = sim.nodes();
    long shapeHash = 0;
    for (NodeRef to : nodes) {
      SortedSet<String> hears = p.hears().get(to.name());
      for (NodeRef from : nodes) {
        boolean cut = !hears.contains(from.name());
        link(from, to).blocked = cut;
        shapeHash = shapeHash * 31 + (cut ? 1 : 0);
      }
    }
    sim.traceEvent("net.partition." + p.shape(), shapeHash);
    return p;
  }

  /** The partition in force, as who-hears-whom. */
  public Partition current(String shape) {
    TreeMap<String, SortedSet<String>> hears = new TreeMap<>();
    for (NodeRef to : sim.nodes()) {
      TreeSet<String> set = new TreeSet<>();
      for (NodeRef from : sim.nodes()) {
        if (!link(from, to).blocked) {
          set.add(from.name());
        }
      }
      hears.put(to.name(), set);
    }
    return new Partition(shape, hears);
  }

  private List<NodeRef> shuffledNodes() {
    return shuffled(sim.nodes());
  }

  private List<NodeRef> shuffled(List<NodeRef> among) {
    List<NodeRef> nodes = new ArrayList<>(among);
    for (int i = nodes.size() - 1; i > 0; i--) {
      int j = shapeRandom.nextInt(i + 1);
      NodeRef t = nodes.get(i);
      nodes.set(i, nodes.get(j));
      nodes.set(j, t);
    }
    return nodes;
  }

  private List<String> nodeNames() {
    return sim.nodes().stream().map(NodeRef::name).toList();
  }

  // ---- clogging, hold and release --------------------------------------------------------------

  /** Holds every message to or from {@code node} for {@code duration}, then delivers them. */
  public void clog(NodeRef node, Duration duration) {
    long until = until(duration);
    nodeClogUntilNanos[node.id()] = Math.max(nodeClogUntilNanos[node.id()], until);
    sim.traceEvent(node, "net.clog", duration.toNanos());
    scheduleRelease(until);
  }

  /** Holds messages between {@code a} and {@code b}, both ways, for {@code duration}. */
  public void clog(NodeRef a, NodeRef b, Duration duration) {
    long until = until(duration);
    link(a, b).clogUntilNanos = Math.max(link(a, b).clogUntilNanos, until);
    link(b, a).clogUntilNanos = Math.max(link(b, a).clogUntilNanos, until);
    sim.traceEvent(a, "net.clog.link", (long) a.id() << 32 | b.id());
    scheduleRelease(until);
  }

  /** Clogs {@code node} until {@link #unclog(NodeRef)}. */
  public void clog(NodeRef node) {
    nodeClogUntilNanos[node.id()] = Long.MAX_VALUE;
    sim.traceEvent(node, "net.clog", -1);
  }

  /** Ends every clog of {@code node} now and delivers what it held. */
  public void unclog(NodeRef node) {
    nodeClogUntilNanos[node.id()] = sim.nowNanos();
    sim.traceEvent(node, "net.unclog", 0);
    releaseParked();
  }

  /**
   * FoundationDB's swizzle: clogs a random non-empty subset of nodes one at a time, every {@code
   * step}, then unclogs them in reverse order, one every {@code step}. Returns the nodes in the
   * order they are clogged.
   */
  public List<NodeRef> swizzle(Duration step) {
    checkArgument(!step.isNegative() && !step.isZero(), "step must be positive: step=%s", step);
    List<NodeRef> shuffled = shuffledNodes();
    List<NodeRef> chosen = List.copyOf(shuffled.subList(0, 1 + shapeRandom.nextInt(shuffled.size())));
    long stepNanos = step.toNanos();
    for (int i = 0; i < chosen.size(); i++) {
      NodeRef n = chosen.get(i);
      sim.schedule(stepNanos * i, "net.swizzle.clog", n.id(), () -> clog(n));
      long unclogAt = stepNanos * (2L * chosen.size() - 1 - i);
      sim.schedule(unclogAt, "net.swizzle.unclog", n.id(), () -> unclog(n));
    }
    return chosen;
  }

  /** Captures messages arriving on {@code from → to} until {@link #release}. */
  public void hold(NodeRef from, NodeRef to) {
    link(from, to).held = true;
    sim.traceEvent(from, "net.hold", to.id());
  }

  /** Stops holding {@code from → to} and delivers what was held, in arrival order; returns how many. */
  public int release(NodeRef from, NodeRef to) {
    LinkState link = link(from, to);
    link.held = false;
    int count = link.parked.size();
    sim.traceEvent(from, "net.release", to.id());
    releaseParked();
    return count;
  }

  /** Messages currently parked (held or clogged) on {@code from → to}. */
  public int parked(NodeRef from, NodeRef to) {
    return link(from, to).parked.size();
  }

  private long until(Duration duration) {
    checkArgument(!duration.isNegative(), "duration must be >= 0: duration=%s", duration);
    long until = sim.nowNanos() + duration.toNanos();
    return until < 0 ? Long.MAX_VALUE : until;
  }

  private void scheduleRelease(long atNanos) {
    if (atNanos != Long.MAX_VALUE) {
      sim.schedule(atNanos - sim.nowNanos(), "net.clog.end", 0, this::releaseParked);
    }
  }

  private boolean cloggedNow(NodeRef from, NodeRef to) {
    long now = sim.nowNanos();
    return now < nodeClogUntilNanos[from.id()]
        || now < nodeClogUntilNanos[to.id()]
        || now < link(from, to).clogUntilNanos;
  }

  /**
   * Schedules the delivery, in arrival order, of the parked messages of every link no longer held
   * or clogged: one event of the destination per link (so crashes and pauses apply), which drains
   * the link — messages parked meanwhile included — in one go, whatever the tie-break.
   */
  private void releaseParked() {
    for (LinkState[] row : links) {
      for (LinkState link : row) {
        if (link.parked.isEmpty() || link.held || link.releaseEventId != LinkState.NO_EVENT) {
          continue;
        }
        InFlight first = (InFlight) link.parked.peekFirst();
        if (cloggedNow(first.from, first.to)) {
          continue;
        }
        Drain drain = new Drain(link, first.from, first.to);
        link.releaseEventId = sim.scheduleOn(first.to, 0, "net.release", link.parked.size(), drain);
        drain.eventId = link.releaseEventId;
      }
    }
  }

  /** Delivers a link's parked messages, in order, until none is left or the link clogs again. */
  private final class Drain implements DropAware {
    private final LinkState link;
    private final NodeRef from;
    private final NodeRef to;
    long eventId;

    Drain(LinkState link, NodeRef from, NodeRef to) {
      this.link = link;
      this.from = from;
      this.to = to;
    }

    @Override
    public void run() {
      if (link.releaseEventId != eventId) {
        return; // superseded (see onCrashed)
      }
      link.releaseEventId = LinkState.NO_EVENT;
      while (!link.parked.isEmpty() && !link.held && !cloggedNow(from, to)) {
        deliver((InFlight) link.parked.pollFirst());
      }
    }

    @Override
    public void dropped(NodeRef node) {
      if (link.releaseEventId != eventId) {
        return;
      }
      link.releaseEventId = LinkState.NO_EVENT;
      dropParked(link);
    }
  }

  /** The destination is down: what was parked for it is lost, as it would be on arrival. */
  private void dropParked(LinkState link) {
    while (!link.parked.isEmpty()) {
      sink.destinationDown((InFlight) link.parked.pollFirst());
    }
  }

  /**
   * The kernel forgets the events a paused node had queued when it crashes, without telling us; a
   * release among them would leave its link parking forever. Treat it as dropped.
   */
  private void onCrashed(NodeRef node) {
    endpoints.get(node.id()).reset(); // its handler and pending calls died with it
    for (LinkState[] row : links) {
      LinkState link = row[node.id()];
      if (link.releaseEventId != LinkState.NO_EVENT && !sim.isPending(link.releaseEventId)) {
        link.releaseEventId = LinkState.NO_EVENT;
        dropParked(link);
      }
    }
  }

  // ---- counters --------------------------------------------------------------------------------

  public LinkStats stats(NodeRef from, NodeRef to) {
    return link(from, to).snapshot();
  }

  /** The counters of all links added up. */
  public LinkStats totals() {
    LinkState sum = new LinkState();
    for (LinkState[] row : links) {
      for (LinkState l : row) {
        sum.sent += l.sent;
        sum.delivered += l.delivered;
        sum.duplicated += l.duplicated;
        sum.latencyNanosMax = Math.max(sum.latencyNanosMax, l.latencyNanosMax);
        for (int r = 0; r < l.dropped.length; r++) {
          sum.dropped[r] += l.dropped[r];
        }
      }
    }
    return sum.snapshot();
  }
}
