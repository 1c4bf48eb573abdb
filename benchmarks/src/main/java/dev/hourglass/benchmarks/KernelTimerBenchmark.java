package dev.hourglass.benchmarks;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.SimRandom;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hold model: {@value #TIMERS} timers pending at random future times; each event, when it
 * fires, sets a new timer at now + a random delay, so the queue stays at {@value #TIMERS}.
 * Measured three ways in one run, so their ratio is meaningful:
 *
 * <ul>
 *   <li>{@code kernel}: node timers through the full kernel ({@link NodeContext#schedule}, the
 *       radix-heap queue, the run loop, dispatch with incarnation checks, trace hashing; no
 *       trace retention). The run stops after exactly {@value #EVENTS} events through {@link
 *       Simulation#runUntil}, whose condition is checked before every event (one field read);
 *   <li>{@code binaryHeap}: a bare binary min-heap of {@code long} times in an array, written
 *       here: pop the minimum (sift down), push now + delay (sift up). No payload, no dispatch;
 *   <li>{@code quaternaryHeap}: the same with four children per node (shallower, and a node's
 *       children share a cache line).
 * </ul>
 *
 * <p>All three draw their delays from the same precomputed array (uniform in [1 ns, 1 ms]), so
 * random-number cost is equal and equal to a load. Scores are events per second.
 *
 * <p>Target (issue 2): {@code kernel} at least 1.5 times {@code binaryHeap}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class KernelTimerBenchmark {
  static final int TIMERS = 1024;
  static final int EVENTS = 1 << 16;
  private static final int DELAYS = 1 << 16;
  private static final int DELAY_MASK = DELAYS - 1;
  private static final long DELAY_NANOS_MAX = 1_000_000;

  private long[] delays;

  // kernel
  private Simulation sim;
  private int kernelCursor;
  private int remaining;

  // bare heaps
  private final long[] binary = new long[TIMERS];
  private final long[] quaternary = new long[TIMERS];
  private int heapCursor;

  @Setup(Level.Trial)
  public void setUp() {
    SimRandom random = new SimRandom(42);
    delays = new long[DELAYS];
    for (int i = 0; i < DELAYS; i++) {
      delays[i] = random.nextLong(1, DELAY_NANOS_MAX + 1);
    }

    sim = Simulation.create(42, KernelBenchmarkSupport.options(TieBreak.SEEDED));
    NodeContext node = KernelBenchmarkSupport.idleNode(sim, "n1");
    Runnable timer = new Timer(node);
    for (int i = 0; i < TIMERS; i++) {
      node.schedule(delays[kernelCursor++ & DELAY_MASK], "timer", 0, timer);
    }

    for (int i = 0; i < TIMERS; i++) {
      long due = delays[heapCursor++ & DELAY_MASK];
      BinaryHeap.push(binary, i, due);
      QuaternaryHeap.push(quaternary, i, due);
    }
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long kernel() {
    remaining = EVENTS;
    RunResult result = sim.runUntil(() -> remaining == 0, KernelBenchmarkSupport.FOREVER);
    if (result.status() != RunStatus.CONDITION_MET) {
      throw new IllegalStateException("timer run did not finish: " + result);
    }
    KernelBenchmarkSupport.checkEvents("kernel timers", EVENTS, result.eventsRun());
    return sim.trace().hash();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long binaryHeap() {
    long[] heap = binary;
    long[] d = delays;
    int cursor = heapCursor;
    long now = 0;
    for (int e = 0; e < EVENTS; e++) {
      now = BinaryHeap.pop(heap, TIMERS);
      BinaryHeap.push(heap, TIMERS - 1, now + d[cursor++ & DELAY_MASK]);
    }
    heapCursor = cursor;
    return now;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long quaternaryHeap() {
    long[] heap = quaternary;
    long[] d = delays;
    int cursor = heapCursor;
    long now = 0;
    for (int e = 0; e < EVENTS; e++) {
      now = QuaternaryHeap.pop(heap, TIMERS);
      QuaternaryHeap.push(heap, TIMERS - 1, now + d[cursor++ & DELAY_MASK]);
    }
    heapCursor = cursor;
    return now;
  }

  /** A node timer that, when it fires, sets the next one at now + the next delay. */
  private final class Timer implements Runnable {
    private final NodeContext node;

    Timer(NodeContext node) {
      this.node = node;
    }

    @Override
    public void run() {
      remaining--;
      node.schedule(delays[kernelCursor++ & DELAY_MASK], "timer", 0, this);
    }
  }

  /** A binary min-heap of times in {@code heap[0, size)}. */
  static final class BinaryHeap {
    private BinaryHeap() {}

    /** Adds {@code key} to a heap of {@code size} elements (the array must have room). */
    static void push(long[] heap, int size, long key) {
      int i = size;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        long p = heap[parent];
        if (p <= key) {
          break;
        }
        heap[i] = p;
        i = parent;
      }
      heap[i] = key;
    }

    /** Removes and returns the minimum of a heap of {@code size} elements. */
    static long pop(long[] heap, int size) {
      long top = heap[0];
      int n = size - 1;
      long key = heap[n];
      int i = 0;
      int half = n >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        long c = heap[child];
        int right = child + 1;
        if (right < n && heap[right] < c) {
          child = right;
          c = heap[right];
        }
        if (key <= c) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = key;
      return top;
    }
  }

  /** A 4-ary min-heap of times in {@code heap[0, size)}: children of i are 4i+1 .. 4i+4. */
  static final class QuaternaryHeap {
    private QuaternaryHeap() {}

    static void push(long[] heap, int size, long key) {
      int i = size;
      while (i > 0) {
        int parent = (i - 1) >>> 2;
        long p = heap[parent];
        if (p <= key) {
          break;
        }
        heap[i] = p;
        i = parent;
      }
      heap[i] = key;
    }

    static long pop(long[] heap, int size) {
      long top = heap[0];
      int n = size - 1;
      long key = heap[n];
      int i = 0;
      while (true) {
        int first = 4 * i + 1;
        if (first >= n) {
          break;
        }
        int child = first;
        long c = heap[first];
        int end = Math.min(first + 4, n);
        for (int j = first + 1; j < end; j++) {
          long x = heap[j];
          if (x < c) {
            c = x;
            child = j;
          }
        }
        if (key <= c) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = key;
      return top;
    }
  }
}
