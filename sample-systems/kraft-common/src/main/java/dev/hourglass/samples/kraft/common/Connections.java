package dev.hourglass.samples.kraft.common;

import java.util.TreeMap;

/**
 * TCP's promise between two KRaft nodes, over a simulated network that may reorder and duplicate:
 * messages on a connection arrive in the order sent, at most once. Kafka's network client keeps
 * one connection per peer and relies on this (a leader rejects a follower whose fetch offset goes
 * backwards; a follower appends a fetch response at its log end).
 *
 * <p>Each message carries its sender's incarnation and a sequence number per destination. The
 * receiver drops a message older than the newest it has taken from that sender (a duplicate, or
 * one overtaken by a later one — as if the connection had been reset and the message lost with
 * it) and everything from an earlier incarnation of the sender. Losing messages stays possible;
 * reordering and duplication do not. One instance per node incarnation: a restarted node opens
 * new connections.
 */
public final class Connections {
  private final int incarnation;
  private final TreeMap<String, Long> sent = new TreeMap<>();
  private final TreeMap<String, long[]> received = new TreeMap<>(); // from -> {incarnation, seq}

  public Connections(int incarnation) {
    this.incarnation = incarnation;
  }

  public int incarnation() {
    return incarnation;
  }

  /** The sequence number of the next message to {@code to}. */
  public long next(String to) {
    long seq = sent.getOrDefault(to, 0L) + 1;
    sent.put(to, seq);
    return seq;
  }

  /** Whether a message from {@code from} (its incarnation and sequence) may be delivered. */
  public boolean accept(String from, int fromIncarnation, long seq) {
    long[] last = received.get(from);
    if (last != null && (fromIncarnation < last[0] || (fromIncarnation == last[0] && seq <= last[1]))) {
      return false;
    }
    received.put(from, new long[] {fromIncarnation, seq});
    return true;
  }
}
