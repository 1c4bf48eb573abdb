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
 * The kernel's fixed cost per event: a chain of no-op events at the current virtual time, each
 * scheduling the next at delay 0, so the clock never moves and the queue never holds more than
 * one event. Each operation is one event through the whole kernel: {@code schedule}, the queue,
 * the run loop, dispatch (for node timers: the node's status and incarnation checks and its
 * clock's delay conversion), the trace hash, and the action itself.
 *
 * <p>{@code owner=WORLD} schedules world events ({@link Simulation#schedule(long, String, long,
 * Runnable)}), {@code owner=NODE} node timers ({@link NodeContext#schedule(long, String, long,
 * Runnable)}). Trace retention is off ({@code traceRecordsMax = 0}); the hash covers every event.
 *
 * <p>Target (issue 2): at least 20 million events per second on one core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class KernelNoOpChainBenchmark {
  /** Events per invocation: long enough that entering and leaving {@code run*} is noise. */
  static final int EVENTS = 1 << 16;

  /** Who owns the chained events. */
  public enum Owner {
    WORLD,
    NODE
  }

  @Param({"WORLD", "NODE"})
  Owner owner;

  private Simulation sim;
  private Link link;
  private int remaining;

  @Setup(Level.Trial)
  public void setUp() {
    sim = Simulation.create(42, KernelBenchmarkSupport.options(TieBreak.SEEDED));
    NodeContext node = KernelBenchmarkSupport.idleNode(sim, "n1");
    link = owner == Owner.WORLD ? new WorldLink() : new NodeLink(node);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long chain() {
    remaining = EVENTS;
    link.scheduleNext();
    RunResult result = sim.runUntilQuiescent(KernelBenchmarkSupport.FOREVER);
    if (result.status() != RunStatus.QUIESCENT) {
      throw new IllegalStateException("chain did not finish: " + result);
    }
    KernelBenchmarkSupport.checkEvents("no-op chain", EVENTS, result.eventsRun());
    return sim.trace().hash();
  }

  /** One event of the chain: it schedules the next at delay 0 until {@code EVENTS} have run. */
  private abstract class Link implements Runnable {
    abstract void scheduleNext();

    @Override
    public final void run() {
      if (--remaining > 0) {
        scheduleNext();
      }
    }
  }

  private final class WorldLink extends Link {
    @Override
    void scheduleNext() {
      sim.schedule(0, "noop", remaining, this);
    }
  }

  private final class NodeLink extends Link {
    private final NodeContext node;

    NodeLink(NodeContext node) {
      this.node = node;
    }

    @Override
    void scheduleNext() {
      node.schedule(0, "noop", remaining, this);
    }
  }
}
