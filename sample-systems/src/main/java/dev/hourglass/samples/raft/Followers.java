package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import java.util.List;

/**
 * A leader's view of its followers, for one term: where to send from next ({@code nextIndex},
 * advanced optimistically as entries are sent), what each is known to store durably ({@code
 * matchIndex}, only ever raised), when each was last heard from (check quorum), and until when a
 * follower is replicated to with heartbeats only (a fault point: see {@link RaftNode}).
 *
 * <p>Followers are numbered by their position in the peer list the node was built with (the same
 * list every term), so that the leader's per-message bookkeeping is array accesses rather than
 * map lookups by name; {@link #indexOf} maps a name from a reply to its number.
 */
final class Followers {
  private final List<String> peers;
  private final long[] next;
  private final long[] match;
  private final long[] heardAtNanos;
  private final long[] laggingUntilNanos;
  /** The leader's entry and the followers', sorted by {@link #majorityMatch}. */
  private final long[] held;
  private boolean active;

  Followers(List<String> peers) {
    this.peers = List.copyOf(peers);
    int n = peers.size();
    next = new long[n];
    match = new long[n];
    heardAtNanos = new long[n];
    laggingUntilNanos = new long[n];
    held = new long[n + 1];
  }

  int size() {
    return peers.size();
  }

  /** The number of follower {@code name}, or -1 if it is not a peer. */
  int indexOf(String name) {
    for (int i = 0; i < peers.size(); i++) {
      if (peers.get(i).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A new term: every follower is tried from {@code next}, matches nothing yet, was heard now. */
  void reset(long next, long nowNanos) {
    Arrays.fill(this.next, next);
    Arrays.fill(match, 0);
    Arrays.fill(heardAtNanos, nowNanos);
    Arrays.fill(laggingUntilNanos, nowNanos);
    active = true;
  }

  /** Leadership ended: nothing is known of the followers until the next {@link #reset}. */
  void clear() {
    active = false;
  }

  private int check(int peer) {
    checkState(active, "no leadership: follower progress is cleared");
    checkArgument(peer >= 0 && peer < peers.size(), "no follower %s (followers: %s)", peer, peers);
    return peer;
  }

  long next(int peer) {
    return next[check(peer)];
  }

  /** Entries up to {@code next - 1} are on their way to {@code peer}. */
  void sent(int peer, long next) {
    this.next[check(peer)] = next;
  }

  long match(int peer) {
    return match[check(peer)];
  }

  void lagUntil(int peer, long nanos) {
    laggingUntilNanos[check(peer)] = nanos;
  }

  boolean lagging(int peer, long nowNanos) {
    return nowNanos < laggingUntilNanos[check(peer)];
  }

  void heard(int peer, long nowNanos) {
    heardAtNanos[check(peer)] = nowNanos;
  }

  /** {@code peer} stores entries up to {@code match}; true if that is news. */
  boolean matched(int peer, long match) {
    int i = check(peer);
    if (match <= this.match[i]) {
      return false;
    }
    this.match[i] = match;
    next[i] = Math.max(next[i], match + 1);
    return true;
  }

  /** {@code peer} could not append after {@code next - 1}; try from {@code conflictIndex} (never below what it matches). */
  void conflict(int peer, long conflictIndex) {
    int i = check(peer);
    next[i] = Math.max(match[i] + 1, Math.min(next[i], conflictIndex));
  }

  /** Followers heard from within {@code windowNanos} before {@code nowNanos} (none without leadership). */
  int heardWithin(long nowNanos, long windowNanos) {
    if (!active) {
      return 0;
    }
    int heard = 0;
    for (long at : heardAtNanos) {
      if (nowNanos - at < windowNanos) {
        heard++;
      }
    }
    return heard;
  }

  /** The highest index that {@code majority} servers store, the leader storing {@code leaderDurable}. */
  long majorityMatch(long leaderDurable, int majority) {
    checkState(active, "no leadership: follower progress is cleared");
    checkArgument(majority >= 1 && majority <= held.length, "majority=%s of %s servers", majority, held.length);
    // Insertion sort: a handful of values, on every acknowledgement (Arrays.sort's dispatch cost
    // more than the sort here).
    held[0] = leaderDurable;
    for (int i = 0; i < match.length; i++) {
      long v = match[i];
      int j = i;
      while (j >= 0 && held[j] > v) {
        held[j + 1] = held[j];
        j--;
      }
      held[j + 1] = v;
    }
    return held[held.length - majority]; // the majority-th highest
  }
}
