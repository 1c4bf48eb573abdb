package dev.hourglass.benchmarks;

import dev.hourglass.network.Endpoint;
import dev.hourglass.network.LatencyModel;
import dev.hourglass.network.LinkOptions;
import dev.hourglass.network.LinkStats;
import dev.hourglass.network.Network;
import dev.hourglass.network.NetworkOptions;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Messages delivered per second through the simulated network: {@value #NODES} nodes
 * ping-ponging, with {@value #IN_FLIGHT} messages in flight at all times. Each delivered message
 * is answered by its receiver with a message back to the sender, until {@value #MESSAGES} have
 * been delivered in the invocation; one operation is one delivery. A delivery costs the whole
 * path: {@code Endpoint.send} (checks, the optional copy, the link's counters and trace event,
 * loss and duplication checks, a latency sample from the link's model), the kernel's queue and
 * dispatch, the network's arrival (partition, hold and clog checks) and the hand-off to the
 * handler.
 *
 * <ul>
 *   <li>{@code latency=DATACENTER}: the default model, {@link LatencyModel#datacenter()} (a
 *       log-normal with 0.5 ms median, sigma 0.5, and 1% uniform in 10–100 ms), sampled per
 *       message from the network's seeded stream — the headline;
 *   <li>{@code latency=CONSTANT}: every message takes 0.5 ms — no sampling, as a reference for
 *       what sampling costs;
 *   <li>{@code copyMessages=true} round-trips every message through Jackson (the default of
 *       {@link NetworkOptions}); {@code false} hands the (immutable) record over as it is.
 * </ul>
 *
 * <p>No loss, duplication, partitions or clogs (they are branches not taken); trace retention is
 * off ({@code traceRecordsMax = 0}) but every send, arrival and delivery is folded into the trace
 * hash. The message is a small record; with copying on, its JSON form is about 20 bytes.
 *
 * <p>Target (issue 3): at least 5 million deliveries per second on one core with latency
 * sampling on ({@code latency=DATACENTER, copyMessages=false}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class NetworkBenchmark {
  /** Deliveries per invocation. */
  static final int MESSAGES = 1 << 16;

  static final int NODES = 5;
  /** Messages in flight at once (so the kernel's queue holds about this many events). */
  static final int IN_FLIGHT = 1024;

  private static final Duration FOREVER = Duration.ofDays(36_500);

  /** A message: an immutable record, as Hourglass asks of messages. */
  public record Ping(long round, int hops) {}

  /** The link latency model. */
  public enum Latency {
    DATACENTER,
    CONSTANT
  }

  @Param({"DATACENTER", "CONSTANT"})
  Latency latency;

  @Param({"false", "true"})
  boolean copyMessages;

  private Simulation sim;
  private Network network;
  private final List<NodeRef> nodes = new ArrayList<>();
  private final List<Endpoint> endpoints = new ArrayList<>();
  private long sendsLeft;
  private long delivered;

  @Setup(Level.Trial)
  public void setUp() {
    SimulationOptions options = SimulationOptions.defaults()
        .withTraceRecordsMax(0)
        .withEventsMax(Long.MAX_VALUE)
        .withVirtualTimeMax(FOREVER)
        .withBuggify(SimulationOptions.BuggifyOptions.disabled());
    sim = Simulation.create(42, options);
    LatencyModel model = switch (latency) {
      case DATACENTER -> LatencyModel.datacenter();
      case CONSTANT -> new LatencyModel.Constant(500_000);
    };
    network = Network.attach(sim, new NetworkOptions(LinkOptions.defaults().withLatency(model), copyMessages));
    for (int i = 0; i < NODES; i++) {
      NodeRef node = sim.addNode("n" + i, ctx -> () -> {});
      Endpoint endpoint = network.endpoint(node);
      endpoint.onMessage((from, message) -> {
        delivered++;
        if (sendsLeft > 0) {
          sendsLeft--;
          endpoint.send(from, message);
        }
      });
      nodes.add(node);
      endpoints.add(endpoint);
    }
    RunResult started = sim.runUntilQuiescent(Duration.ZERO);
    if (started.status() != RunStatus.QUIESCENT) {
      throw new IllegalStateException("nodes did not start: " + started);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public long pingPong() {
    long deliveredBefore = delivered;
    long countedBefore = network.totals().delivered();
    sendsLeft = MESSAGES - IN_FLIGHT;
    // The world starts IN_FLIGHT exchanges, spread over every ordered pair of distinct nodes.
    for (int i = 0; i < IN_FLIGHT; i++) {
      int from = i % NODES;
      int to = (from + 1 + (i / NODES) % (NODES - 1)) % NODES;
      endpoints.get(from).send(nodes.get(to), new Ping(i, 0));
    }
    RunResult result = sim.runUntilQuiescent(FOREVER);
    if (result.status() != RunStatus.QUIESCENT) {
      throw new IllegalStateException("ping-pong did not finish: " + result);
    }
    // A benchmark that did less work must not report: both our count and the network's agree.
    LinkStats totals = network.totals();
    if (delivered - deliveredBefore != MESSAGES || totals.delivered() - countedBefore != MESSAGES) {
      throw new IllegalStateException("expected " + MESSAGES + " deliveries, handler saw "
          + (delivered - deliveredBefore) + ", network counted " + (totals.delivered() - countedBefore));
    }
    return sim.trace().hash();
  }
}
