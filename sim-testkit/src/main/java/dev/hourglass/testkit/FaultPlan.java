package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.SimRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A nemesis's schedule: faults at virtual times, sorted by time. Data, so that a run is
 * re-executable from its seed plus an explicit plan (the shrinker drops and shortens faults
 * and replays), and printable as JSON ({@link #toJson}, {@link #fromJson}).
 */
public record FaultPlan(List<TimedFault> faults) {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  public FaultPlan {
    checkNotNull(faults, "faults");
    List<TimedFault> sorted = new ArrayList<>(faults);
    sorted.sort(Comparator.comparingLong(TimedFault::atNanos)); // stable: equal times keep their order
    faults = List.copyOf(sorted);
  }

  public static FaultPlan empty() {
    return new FaultPlan(List.of());
  }

  public int size() {
    return faults.size();
  }

  /**
   * A plan for a safety phase of {@code durationNanos} over {@code nodes}, drawn from {@code
   * random} within {@code swarm}: faults arrive at exponential intervals, each of an enabled
   * kind, and each is undone after a random duration (a crash by a restart, a partition by a
   * heal, ...). Everything is undone by the end of the phase, when the run heals anyway.
   */
  public static FaultPlan generate(SimRandom random, Swarm swarm, List<String> nodes, long durationNanos) {
    List<TimedFault> out = new ArrayList<>();
    List<FaultKind> kinds = new ArrayList<>(swarm.enabled().isEmpty() ? Set.of() : EnumSet.copyOf(swarm.enabled()));
    out.add(new TimedFault(0, new Fault.Buggify(swarm.enabled().contains(FaultKind.BUGGIFY))));
    kinds.remove(FaultKind.BUGGIFY);
    if (kinds.isEmpty() || nodes.isEmpty()) {
      return new FaultPlan(out);
    }
    Map<String, Long> downUntil = new LinkedHashMap<>(); // crashed or paused node -> recovery time
    long[] busyUntil = new long[FaultKind.values().length];
    long t = 0;
    while (true) {
      t += (long) (-Math.log(1 - random.nextDouble()) * swarm.meanIntervalNanos()) + 1;
      if (t >= durationNanos) {
        break;
      }
      final long now = t;
      downUntil.values().removeIf(until -> until <= now);
      FaultKind kind = kinds.get(random.nextInt(kinds.size()));
      long duration = random.nextLong(1, swarm.faultDurationNanosMax() + 1);
      long end = Math.min(t + duration, durationNanos - 1);
      String node = nodes.get(random.nextInt(nodes.size()));
      switch (kind) {
        case PARTITION -> {
          if (t < busyUntil[kind.ordinal()]) {
            continue;
          }
          String[] shapes = {"halves", "bridge", "majorities-ring", "isolate"};
          String shape = shapes[random.nextInt(shapes.length)];
          out.add(new TimedFault(t, new Fault.Partition(shape, shape.equals("isolate") ? node : null)));
          out.add(new TimedFault(end, new Fault.Heal()));
          busyUntil[kind.ordinal()] = end;
        }
        case CRASH, PAUSE -> {
          // Never take down more than a minority at once: a plan that stops a majority tests
          // nothing a smaller one does not, and keeps the safety phase from making progress.
          if (downUntil.containsKey(node) || downUntil.size() + 1 > (nodes.size() - 1) / 2) {
            continue;
          }
          downUntil.put(node, end);
          out.add(new TimedFault(t, kind == FaultKind.CRASH ? new Fault.Crash(node) : new Fault.Pause(node)));
          out.add(new TimedFault(end, kind == FaultKind.CRASH ? new Fault.Restart(node) : new Fault.Resume(node)));
        }
        case CLOCK_SKEW -> {
          long jump = random.nextLong(-2_000_000_000L, 2_000_000_001L);
          long drift = random.nextLong(-500, 501);
          out.add(new TimedFault(t, new Fault.ClockSkew(node, jump, drift)));
        }
        case CLOG -> out.add(new TimedFault(t, new Fault.Clog(node, duration)));
        case MESSAGE_LOSS -> {
          if (t < busyUntil[kind.ordinal()]) {
            continue;
          }
          out.add(new TimedFault(t, new Fault.MessageLoss(random.nextDouble() * 0.2, random.nextDouble() * 0.1)));
          out.add(new TimedFault(end, new Fault.MessageLoss(0, 0)));
          busyUntil[kind.ordinal()] = end;
        }
        case DISK -> {
          out.add(new TimedFault(t, new Fault.DiskFaults(node, random.nextDouble() * 0.01, random.nextDouble() * 0.01,
              random.nextDouble() * 0.02, random.nextDouble() * 0.02)));
          out.add(new TimedFault(end, new Fault.DiskFaults(node, 0, 0, 0, 0)));
        }
        case BUGGIFY -> {
          // handled above
        }
      }
    }
    return new FaultPlan(out);
  }

  /** The plan as pretty-printed JSON. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fault plan always serialises: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a plan; {@code source} names it in messages (a file name).
   *
   * @throws IllegalArgumentException naming the line and column and what was expected
   */
  public static FaultPlan fromJson(String json, String source) {
    try {
      return JSON.readValue(json, FaultPlan.class);
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      throw new IllegalArgumentException(source + (loc != null ? ":" + loc.getLineNr() + ":" + loc.getColumnNr() : "")
          + ": not a fault plan: " + e.getOriginalMessage()
          + " (expected {\"faults\": [{\"atNanos\": 0, \"fault\": {\"kind\": \"crash\", \"node\": \"n1\"}}, ...]})", e);
    }
  }

  /** One line per fault: {@code 1.250000000s crash n2} ({@link Fault#describe()}). */
  public String describe() {
    if (faults.isEmpty()) {
      return "(no faults)";
    }
    StringBuilder sb = new StringBuilder();
    for (TimedFault f : faults) {
      sb.append(sb.length() == 0 ? "" : "\n").append(Seeds.formatNanos(f.atNanos())).append(' ').append(f.fault().describe());
    }
    return sb.toString();
  }
}
