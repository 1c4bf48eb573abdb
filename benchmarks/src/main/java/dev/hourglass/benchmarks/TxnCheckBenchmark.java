package dev.hourglass.benchmarks;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.txn.ListAppendGenerator;
import dev.hourglass.checkers.txn.TxnChecker;
import dev.hourglass.checkers.txn.TxnResult;
import dev.hourglass.checkers.txn.Validity;
import dev.hourglass.checkers.txn.Workload;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transactional (Elle-style) checking of generated list-append histories: {@code transactions}
 * transactions by 10 processes over 1,000 active keys (ListAppendGenerator's defaults: 1-4
 * micro-ops, half reads, 32 appends per key), checked against strict serializability — version
 * orders, the dependency graph with real-time order, strongly connected components, and the
 * single-transaction anomalies. The history is generated once per fork; the benchmark is the
 * check alone, on one thread, in a 1 GiB heap.
 *
 * <p>Reported: checks per second, the {@code transactions} counter as transactions checked per
 * second, and at tear-down the heap's peak use (history included) — or use {@code -prof gc}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar TxnCheckBenchmark
 * java -jar benchmarks/target/benchmarks.jar TxnCheckBenchmark -p transactions=1000000 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseSerialGC"})
@State(Scope.Benchmark)
public class TxnCheckBenchmark {
  @Param({"100000", "1000000"})
  public int transactions;

  private History history;

  /** Transactions checked, as a JMH rate: transactions per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Checked {
    public long transactions;
  }

  @Setup(Level.Trial)
  public void setup() {
    history = ListAppendGenerator.generate(transactions, 10, 1_000, 42);
    TxnResult r = TxnChecker.check(history, Workload.LIST_APPEND);
    if (r.validity() != Validity.VALID) {
      throw new IllegalStateException("a generated history must be valid:\n" + r.describe());
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  @Benchmark
  public TxnResult check(Checked checked) {
    TxnResult r = TxnChecker.check(history, Workload.LIST_APPEND);
    checked.transactions += transactions;
    return r;
  }

  @TearDown(Level.Trial)
  public void report() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("%n%d transactions: peak heap %d MiB (of %d MiB max); the history alone retains about %d MiB%n",
        transactions, peak >> 20, Runtime.getRuntime().maxMemory() >> 20, retained >> 20);
  }
}
