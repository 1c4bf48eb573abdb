package dev.hourglass.disk;

import dev.hourglass.disk.DiskOptions.LatencyRange;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.TraceRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A simulation of idle nodes {@code n1..nN} with disks attached, driven from the test (the
 * "world"): the test submits disk operations and {@link #await}s them. Shared by the disk tests
 * so that each test states only its scenario.
 */
final class DiskFixture {
  /** Latencies that make completion times exact: reads and writes 100 µs, syncs 1 ms. */
  static final LatencyRange READ = new LatencyRange(100_000, 100_000);
  static final LatencyRange WRITE = new LatencyRange(100_000, 100_000);
  static final LatencyRange SYNC = new LatencyRange(1_000_000, 1_000_000);

  final Simulation sim;
  final Disk disks;
  final List<NodeRef> nodes = new ArrayList<>();

  private DiskFixture(Simulation sim, Disk disks) {
    this.sim = sim;
    this.disks = disks;
  }

  static DiskFixture create(long seed, int nodeCount, DiskOptions options) {
    Simulation sim = Simulation.create(seed);
    Disk disks = Disk.attach(sim, options);
    DiskFixture f = new DiskFixture(sim, disks);
    for (int i = 1; i <= nodeCount; i++) {
      f.nodes.add(sim.addNode("n" + i, ctx -> () -> {}));
    }
    sim.runFor(Duration.ZERO);
    return f;
  }

  /** One node, the given options. */
  static DiskFixture create(long seed, DiskOptions options) {
    return create(seed, 1, options);
  }

  /** Default options with exact latencies ({@link #READ}, {@link #WRITE}, {@link #SYNC}). */
  static DiskOptions exact() {
    return DiskOptions.defaults().withLatencies(READ, WRITE, SYNC);
  }

  NodeRef node() {
    return nodes.get(0);
  }

  SimDisk disk() {
    return disks.disk(node());
  }

  SimDisk disk(NodeRef node) {
    return disks.disk(node);
  }

  /** Runs the simulation until {@code future} completes; its value, or its failure rethrown. */
  <T> T await(SimFuture<T> future) {
    runUntilDone(future);
    if (future.isCompletedExceptionally()) {
      Throwable t = future.failure().orElseThrow();
      if (t instanceof RuntimeException e) {
        throw e;
      }
      throw new AssertionError("operation failed", t);
    }
    return future.getNow();
  }

  /** Runs until {@code future} completes and returns its failure, which must be a {@link DiskException}. */
  DiskException awaitFailure(SimFuture<?> future) {
    runUntilDone(future);
    if (!future.isCompletedExceptionally()) {
      throw new AssertionError("expected a DiskException, but the operation succeeded with " + describe(future.getNow()));
    }
    Throwable t = future.failure().orElseThrow();
    if (t instanceof DiskException e) {
      return e;
    }
    throw new AssertionError("expected a DiskException, got " + t, t);
  }

  private void runUntilDone(SimFuture<?> future) {
    sim.runUntil(future::isDone, Duration.ofSeconds(60));
    assertNoFailure();
    if (!future.isDone()) {
      throw new AssertionError("operation did not complete within 60 s of virtual time");
    }
  }

  SimFile create(String name) {
    return await(disk().create(name));
  }

  SimFile open(String name) {
    return await(disk().open(name));
  }

  void write(SimFile file, long position, byte[] data) {
    await(file.write(position, data));
  }

  byte[] read(SimFile file, long position, int length) {
    return await(file.read(position, length));
  }

  /** The whole file as the node sees it now. */
  byte[] readAll(SimFile file) {
    return await(file.read(0, Math.toIntExact(file.size())));
  }

  void fsync(SimFile file) {
    await(file.fsync());
  }

  /** Creates {@code name}, makes its name durable, and writes and syncs {@code content}. */
  SimFile durableFile(String name, byte[] content) {
    SimFile f = create(name);
    await(disk().fsyncDirectory());
    if (content.length > 0) {
      write(f, 0, content);
      fsync(f);
    }
    return f;
  }

  /** Crashes {@code node} and starts it again; its disk has resolved its unsynced state. */
  void crashAndRestart(NodeRef node) {
    sim.crash(node);
    sim.restart(node);
    sim.runFor(Duration.ZERO);
  }

  void crashAndRestart() {
    crashAndRestart(node());
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

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** {@code n} copies of {@code c}. */
  static byte[] filled(int n, char c) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) c);
    return b;
  }

  private static String describe(Object value) {
    return value instanceof byte[] b ? Arrays.toString(b) : String.valueOf(value);
  }
}
