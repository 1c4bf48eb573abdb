package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.internal.EventQueue;
import dev.hourglass.runtime.internal.QueueFullException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One simulated world: a virtual clock, a queue of pending events, random streams forked from
 * one seed, named nodes, and the trace. Everything runs on the thread that calls a {@code run*}
 * method, one event at a time, in an order fixed by the seed; nothing ever runs in real time.
 *
 * <p>Events due at the same virtual time are ordered by a draw from the seed (or by insertion,
 * see {@link SimulationOptions.TieBreak}). An event belongs to a node or to the world (the test
 * driver). A node's events are dropped once it crashes, wait while it is paused, and run with
 * that node as the current node, so that futures, fault points and logs know whose they are.
 *
 * <p>Components such as the simulated network and disk attach without this class knowing them:
 * through the typed registries ({@link #putComponent}, {@link #registerNodeComponent}) and the
 * {@link NodeLifecycleListener}s.
 */
public final class Simulation {
  static final int ANY_INCARNATION = -1;
  private static final String DROPPED = "dropped";
  private static final String DEFERRED = "deferred";
  private static final ThreadLocal<Simulation> CURRENT = new ThreadLocal<>();

  private final long seed;
  private final SimulationOptions options;
  private final SimRandom random;
  private final EventQueue queue;
  private final Trace trace;
  private final List<NodeRef> nodes = new ArrayList<>();
  private final Map<String, NodeRef> nodesByName = new LinkedHashMap<>();
  private final List<NodeLifecycleListener> listeners = new ArrayList<>();
  private final Map<Class<?>, Object> components = new LinkedHashMap<>();
  private final Map<Class<?>, Function<NodeRef, ?>> nodeComponentFactories = new LinkedHashMap<>();
  private final FaultPoints faultPoints;
  private final SimLogger worldLog;

  private long now;
  private long eventsRun;
  private int currentNode = Trace.WORLD;
  private int currentIncarnation = ANY_INCARNATION;
  private Thread schedulerThread;
  private SimulationFailure failure;
  private RunStatus stickyLimit;
  private QueueFullException queueFull; // set when an add overflowed, even if the caller caught it

  private Simulation(long seed, SimulationOptions options) {
    this.seed = seed;
    this.options = options;
    this.random = new SimRandom(seed);
    this.queue =
        new EventQueue(
            options.tieBreak() == SimulationOptions.TieBreak.INSERTION_ORDER,
            random.fork("kernel/tie-break"),
            options.queueCapacityMax());
    this.trace = new Trace(options.traceRecordsMax(), i -> nodes.get(i).name());
    this.faultPoints = new FaultPoints(this, options.buggify());
    this.worldLog = new SimLogger(this, "world", "world");
    this.schedulerThread = Thread.currentThread();
  }

  /** A simulation with default options. */
  public static Simulation create(long seed) {
    return new Simulation(seed, SimulationOptions.defaults());
  }

  public static Simulation create(long seed, SimulationOptions options) {
    checkNotNull(options, "options");
    return new Simulation(seed, options);
  }

  /** The simulation whose event is running on this thread, if any (used by {@link Sim}). */
  static Optional<Simulation> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  // ---- the world --------------------------------------------------------------------------------

  public long seed() {
    return seed;
  }

  public SimulationOptions options() {
    return options;
  }

  /** Virtual time, in nanoseconds since the simulation began. */
  public long nowNanos() {
    return now;
  }

  /** The root random stream; components fork their own by name. */
  public SimRandom random() {
    return random;
  }

  public Trace trace() {
    return trace;
  }

  /** Events dispatched so far (including dropped ones), over all runs. */
  public long eventsRun() {
    return eventsRun;
  }

  /** Events pending now. */
  public int pendingEvents() {
    return queue.size();
  }

  /** The failure that stopped this simulation, if any. */
  public Optional<SimulationFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** A logger for test-driver code, with virtual time on every line. */
  public SimLogger log() {
    return worldLog;
  }

  /** Records a trace event for the current node (for components: sends, drops, faults). */
  public void traceEvent(String label, long detail) {
    checkNotNull(label, "label");
    trace.record(now, currentNode, label, detail);
  }

  /** Records a trace event attributed to {@code node}. */
  public void traceEvent(NodeRef node, String label, long detail) {
    checkNotNull(label, "label");
    trace.record(now, node.id(), label, detail);
  }

  // ---- components -------------------------------------------------------------------------------

  /** Attaches a simulation-wide component (the network, a fault injector) under {@code type}. */
  public <T> void putComponent(Class<T> type, T component) {
    checkNotNull(component, "component");
    checkArgument(!components.containsKey(type), "component already attached: type=%s", type.getName());
    components.put(type, component);
  }

  public <T> Optional<T> findComponent(Class<T> type) {
    return Optional.ofNullable(type.cast(components.get(type)));
  }

  public <T> T component(Class<T> type) {
    return findComponent(type)
        .orElseThrow(() -> new IllegalArgumentException("no component attached: type=" + type.getName()));
  }

  /**
   * Gives every node — those already added and those added later — a component of {@code type},
   * made once per node by {@code factory}; it survives the node's crashes (a disk does).
   */
  public <T> void registerNodeComponent(Class<T> type, Function<NodeRef, ? extends T> factory) {
    checkArgument(
        !nodeComponentFactories.containsKey(type), "node component already registered: type=%s", type.getName());
    nodeComponentFactories.put(type, factory);
    for (NodeRef node : nodes) {
      node.components.put(type, checkNotNull(factory.apply(node), "factory returned null"));
    }
  }

  public void addLifecycleListener(NodeLifecycleListener listener) {
    listeners.add(checkNotNull(listener, "listener"));
  }

  // ---- nodes ------------------------------------------------------------------------------------

  /** Adds a node and starts it now (its {@code onStart} is the next event at this time). */
  public NodeRef addNode(String name, NodeFactory factory) {
    NodeRef node = addStoppedNode(name, factory);
    start(node);
    return node;
  }

  /** Adds a node that stays down until {@link #start}. */
  public NodeRef addStoppedNode(String name, NodeFactory factory) {
    checkArgument(name != null && !name.isBlank(), "node name must be non-blank");
    checkArgument(!nodesByName.containsKey(name), "node name already used: name=%s", name);
    checkArgument(!name.equals("world"), "node name 'world' is reserved for the test driver");
    checkNotNull(factory, "factory");
    NodeRef node = new NodeRef(nodes.size(), name, factory);
    nodes.add(node);
    nodesByName.put(name, node);
    nodeComponentFactories.forEach(
        (type, f) -> node.components.put(type, checkNotNull(f.apply(node), "factory returned null")));
    trace.record(now, node.id(), "node.added", 0);
    listeners.forEach(l -> l.onAdded(node));
    return node;
  }

  public List<NodeRef> nodes() {
    return List.copyOf(nodes);
  }

  public NodeRef node(String name) {
    NodeRef node = nodesByName.get(name);
    checkArgument(node != null, "no such node: name=%s (nodes: %s)", name, nodesByName.keySet());
    return node;
  }

  public NodeRef node(int id) {
    checkArgument(id >= 0 && id < nodes.size(), "no such node: id=%s", id);
    return nodes.get(id);
  }

  /** Starts a down node: a fresh instance from its factory; its {@code onStart} runs next. */
  public void start(NodeRef node) {
    checkState(node.status == NodeStatus.DOWN, "node is not down: node=%s status=%s", node, node.status);
    node.incarnation++;
    node.status = NodeStatus.UP;
    NodeContext context = new NodeContext(this, node, node.incarnation);
    node.context = context;
    trace.record(now, node.id(), "node.start", node.incarnation);
    int savedNode = currentNode;
    int savedIncarnation = currentIncarnation;
    currentNode = node.id();
    currentIncarnation = node.incarnation;
    try {
      node.instance = checkNotNull(node.factory.create(context), "node factory returned null: node=%s", node);
    } finally {
      currentNode = savedNode;
      currentIncarnation = savedIncarnation;
    }
    Node instance = node.instance;
    enqueue(now, (Runnable) instance::onStart, "start", node.incarnation, node.id(), node.incarnation);
    listeners.forEach(l -> l.onStarted(node));
  }

  /** Restarts a down node (alias of {@link #start}, for readability in fault plans). */
  public void restart(NodeRef node) {
    start(node);
  }

  /**
   * Crashes a node: its instance, timers, pending callbacks and events queued during a pause
   * are dropped at once. What survives is whatever components keep (its disk's durable state).
   */
  public void crash(NodeRef node) {
    checkState(node.status != NodeStatus.DOWN, "node is already down: node=%s", node);
    node.status = NodeStatus.DOWN;
    node.incarnation++;
    node.instance = null;
    node.context = null;
    // Events that waited through a pause die with the node; components that count their drops
    // (a network's messages) are told, as for any event that finds its node down.
    java.util.List<NodeRef.Deferred> waiting = new java.util.ArrayList<>(node.deferred);
    node.deferred.clear();
    for (NodeRef.Deferred d : waiting) {
      if (d.action() instanceof DropAware dropAware) {
        trace.record(now, node.id(), DROPPED, d.label().hashCode() ^ d.detail());
        dropAware.dropped(node);
      }
    }
    int id = node.id();
    queue.forEachPending(
        (eventId, slot) -> {
          if (queue.nodeOf(slot) == id && queue.incarnationOf(slot) != ANY_INCARNATION) {
            queue.cancel(eventId);
          }
        });
    trace.record(now, id, "node.crash", node.incarnation);
    listeners.forEach(l -> l.onCrashed(node));
  }

  /** Freezes a node: its events wait, in order, until {@link #resume}. */
  public void pause(NodeRef node) {
    checkState(node.status == NodeStatus.UP, "only a running node can be paused: node=%s status=%s", node, node.status);
    node.status = NodeStatus.PAUSED;
    trace.record(now, node.id(), "node.pause", node.incarnation);
    listeners.forEach(l -> l.onPaused(node));
  }

  /** Unfreezes a node; the events that came due meanwhile run next, in the order they came due. */
  public void resume(NodeRef node) {
    checkState(node.status == NodeStatus.PAUSED, "node is not paused: node=%s status=%s", node, node.status);
    node.status = NodeStatus.UP;
    trace.record(now, node.id(), "node.resume", node.deferred.size());
    if (!node.deferred.isEmpty()) {
      int incarnation = node.incarnation;
      enqueue(now, new Drain(node, incarnation), "resume", 0, node.id(), incarnation);
    }
    listeners.forEach(l -> l.onResumed(node));
  }

  /** The event that runs a resumed node's deferred events: the one event of the node not queued behind them. */
  private final class Drain implements Runnable {
    private final NodeRef node;
    private final int incarnation;

    Drain(NodeRef node, int incarnation) {
      this.node = node;
      this.incarnation = incarnation;
    }

    @Override
    public void run() {
      drainDeferred(node, incarnation);
    }
  }

  private void drainDeferred(NodeRef node, int incarnation) {
    while (!node.deferred.isEmpty() && node.incarnation == incarnation && failure == null) {
      if (node.status == NodeStatus.PAUSED) {
        return; // paused again by one of its own events: the rest waits for the next resume
      }
      NodeRef.Deferred d = node.deferred.pollFirst();
      trace.record(now, node.id(), d.label(), d.detail());
      execute(node.id(), incarnation, d.action());
    }
  }

  /** Moves a node's clock by {@code jumpNanos} (negative moves it back, like an NTP step). */
  public void skewClock(NodeRef node, long jumpNanos) {
    node.jumpClock(now, jumpNanos);
    trace.record(now, node.id(), "clock.jump", jumpNanos);
  }

  /** Sets how fast a node's clock runs relative to virtual time, in parts per million. */
  public void setClockDrift(NodeRef node, long driftPpm) {
    node.setDrift(now, driftPpm);
    trace.record(now, node.id(), "clock.drift", driftPpm);
  }

  // ---- scheduling -------------------------------------------------------------------------------

  /** Runs {@code action} as a world event after {@code delay}; returns its id. */
  public long schedule(Duration delay, Runnable action) {
    return schedule(delay.toNanos(), "world", 0, action);
  }

  /** Runs {@code action} as a world event after {@code delayNanos}; returns its id. */
  public long schedule(long delayNanos, String label, long detail, Runnable action) {
    return scheduleFor(Trace.WORLD, ANY_INCARNATION, delayNanos, label, detail, action);
  }

  /**
   * Runs {@code action} as an event of {@code node} after {@code delayNanos} of virtual time,
   * whatever incarnation is up then: dropped if the node is down when it comes due (and a {@link
   * DropAware} action is told), deferred if paused. This is how components deliver messages.
   */
  public long scheduleOn(NodeRef node, long delayNanos, String label, long detail, Runnable action) {
    return scheduleFor(node.id(), ANY_INCARNATION, delayNanos, label, detail, action);
  }

  long scheduleFor(int node, int incarnation, long delayNanos, String label, long detail, Runnable action) {
    checkArgument(delayNanos >= 0, "delayNanos must be >= 0: delayNanos=%s", delayNanos);
    checkNotNull(label, "label");
    checkNotNull(action, "action");
    long due = now + delayNanos;
    if (due < 0) {
      due = Long.MAX_VALUE; // overflow: never due within any limit
    }
    return enqueue(due, action, label, detail, node, incarnation);
  }

  /**
   * Adds to the queue, remembering an overflow so that the run reports it even when the code that
   * scheduled catches the exception (as a failed {@code always} cannot be hidden either).
   */
  private long enqueue(long due, Runnable action, String label, long detail, int node, int incarnation) {
    try {
      return queue.add(due, action, label, detail, node, incarnation);
    } catch (QueueFullException e) {
      queueFull = e;
      throw e;
    }
  }

  /** Cancels a pending event; false if it already ran, was dropped or cancelled. */
  public boolean cancel(long eventId) {
    return queue.cancel(eventId);
  }

  /** True if the event is still pending. */
  public boolean isPending(long eventId) {
    return queue.isPending(eventId);
  }

  /** A new incomplete future of this simulation. */
  public <T> SimFuture<T> newFuture() {
    return new SimFuture<>(this);
  }

  /** Who is running now: the node and incarnation whose event this is (or the world). */
  record Binding(int node, int incarnation) {}

  Binding currentBinding() {
    return new Binding(currentNode, currentIncarnation);
  }

  void runBound(Binding binding, String label, Runnable action) {
    scheduleBound(binding, 0, label, 0, action);
  }

  long scheduleBound(Binding binding, long delayNanos, String label, long detail, Runnable action) {
    return scheduleFor(binding.node(), binding.incarnation(), delayNanos, label, detail, action);
  }

  void checkSchedulerThread() {
    checkState(
        Thread.currentThread() == schedulerThread,
        "a simulation is single-threaded: called from %s, but it runs on %s",
        Thread.currentThread().getName(),
        schedulerThread.getName());
  }

  // ---- fault points and assertions -------------------------------------------------------------

  /**
   * A fault point. False outside a simulation; here, each site is enabled for the whole run with
   * the configured probability (drawn once, from the site's own stream) and an enabled site fires
   * with the configured probability each time.
   */
  public boolean buggify(String site) {
    return faultPoints.evaluate(site);
  }

  /**
   * Switches fault points on or off from now on (a nemesis's buggify on/off). Sites keep the
   * enablement they drew; while off, every {@code buggify} returns false.
   */
  public void setBuggifyActive(boolean active) {
    faultPoints.setActive(active);
    trace.record(now, currentNode, "buggify.active", active ? 1 : 0);
  }

  /** What every fault point did in this run, in the order they were first evaluated. */
  public List<BuggifySite> buggifyReport() {
    return faultPoints.report();
  }

  /** Fails the run if {@code condition} is false (the message, seed and time are reported). */
  public void always(boolean condition, String message) {
    if (!condition) {
      fail(SimulationFailure.Kind.ASSERTION, message, Optional.empty());
      throw new AssertionViolation(failure);
    }
  }

  /** Records whether {@code condition} held; a campaign reports the ones never true. */
  public void sometimes(boolean condition, String message) {
    faultPoints.cover(message, CoverageEntry.Kind.SOMETIMES, condition);
  }

  /** Records that this point was reached; a campaign reports the ones never reached. */
  public void reachable(String message) {
    faultPoints.cover(message, CoverageEntry.Kind.REACHABLE, true);
  }

  public List<CoverageEntry> coverage() {
    return faultPoints.coverage();
  }

  /** Thrown by a failed {@code always}; an Error so that node code catching Exception cannot hide it. */
  static final class AssertionViolation extends Error {
    AssertionViolation(SimulationFailure failure) {
      super(failure.describe(), null, false, false);
    }
  }

  private void fail(SimulationFailure.Kind kind, String message, Optional<Throwable> cause) {
    if (failure == null) {
      Optional<String> node = currentNode == Trace.WORLD ? Optional.empty() : Optional.of(nodes.get(currentNode).name());
      failure = new SimulationFailure(kind, message, seed, now, node, cause);
      trace.record(now, currentNode, "failure", kind.ordinal());
    }
  }

  // ---- running ----------------------------------------------------------------------------------

  /** Runs every event due within {@code duration} from now; the clock then reads now + duration. */
  public RunResult runFor(Duration duration) {
    long nanos = duration.toNanos();
    checkArgument(nanos >= 0, "duration must be >= 0: duration=%s", duration);
    return run(saturatedAdd(now, nanos), null, true);
  }

  /** Runs until {@code condition} holds (checked before every event) or {@code timeout} passes. */
  public RunResult runUntil(BooleanSupplier condition, Duration timeout) {
    checkNotNull(condition, "condition");
    return run(saturatedAdd(now, timeout.toNanos()), condition, false);
  }

  /** Runs until no event is pending, or {@code limit} of virtual time passes. */
  public RunResult runUntilQuiescent(Duration limit) {
    return run(saturatedAdd(now, limit.toNanos()), null, false);
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  private RunResult run(long deadline, BooleanSupplier condition, boolean advanceToDeadline) {
    Simulation previous = CURRENT.get();
    schedulerThread = Thread.currentThread();
    CURRENT.set(this);
    long startEvents = eventsRun;
    try {
      RunStatus status = loop(deadline, condition, advanceToDeadline);
      return new RunResult(status, eventsRun - startEvents, now, queue.size(), Optional.ofNullable(failure));
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  private RunStatus loop(long deadline, BooleanSupplier condition, boolean advanceToDeadline) {
    if (failure != null) {
      return RunStatus.FAILED;
    }
    if (stickyLimit != null) {
      return stickyLimit;
    }
    if (queueFull != null) {
      return queueLimitReached(); // the test driver overflowed the queue between runs
    }
    long timeMax = options.virtualTimeMaxNanos();
    long eventsMax = options.eventsMax();
    long horizon = Math.min(deadline, timeMax);
    while (true) {
      if (condition != null && condition.getAsBoolean()) {
        return RunStatus.CONDITION_MET;
      }
      if (eventsRun >= eventsMax) {
        return stickyLimit = RunStatus.EVENTS_MAX_EXCEEDED;
      }
      int slot = queue.poll(horizon);
      if (slot < 0) {
        // Events left beyond the limit, or a runFor whose clock cannot reach its deadline.
        if (deadline > timeMax && (queue.size() > 0 || advanceToDeadline)) {
          now = Math.max(now, timeMax);
          return stickyLimit = RunStatus.VIRTUAL_TIME_MAX_EXCEEDED;
        }
        if (advanceToDeadline) {
          now = Math.max(now, horizon);
          return RunStatus.DEADLINE_REACHED;
        }
        return queue.size() == 0 ? RunStatus.QUIESCENT : RunStatus.DEADLINE_REACHED;
      }
      now = queue.lastTime();
      eventsRun++;
      int node = queue.nodeOf(slot);
      int incarnation = queue.incarnationOf(slot);
      Runnable action = (Runnable) queue.actionOf(slot);
      String label = queue.labelOf(slot);
      long detail = queue.detailOf(slot);
      queue.release(slot);
      try {
        dispatch(node, incarnation, action, label, detail);
      } catch (QueueFullException e) {
        // recorded in queueFull by enqueue
      }
      if (failure != null) {
        return RunStatus.FAILED;
      }
      if (queueFull != null) {
        return queueLimitReached();
      }
    }
  }

  private RunStatus queueLimitReached() {
    trace.record(now, currentNode, "limit.queue", queueFull.capacityMax());
    return stickyLimit = RunStatus.QUEUE_CAPACITY_EXCEEDED;
  }

  private void dispatch(int node, int incarnation, Runnable action, String label, long detail) {
    if (node == Trace.WORLD) {
      trace.record(now, node, label, detail);
      execute(node, incarnation, action);
      return;
    }
    NodeRef ref = nodes.get(node);
    if (ref.status == NodeStatus.DOWN || (incarnation != ANY_INCARNATION && incarnation != ref.incarnation)) {
      trace.record(now, node, DROPPED, label.hashCode() ^ detail);
      if (action instanceof DropAware dropAware) {
        dropAware.dropped(ref);
      }
      return;
    }
    // Paused, or resumed with events still waiting for the drain: this one waits behind them, so
    // that the node runs its events in the order they came due.
    if (ref.status == NodeStatus.PAUSED || (!ref.deferred.isEmpty() && !(action instanceof Drain))) {
      trace.record(now, node, DEFERRED, label.hashCode() ^ detail);
      ref.deferred.addLast(new NodeRef.Deferred(action, label, detail, incarnation));
      return;
    }
    trace.record(now, node, label, detail);
    execute(node, ref.incarnation, action);
  }

  private void execute(int node, int incarnation, Runnable action) {
    currentNode = node;
    currentIncarnation = incarnation;
    try {
      action.run();
    } catch (AssertionViolation e) {
      // already recorded by always(); the loop stops after this event
    } catch (QueueFullException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      fail(SimulationFailure.Kind.UNCAUGHT_EXCEPTION, e.toString(), Optional.of(e));
    } finally {
      currentNode = Trace.WORLD;
      currentIncarnation = ANY_INCARNATION;
    }
  }
}
