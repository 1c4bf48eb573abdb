package dev.hourglass.benchmarks;

import dev.hourglass.samples.raft.RaftKvScenario;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole seeds of scenario {@code raft-kv} — the Raft KV store on five servers under the standard
 * fault mix, with its default options (as {@code hourglass run} and {@code hourglass fuzz} run
 * it) — on one thread. One invocation runs seeds {@code 1..}{@value #SEEDS} in order, each one
 * complete: building the cluster, the 5 s safety phase with the nemesis, the liveness phase (up
 * to 10 s of virtual time: heal, elect, answer the final reads) and the linearizability check of
 * the history. One operation is one seed ({@code @OperationsPerInvocation}), so the primary score
 * is <b>seeds per second</b> on one thread.
 *
 * <p><b>Simulated seconds per wall-clock second</b> is the secondary score {@code
 * simulatedSeconds}: an {@link AuxCounters} counter of type {@code OPERATIONS} to which every
 * invocation adds the virtual time its seeds ran ({@link RunResult#virtualNanos()}, summed over
 * the {@value #SEEDS} seeds, in seconds). JMH divides it by the iteration's wall time, like the
 * primary score, so it reads as simulated seconds per wall second. The same figure follows from
 * the primary score: seeds/s × {@link #virtualSecondsPerSeed} (printed at setup; 5.88 s of
 * virtual time per seed for seeds 1..250 when this was written).
 *
 * <p>Every invocation checks itself: every seed must pass, and the invocation's total virtual time
 * and combined trace hash must equal those of the first one (a run that did different work must
 * not report). Warm-up is long on purpose: the JIT takes 10–20 s of this workload to settle (a
 * fresh JVM ran its first thousand seeds at a quarter to a seventh of the steady speed).
 *
 * <p>JVM options are the CLI's ({@code ./hourglass}: {@code --add-opens java.base/java.lang},
 * parallel collector), with a fixed 1 GB heap.
 *
 * <p>Target (the Raft issue): at least 2,000 simulated seconds per wall-clock second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class RaftKvBenchmark {
  /** Seeds per invocation: 1..SEEDS. */
  static final int SEEDS = 250;

  private final RaftKvScenario scenario = new RaftKvScenario();
  private RunOptions options;
  private long expectedVirtualNanos = -1;
  private long expectedHash;

  /** Virtual seconds per seed, averaged over seeds 1..{@value #SEEDS}: the first invocation's. */
  double virtualSecondsPerSeed;

  /** Simulated seconds run, as a rate: JMH reports it per wall-clock second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class SimulatedTime {
    public double simulatedSeconds;

    @Setup(Level.Iteration)
    public void reset() {
      simulatedSeconds = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    options = scenario.defaultOptions();
  }

  @Benchmark
  @OperationsPerInvocation(SEEDS)
  public long seed(SimulatedTime time) {
    long virtualNanos = 0;
    long hash = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.outcome() != Outcome.PASS) {
        throw new IllegalStateException("seed " + seed + " did not pass: " + r.outcome() + " " + r.reason());
      }
      virtualNanos += r.virtualNanos();
      hash = hash * 31 + r.traceHash();
    }
    if (expectedVirtualNanos < 0) {
      expectedVirtualNanos = virtualNanos;
      expectedHash = hash;
      virtualSecondsPerSeed = virtualNanos / 1e9 / SEEDS;
      System.out.printf("%nraft-kv seeds 1..%d: %.3f virtual s per seed, combined trace hash %016x%n",
          SEEDS, virtualSecondsPerSeed, hash);
    } else if (virtualNanos != expectedVirtualNanos || hash != expectedHash) {
      throw new IllegalStateException("seeds 1.." + SEEDS + " ran differently: virtualNanos=" + virtualNanos
          + " (first " + expectedVirtualNanos + ") hash=" + Long.toHexString(hash) + " (first " + Long.toHexString(expectedHash) + ")");
    }
    time.simulatedSeconds += virtualNanos / 1e9;
    return hash;
  }
}
