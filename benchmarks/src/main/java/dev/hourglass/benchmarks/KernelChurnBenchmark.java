package dev.hourglass.benchmarks;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions.TieBreak;
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
 * Two costs the no-op chain does not show, through the full kernel (trace hashing on, retention
 * off):
 *
 * <ul>
 *   <li>{@code rpcTimeoutChurn}: an RPC client's pattern. Each operation is one reply event that
 *       cancels the timeout of the request it answers, sets a new timeout for the next request
 *       and schedules that request's reply {@value #RPC_STEP_NANOS} ns later: one event run, two
 *       scheduled, one cancelled. The timeout never fires. With {@code timeoutNanos=10000} about
 *       ten cancelled timeouts are pending at any time and surface in the queue, where they are
 *       skipped; with {@code timeoutNanos=1000000000} they pile up until the queue compacts them.
 *   <li>{@code tieBreak}: a no-op chain {@code width} events wide: {@code width} chains, each
 *       event scheduling its successor {@code stepNanos} later, so {@code width} events are due
 *       at every instant. With {@code SEEDED}, each of them is picked by a draw from the
 *       tie-break stream; with {@code INSERTION_ORDER}, in scheduling order (after a sort by
 *       sequence when the time group reaches the front). {@code width=1} draws nothing and is
 *       the baseline. {@code stepNanos=0} keeps the clock still (the group is refilled as it
 *       runs); {@code stepNanos=1000} moves it, so each group passes through the radix heap.
 * </ul>
 *
 * <p>Scores are operations (RPC steps, or events) per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class KernelChurnBenchmark {
  static final int EVENTS = 1 << 16;
  static final long RPC_STEP_NANOS = 1_000;

  /** A node whose replies cancel and re-arm one request timeout. */
  @State(Scope.Thread)
  public static class Rpc {
    @Param({"10000", "1000000000"})
    long timeoutNanos;

    private Simulation sim;
    private NodeContext node;
    private Runnable reply;
    private final Runnable timeout = () -> {
      throw new IllegalStateException("an RPC timeout fired: the benchmark's timeouts must all be cancelled");
    };
    private long timeoutId;
    private int remaining;
    private int cancelFailures;

    @Setup(Level.Trial)
    public void setUp() {
      sim = Simulation.create(42, KernelBenchmarkSupport.options(TieBreak.SEEDED));
      node = KernelBenchmarkSupport.idleNode(sim, "client");
      reply = this::onReply;
      timeoutId = node.schedule(timeoutNanos, "rpc.timeout", 0, timeout);
      node.schedule(RPC_STEP_NANOS, "rpc.reply", 0, reply);
    }

    private void onReply() {
      if (!node.cancel(timeoutId)) {
        cancelFailures++;
      }
      remaining--;
      timeoutId = node.schedule(timeoutNanos, "rpc.timeout", 0, timeout);
      node.schedule(RPC_STEP_NANOS, "rpc.reply", 0, reply);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long rpcTimeoutChurn(Rpc rpc) {
    rpc.remaining = EVENTS;
    RunResult result = rpc.sim.runUntil(() -> rpc.remaining == 0, KernelBenchmarkSupport.FOREVER);
    if (result.status() != RunStatus.CONDITION_MET || rpc.cancelFailures != 0) {
      throw new IllegalStateException(
          "rpc churn went wrong: " + result + " cancelFailures=" + rpc.cancelFailures);
    }
    KernelBenchmarkSupport.checkEvents("rpc churn", EVENTS, result.eventsRun());
    return rpc.sim.trace().hash();
  }

  /** {@code width} parallel no-op chains. */
  @State(Scope.Thread)
  public static class Ties {
    @Param({"SEEDED", "INSERTION_ORDER"})
    TieBreak tieBreak;

    @Param({"1", "8"})
    int width;

    @Param({"0", "1000"})
    long stepNanos;

    private Simulation sim;
    private int remaining;

    @Setup(Level.Trial)
    public void setUp() {
      sim = Simulation.create(42, KernelBenchmarkSupport.options(tieBreak));
      NodeContext node = KernelBenchmarkSupport.idleNode(sim, "n1");
      for (int i = 0; i < width; i++) {
        node.schedule(stepNanos, "noop", i, new Link(node, i));
      }
    }

    /** One of the chains: every event schedules its successor {@code stepNanos} later. */
    private final class Link implements Runnable {
      private final NodeContext node;
      private final long chain;

      Link(NodeContext node, long chain) {
        this.node = node;
        this.chain = chain;
      }

      @Override
      public void run() {
        remaining--;
        node.schedule(stepNanos, "noop", chain, this);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long tieBreak(Ties ties) {
    ties.remaining = EVENTS;
    RunResult result = ties.sim.runUntil(() -> ties.remaining == 0, KernelBenchmarkSupport.FOREVER);
    if (result.status() != RunStatus.CONDITION_MET) {
      throw new IllegalStateException("tie-break chain did not finish: " + result);
    }
    KernelBenchmarkSupport.checkEvents("tie-break chain", EVENTS, result.eventsRun());
    return ties.sim.trace().hash();
  }
}
