package dev.hourglass.network;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one directed link (or of the whole network), for tests and reports.
 *
 * @param sent messages handed to the network (duplicates not included)
 * @param delivered messages given to the destination's handler (duplicates included)
 * @param dropped drops by reason, in {@link DropReason} order
 * @param duplicated extra copies created
 * @param latencyNanosMax the longest time from send to delivery of a delivered message
 */
public record LinkStats(long sent, long delivered, Map<DropReason, Long> dropped, long duplicated, long latencyNanosMax) {
  public LinkStats {
    // An EnumMap, not Map.copyOf, so that it iterates (and prints) in a fixed order on every JVM.
    EnumMap<DropReason, Long> copy = new EnumMap<>(DropReason.class);
    copy.putAll(dropped);
    dropped = Collections.unmodifiableMap(copy);
  }

  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
