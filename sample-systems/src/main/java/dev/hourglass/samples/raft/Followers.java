package dev.hourglass.samples.raft;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A leader's view of its followers, for one term: where to send from next ({@code nextIndex},
 * advanced optimistically as entries are sent), what each is known to store durably ({@code
 * matchIndex}, only ever raised), when each was last heard from (check quorum), and until when a
 * follower is replicated to with heartbeats only (a fault point: see {@link RaftNode}).
 */
final class Followers {
  private static final class Progress {
    long next;
    long match;
    long heardAtNanos;
    long laggingUntilNanos;
  }

  private final Map<String, Progress> progress = new LinkedHashMap<>();

  /** A new term: every follower is tried from {@code next}, matches nothing yet, was heard now. */
  void reset(List<String> peers, long next, long nowNanos) {
    progress.clear();
    for (String p : peers) {
      Progress f = new Progress();
      f.next = next;
      f.heardAtNanos = nowNanos;
      f.laggingUntilNanos = nowNanos;
      progress.put(p, f);
    }
  }

  void clear() {
    progress.clear();
  }

  long next(String peer) {
    return progress.get(peer).next;
  }

  /** Entries up to {@code next - 1} are on their way to {@code peer}. */
  void sent(String peer, long next) {
    progress.get(peer).next = next;
  }

  long match(String peer) {
    return progress.get(peer).match;
  }

  void lagUntil(String peer, long nanos) {
    progress.get(peer).laggingUntilNanos = nanos;
  }

  boolean lagging(String peer, long nowNanos) {
    return nowNanos < progress.get(peer).laggingUntilNanos;
  }

  void heard(String peer, long nowNanos) {
    progress.get(peer).heardAtNanos = nowNanos;
  }

  /** {@code peer} stores entries up to {@code match}; true if that is news. */
  boolean matched(String peer, long match) {
    Progress f = progress.get(peer);
    if (match <= f.match) {
      return false;
    }
    f.match = match;
    f.next = Math.max(f.next, match + 1);
    return true;
  }

  /** {@code peer} could not append after {@code next - 1}; try from {@code conflictIndex} (never below what it matches). */
  void conflict(String peer, long conflictIndex) {
    Progress f = progress.get(peer);
    f.next = Math.max(f.match + 1, Math.min(f.next, conflictIndex));
  }

  /** Followers heard from within {@code windowNanos} before {@code nowNanos}. */
  int heardWithin(long nowNanos, long windowNanos) {
    int heard = 0;
    for (Progress f : progress.values()) {
      if (nowNanos - f.heardAtNanos < windowNanos) {
        heard++;
      }
    }
    return heard;
  }

  /** The highest index that {@code majority} servers store, the leader storing {@code leaderDurable}. */
  long majorityMatch(long leaderDurable, int majority) {
    List<Long> held = new ArrayList<>(progress.size() + 1);
    held.add(leaderDurable);
    for (Progress f : progress.values()) {
      held.add(f.match);
    }
    held.sort((a, b) -> Long.compare(b, a));
    return held.get(majority - 1);
  }
}
