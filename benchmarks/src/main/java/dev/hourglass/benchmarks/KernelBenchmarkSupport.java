package dev.hourglass.benchmarks;

import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.runtime.SimulationOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the kernel benchmarks share: options that keep the limits out of the way and a node whose
 * context the benchmark can schedule timers on.
 *
 * <p>Every benchmark runs the full kernel — queue, dispatch, incarnation checks and trace hashing
 * — but keeps no trace records ({@code traceRecordsMax = 0}): retention writes 40 bytes per event
 * into arrays that grow to a million entries, which would measure memory bandwidth and the GC
 * rather than the scheduler. The trace hash still covers every event.
 */
final class KernelBenchmarkSupport {
  private KernelBenchmarkSupport() {}

  /** Far enough that no benchmark reaches it (about 100 years of virtual time). */
  static final Duration FOREVER = Duration.ofDays(36_500);

  /** Kernel options for benchmarks: no trace retention, no fault points, limits out of reach. */
  static SimulationOptions options(SimulationOptions.TieBreak tieBreak) {
    return SimulationOptions.defaults()
        .withTieBreak(tieBreak)
        .withTraceRecordsMax(0)
        .withEventsMax(Long.MAX_VALUE)
        .withVirtualTimeMax(FOREVER)
        .withBuggify(SimulationOptions.BuggifyOptions.disabled());
  }

  /** Adds a node that does nothing on start, runs its start event, and returns its context. */
  static NodeContext idleNode(Simulation sim, String name) {
    AtomicReference<NodeContext> context = new AtomicReference<>();
    sim.addNode(
        name,
        ctx -> {
          context.set(ctx);
          return () -> {};
        });
    sim.runUntilQuiescent(Duration.ZERO);
    if (context.get() == null || sim.pendingEvents() != 0) {
      throw new IllegalStateException("node did not start: node=" + name + " pending=" + sim.pendingEvents());
    }
    return context.get();
  }

  /** Throws unless {@code actual == expected}: a benchmark that did less work must not report. */
  static void checkEvents(String what, long expected, long actual) {
    if (actual != expected) {
      throw new IllegalStateException(what + ": expected " + expected + " events, ran " + actual);
    }
  }
}
