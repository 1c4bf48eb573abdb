package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.SimRandom;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Swarm testing (Groce et al.; TigerBeetle's VOPR): each seed enables a random subset of the
 * fault kinds a scenario supports, with random intensities, so that some runs hammer one fault
 * and others mix many — combinations a fixed "everything a little" mix would rarely reach.
 *
 * @param enabled the fault kinds this run may inject
 * @param meanIntervalNanos mean virtual time between two faults
 * @param faultDurationNanosMax how long a partition, crash, pause or clog lasts at most
 */
public record Swarm(Set<FaultKind> enabled, long meanIntervalNanos, long faultDurationNanosMax) {
  public Swarm {
    checkNotNull(enabled, "enabled");
    enabled = Set.copyOf(enabled.isEmpty() ? Set.of() : EnumSet.copyOf(enabled));
    checkArgument(meanIntervalNanos > 0, "meanIntervalNanos must be positive: meanIntervalNanos=%s", meanIntervalNanos);
    checkArgument(faultDurationNanosMax > 0, "faultDurationNanosMax must be positive: faultDurationNanosMax=%s", faultDurationNanosMax);
  }

  /** Draws a swarm from {@code random} over the kinds {@code supported}. */
  public static Swarm draw(SimRandom random, Set<FaultKind> supported) {
    EnumSet<FaultKind> enabled = EnumSet.noneOf(FaultKind.class);
    for (FaultKind k : FaultKind.values()) { // enum order: stable draws
      if (supported.contains(k) && random.nextBoolean()) {
        enabled.add(k);
      }
    }
    if (enabled.isEmpty() && !supported.isEmpty()) {
      FaultKind[] all = EnumSet.copyOf(supported).toArray(new FaultKind[0]);
      enabled.add(all[random.nextInt(all.length)]);
    }
    long interval = random.nextLong(50_000_000L, 1_000_000_001L); // 50 ms .. 1 s
    long duration = random.nextLong(100_000_000L, 3_000_000_001L); // 0.1 .. 3 s
    return new Swarm(enabled, interval, duration);
  }

  /** {@code faults=crash,partition interval=0.250000000s duration<=1.500000000s} */
  public String describe() {
    String kinds = enabled.isEmpty() ? "none"
        : EnumSet.copyOf(enabled).stream().map(FaultKind::label).collect(Collectors.joining(","));
    return "faults=" + kinds + " interval=" + dev.hourglass.runtime.Seeds.formatNanos(meanIntervalNanos)
        + " duration<=" + dev.hourglass.runtime.Seeds.formatNanos(faultDurationNanosMax);
  }
}
