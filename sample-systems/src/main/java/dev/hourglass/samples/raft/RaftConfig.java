package dev.hourglass.samples.raft;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Optional;

/**
 * How a Raft node is tuned, and which planted bug (if any) it carries.
 *
 * @param heartbeatNanos a leader's heartbeat interval (node clock); default 50 ms
 * @param electionTimeoutNanosMin least election timeout, drawn anew each time from the node's
 *     random stream; default 300 ms
 * @param electionTimeoutNanosMax most election timeout; default 600 ms
 * @param entriesPerMessageMax most entries in one AppendEntries; default 64
 * @param pendingRequestsMax client requests a leader holds at once (reads and writes each); past
 *     it new ones are redirected; default 1,000
 * @param sectorBytes the disk's sector size: log records are padded to it
 * @param bug the planted bug switched on, if any (one of {@link #BUGS})
 */
record RaftConfig(
    long heartbeatNanos,
    long electionTimeoutNanosMin,
    long electionTimeoutNanosMax,
    int entriesPerMessageMax,
    int pendingRequestsMax,
    int sectorBytes,
    Optional<String> bug) {

  /** The vote is answered before it is fsynced: a crash can make a node vote twice in a term. */
  static final String VOTE_NOT_PERSISTED = "vote-not-persisted";
  /** A leader commits entries of earlier terms by counting replicas (Raft paper, figure 8). */
  static final String COMMIT_OLD_TERM = "commit-old-term";
  /** A leader answers reads from its own state without confirming it is still the leader. */
  static final String STALE_LEADER_READ = "stale-leader-read";
  /** A follower appends entries without checking the term of the entry before them. */
  static final String NO_PREV_LOG_CHECK = "no-prev-log-check";
  /** Retried and duplicated writes are applied again. */
  static final String NO_DEDUP = "no-dedup";

  static final List<String> BUGS = List.of(VOTE_NOT_PERSISTED, COMMIT_OLD_TERM, STALE_LEADER_READ, NO_PREV_LOG_CHECK, NO_DEDUP);

  RaftConfig {
    checkArgument(heartbeatNanos > 0, "heartbeatNanos must be positive: heartbeatNanos=%s", heartbeatNanos);
    checkArgument(electionTimeoutNanosMin > heartbeatNanos,
        "electionTimeoutNanosMin must exceed heartbeatNanos: electionTimeoutNanosMin=%s heartbeatNanos=%s",
        electionTimeoutNanosMin, heartbeatNanos);
    checkArgument(electionTimeoutNanosMax > electionTimeoutNanosMin,
        "electionTimeoutNanosMax must exceed electionTimeoutNanosMin: min=%s max=%s", electionTimeoutNanosMin, electionTimeoutNanosMax);
    checkArgument(entriesPerMessageMax >= 1, "entriesPerMessageMax must be >= 1: entriesPerMessageMax=%s", entriesPerMessageMax);
    checkArgument(pendingRequestsMax >= 1, "pendingRequestsMax must be >= 1: pendingRequestsMax=%s", pendingRequestsMax);
    checkArgument(sectorBytes >= 1 && Integer.bitCount(sectorBytes) == 1, "sectorBytes must be a power of two: sectorBytes=%s", sectorBytes);
    checkArgument(bug.isEmpty() || BUGS.contains(bug.get()), "unknown bug '%s' (raft-kv has: %s)", bug.orElse(""), BUGS);
  }

  static RaftConfig defaults(int sectorBytes, Optional<String> bug) {
    return new RaftConfig(50_000_000L, 300_000_000L, 600_000_000L, 64, 1_000, sectorBytes, bug);
  }

  boolean bug(String name) {
    return bug.isPresent() && bug.get().equals(name);
  }
}
