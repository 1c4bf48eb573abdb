package dev.hourglass.benchmarks;

import dev.hourglass.disk.Disk;
import dev.hourglass.disk.DiskFaults;
import dev.hourglass.disk.DiskOptions;
import dev.hourglass.disk.SimDisk;
import dev.hourglass.disk.SimFile;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.RunResult;
import dev.hourglass.runtime.RunStatus;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import java.time.Duration;
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
 * Simulated disk operations per second, on one node's {@link SimDisk} with the default
 * (SSD-like) latencies, each sampled per operation. The world issues operations on the node's
 * file and runs the simulation until they complete; one operation is one {@code read}, {@code
 * write} or {@code fsync} through the whole path (argument checks, the data copy, latency
 * sample, the kernel's queue and dispatch, the incarnation check, fault rolls, the overlay, the
 * capacity check, the trace event) and a check of its future afterwards.
 *
 * <ul>
 *   <li>{@code write}: {@value #OPS} writes of 4 KiB at increasing offsets into an empty file,
 *       {@value #DEPTH} in flight at a time, never synced — so the volatile overlay grows to
 *       {@value #OPS} entries (32 MiB) within the invocation, as for a node that writes a lot
 *       between fsyncs;
 *   <li>{@code read}: {@value #OPS} reads of 4 KiB at increasing offsets (wrapping) from a 1 MiB
 *       file whose content is durable, {@value #DEPTH} in flight at a time;
 *   <li>{@code writeFsync}: {@value #OPS} operations as write-then-fsync cycles, one at a time
 *       (each awaited before the next is issued, as a write-ahead log that syncs every record
 *       does): a 4 KiB write at the next offset, then an fsync of the file.
 * </ul>
 *
 * <p>{@code faults=OFF}: no storage faults, and every operation must succeed. {@code faults=ON}:
 * read corruption, latent sector errors, misdirected writes, write errors and fsync errors each
 * at 1% per operation ({@link #FAULTS}); failed operations (I/O errors) still count as
 * operations. Each invocation starts from a fresh simulation (set up outside the timed region),
 * so the file does not grow from one invocation to the next. Trace retention is off ({@code
 * traceRecordsMax = 0}); the hash covers every event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class DiskBenchmark {
  /** Operations per invocation. */
  static final int OPS = 1 << 13;
  /** Operations in flight at once for {@code write} and {@code read}. */
  static final int DEPTH = 32;
  static final int BLOCK_BYTES = 4096;
  /** Blocks of the file {@code read} reads (1 MiB: small, since every invocation preloads it afresh). */
  static final int READ_BLOCKS = 256;

  /** Every fault kind at 1% per operation; corruption stays in the returned bytes. */
  static final DiskFaults FAULTS = new DiskFaults(0.01, false, 0.01, 0.01, 0.01, 0.01);

  private static final Duration FOREVER = Duration.ofDays(36_500);

  /** Storage faults off or on. */
  public enum Faults {
    OFF,
    ON
  }

  @Param({"OFF", "ON"})
  Faults faults;

  private final byte[] block = new byte[BLOCK_BYTES];
  private final SimFuture<?>[] inFlight = new SimFuture<?>[DEPTH];
  private long seed;
  private Simulation sim;
  private SimDisk disk;
  private SimFile writeFile;
  private SimFile readFile;
  private long failures;

  @Setup(Level.Trial)
  public void setUpTrial() {
    for (int i = 0; i < BLOCK_BYTES; i++) {
      block[i] = (byte) (i * 31 + 7);
    }
  }

  /** A fresh world for every invocation: a node with an empty file and a 1 MiB durable one. */
  @Setup(Level.Invocation)
  public void setUpInvocation() {
    SimulationOptions options = SimulationOptions.defaults()
        .withTraceRecordsMax(0)
        .withEventsMax(Long.MAX_VALUE)
        .withVirtualTimeMax(FOREVER)
        .withBuggify(SimulationOptions.BuggifyOptions.disabled());
    sim = Simulation.create(++seed, options);
    Disk disks = Disk.attach(sim, DiskOptions.defaults().withFaults(faults == Faults.ON ? FAULTS : DiskFaults.none()));
    NodeRef node = sim.addNode("n1", ctx -> () -> {});
    disk = disks.disk(node);
    run();
    disk.preload("read", new byte[READ_BLOCKS * BLOCK_BYTES]);
    SimFuture<SimFile> created = disk.create("write");
    SimFuture<SimFile> opened = disk.open("read");
    run();
    writeFile = created.getNow();
    readFile = opened.getNow();
    failures = 0;
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long write() {
    for (int i = 0; i < OPS; i += DEPTH) {
      for (int k = 0; k < DEPTH; k++) {
        inFlight[k] = writeFile.write((long) (i + k) * BLOCK_BYTES, block);
      }
      run();
      checkBatch();
    }
    return finish();
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long read() {
    for (int i = 0; i < OPS; i += DEPTH) {
      for (int k = 0; k < DEPTH; k++) {
        inFlight[k] = readFile.read((long) ((i + k) % READ_BLOCKS) * BLOCK_BYTES, BLOCK_BYTES);
      }
      run();
      checkBatch();
    }
    return finish();
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public long writeFsync() {
    for (int i = 0; i < OPS / 2; i++) {
      inFlight[0] = writeFile.write((long) i * BLOCK_BYTES, block);
      run();
      inFlight[1] = writeFile.fsync();
      run();
      check(inFlight[0]);
      check(inFlight[1]);
    }
    return finish();
  }

  private void run() {
    RunResult result = sim.runUntilQuiescent(FOREVER);
    if (result.status() != RunStatus.QUIESCENT) {
      throw new IllegalStateException("disk operations did not finish: " + result);
    }
  }

  private void checkBatch() {
    for (int k = 0; k < DEPTH; k++) {
      check(inFlight[k]);
    }
  }

  /** Every operation completed; with faults off, every one succeeded. */
  private void check(SimFuture<?> f) {
    if (!f.isDone()) {
      throw new IllegalStateException("a disk operation did not complete");
    }
    if (f.isCompletedExceptionally()) {
      if (faults == Faults.OFF) {
        throw new IllegalStateException("a disk operation failed without faults: " + f.failure().orElseThrow());
      }
      failures++;
    }
  }

  /** With faults on, some must have been injected: a benchmark that did less work must not report. */
  private long finish() {
    long injected = disk.stats().faults().values().stream().mapToLong(Long::longValue).sum();
    if ((faults == Faults.ON) != (injected > 0)) {
      throw new IllegalStateException("faults=" + faults + " but " + injected + " were injected in " + OPS + " operations");
    }
    return sim.trace().hash() + failures;
  }
}
