package dev.hourglass.network.internal;

import dev.hourglass.network.DropReason;
import dev.hourglass.network.LinkOptions;
import dev.hourglass.network.LinkStats;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;

/** Mutable state of one directed link; owned by the network, touched only on the scheduler. */
public final class LinkState {
  /** No event: kernel event ids can be 0, never -1. */
  public static final long NO_EVENT = -1;

  /** Override of the network's default, or null. */
  public LinkOptions options;
  /** Cut by a partition (messages are dropped). */
  public boolean blocked;
  /** Messages arriving before this virtual time are parked until it (a clog). */
  public long clogUntilNanos;
  /** Held by hold(a, b): arriving messages are parked until release(a, b). */
  public boolean held;
  /** Messages parked by a clog or a hold, in arrival order. */
  public final ArrayDeque<Object> parked = new ArrayDeque<>();
  /** The pending event that delivers the parked messages after a release, or {@link #NO_EVENT}. */
  public long releaseEventId = NO_EVENT;
  /** For FIFO links: the delivery time of the last message sent. */
  public long lastDeliveryNanos = -1;
  public int inFlight;

  public long sent;
  public long delivered;
  public long duplicated;
  public long latencyNanosMax;
  public final long[] dropped = new long[DropReason.values().length];

  public LinkStats snapshot() {
    Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) {
      if (dropped[r.ordinal()] > 0) {
        drops.put(r, dropped[r.ordinal()]);
      }
    }
    return new LinkStats(sent, delivered, drops, duplicated, latencyNanosMax);
  }
}
