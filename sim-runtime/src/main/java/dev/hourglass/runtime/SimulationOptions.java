package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * The knobs of one simulation. Every limit is always on: a run that reaches one stops and
 * reports it ({@link RunStatus}), it never hangs or runs out of memory.
 *
 * @param tieBreak how events due at the same virtual time are ordered; default {@link
 *     TieBreak#SEEDED}
 * @param eventsMax events a simulation may dispatch over its whole life; default 50 million
 * @param virtualTimeMaxNanos virtual time a simulation may reach; default 24 hours
 * @param queueCapacityMax events that may be pending at once; default 4 million
 * @param traceRecordsMax trace records kept for the determinism self-check and for printing (the
 *     trace hash covers every event regardless); default 1 million (about 40 MB); 0 keeps none
 * @param buggify fault-point settings
 */
public record SimulationOptions(
    TieBreak tieBreak,
    long eventsMax,
    long virtualTimeMaxNanos,
    int queueCapacityMax,
    int traceRecordsMax,
    BuggifyOptions buggify) {

  /** How simultaneous events are ordered. */
  public enum TieBreak {
    /** By a draw from the run's seed: every order of simultaneous events is explored. */
    SEEDED,
    /** By the order they were scheduled in (for tests that want one fixed order). */
    INSERTION_ORDER
  }

  /**
   * Fault points ({@code buggify("site")}). Each site is enabled for a run with {@code
   * siteProbability}, drawn once per run, and an enabled site fires with {@code fireProbability}
   * each time it is evaluated.
   *
   * @param enabled false makes every site return false (a run with fault points off)
   * @param siteProbability default 0.25 (FoundationDB's value)
   * @param fireProbability default 0.25
   */
  public record BuggifyOptions(boolean enabled, double siteProbability, double fireProbability) {
    public BuggifyOptions {
      checkArgument(
          siteProbability >= 0 && siteProbability <= 1,
          "siteProbability must be in [0, 1]: siteProbability=%s",
          siteProbability);
      checkArgument(
          fireProbability >= 0 && fireProbability <= 1,
          "fireProbability must be in [0, 1]: fireProbability=%s",
          fireProbability);
    }

    public static BuggifyOptions defaults() {
      return new BuggifyOptions(true, 0.25, 0.25);
    }

    public static BuggifyOptions disabled() {
      return new BuggifyOptions(false, 0, 0);
    }
  }

  public SimulationOptions {
    checkNotNull(tieBreak, "tieBreak");
    checkNotNull(buggify, "buggify");
    checkArgument(eventsMax > 0, "eventsMax must be positive: eventsMax=%s", eventsMax);
    checkArgument(
        virtualTimeMaxNanos > 0,
        "virtualTimeMaxNanos must be positive: virtualTimeMaxNanos=%s",
        virtualTimeMaxNanos);
    checkArgument(
        queueCapacityMax > 0, "queueCapacityMax must be positive: queueCapacityMax=%s", queueCapacityMax);
    checkArgument(
        traceRecordsMax >= 0, "traceRecordsMax must be >= 0: traceRecordsMax=%s", traceRecordsMax);
  }

  public static SimulationOptions defaults() {
    return new SimulationOptions(
        TieBreak.SEEDED,
        50_000_000L,
        Duration.ofHours(24).toNanos(),
        4_000_000,
        1_000_000,
        BuggifyOptions.defaults());
  }

  public SimulationOptions withTieBreak(TieBreak value) {
    return new SimulationOptions(value, eventsMax, virtualTimeMaxNanos, queueCapacityMax, traceRecordsMax, buggify);
  }

  public SimulationOptions withEventsMax(long value) {
    return new SimulationOptions(tieBreak, value, virtualTimeMaxNanos, queueCapacityMax, traceRecordsMax, buggify);
  }

  public SimulationOptions withVirtualTimeMax(Duration value) {
    return new SimulationOptions(tieBreak, eventsMax, value.toNanos(), queueCapacityMax, traceRecordsMax, buggify);
  }

  public SimulationOptions withQueueCapacityMax(int value) {
    return new SimulationOptions(tieBreak, eventsMax, virtualTimeMaxNanos, value, traceRecordsMax, buggify);
  }

  public SimulationOptions withTraceRecordsMax(int value) {
    return new SimulationOptions(tieBreak, eventsMax, virtualTimeMaxNanos, queueCapacityMax, value, buggify);
  }

  public SimulationOptions withBuggify(BuggifyOptions value) {
    return new SimulationOptions(tieBreak, eventsMax, virtualTimeMaxNanos, queueCapacityMax, traceRecordsMax, value);
  }
}
