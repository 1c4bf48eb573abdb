package dev.hourglass.testkit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.hourglass.runtime.Seeds;
import java.util.Locale;

/**
 * One fault of a fault plan: data, printable and parseable as JSON ({@code {"kind":"crash",
 * "node":"n2"}}), so a failing run's plan can be saved, edited, shrunk and replayed exactly.
 * Nodes are named; durations are virtual nanoseconds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Fault.Partition.class, name = "partition"),
  @JsonSubTypes.Type(value = Fault.Heal.class, name = "heal"),
  @JsonSubTypes.Type(value = Fault.Crash.class, name = "crash"),
  @JsonSubTypes.Type(value = Fault.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = Fault.Pause.class, name = "pause"),
  @JsonSubTypes.Type(value = Fault.Resume.class, name = "resume"),
  @JsonSubTypes.Type(value = Fault.ClockSkew.class, name = "clock-skew"),
  @JsonSubTypes.Type(value = Fault.Clog.class, name = "clog"),
  @JsonSubTypes.Type(value = Fault.MessageLoss.class, name = "message-loss"),
  @JsonSubTypes.Type(value = Fault.DiskFaults.class, name = "disk-faults"),
  @JsonSubTypes.Type(value = Fault.Buggify.class, name = "buggify"),
})
public sealed interface Fault {
  /** The kind, as swarm testing enables and disables them. */
  FaultKind kind();

  /** One short line for plans in reports: {@code crash n2}, {@code partition halves}, {@code clog n3 for 0.159538018s}. */
  default String describe() {
    return switch (this) {
      case Partition p -> "partition " + p.shape() + (p.node() != null ? " " + p.node() : "");
      case Heal h -> "heal";
      case Crash c -> "crash " + c.node();
      case Restart r -> "restart " + r.node();
      case Pause p -> "pause " + p.node();
      case Resume r -> "resume " + r.node();
      case ClockSkew c -> "clock-skew " + c.node() + " jump " + Seeds.formatNanos(c.jumpNanos()) + " drift " + c.driftPpm() + "ppm";
      case Clog c -> "clog " + c.node() + " for " + Seeds.formatNanos(c.durationNanos());
      case MessageLoss m -> m.lossRate() == 0 && m.duplicateRate() == 0
          ? "message-loss off"
          : String.format(Locale.ROOT, "message-loss loss=%.4f duplicate=%.4f", m.lossRate(), m.duplicateRate());
      case DiskFaults d -> d.readCorruptionRate() == 0 && d.latentErrorRate() == 0 && d.writeErrorRate() == 0
          && d.fsyncErrorRate() == 0
          ? "disk-faults " + d.node() + " off"
          : String.format(Locale.ROOT, "disk-faults %s corrupt=%.4f latent=%.4f write-error=%.4f fsync-error=%.4f",
              d.node(), d.readCorruptionRate(), d.latentErrorRate(), d.writeErrorRate(), d.fsyncErrorRate());
      case Buggify b -> "buggify " + (b.enabled() ? "on" : "off");
    };
  }

  /**
   * A partition of a named shape: {@code halves}, {@code bridge}, {@code majorities-ring},
   * {@code isolate} (of {@code node}) — the random shapes draw from the network's shape stream.
   */
  record Partition(String shape, String node) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.PARTITION;
    }
  }

  /** Removes every partition. */
  record Heal() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.PARTITION;
    }
  }

  record Crash(String node) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.CRASH;
    }
  }

  record Restart(String node) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.CRASH;
    }
  }

  record Pause(String node) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.PAUSE;
    }
  }

  record Resume(String node) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.PAUSE;
    }
  }

  /** Moves a node's clock by {@code jumpNanos} and sets its drift. */
  record ClockSkew(String node, long jumpNanos, long driftPpm) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.CLOCK_SKEW;
    }
  }

  /** Holds every message to and from {@code node} for {@code durationNanos}. */
  record Clog(String node, long durationNanos) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.CLOG;
    }
  }

  /** Sets the network's loss and duplication rates (0 and 0 turns them off). */
  record MessageLoss(double lossRate, double duplicateRate) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.MESSAGE_LOSS;
    }
  }

  /** Sets a node's disk fault rates (all 0 turns them off). */
  record DiskFaults(String node, double readCorruptionRate, double latentErrorRate, double writeErrorRate, double fsyncErrorRate)
      implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.DISK;
    }
  }

  /**
   * Turns fault points ({@code buggify}) on or off for the rest of the run. A plan with no buggify
   * entry at all runs with fault points off (a drawn plan always has one, at time 0).
   */
  record Buggify(boolean enabled) implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.BUGGIFY;
    }
  }
}
