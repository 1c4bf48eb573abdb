package dev.hourglass.samples.raft;

import dev.hourglass.runtime.Simulation;
import dev.hourglass.samples.raft.Messages.Entry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test-only observer of Raft's safety properties across the whole cluster, owned by the
 * scenario (one per run). Nodes report to it what they did — a vote, a win, an applied entry —
 * and it checks, with {@code always}, what no single node can see:
 *
 * <ul>
 *   <li><b>one vote per term</b>: a node never votes for two candidates in one term, not even
 *       across a crash (its vote is durable before it is sent);
 *   <li><b>election safety</b>: at most one leader per term;
 *   <li><b>leader completeness</b>: a new leader holds every entry any node applied in an
 *       earlier term;
 *   <li><b>commit safety</b>: when a leader commits index {@code n}, no server whose log
 *       conflicts with the leader's at or below {@code n} has a last term as high as the term of
 *       entry {@code n} — such a server could win an election and overwrite the entry. (In Raft
 *       a conflicting server's last term is always lower: its entries of later terms came from
 *       leaders that hold the committed entry. Figure 8 of the paper is the counterexample when
 *       a leader commits an entry of an earlier term by counting replicas.) This one looks at
 *       every server's log, which only an observer of the whole cluster can.
 *   <li><b>state machine safety</b>: every node that applies an entry at an index applies the
 *       same entry.
 * </ul>
 *
 * <p>It is write-only for the nodes: nothing a node does ever depends on what it holds, so the
 * nodes still share nothing. It lives only as long as one run.
 */
final class RaftObserver {
  /** The first node to apply an index, the entry, and the lowest term any node applied it in. */
  private record Applied(String node, Entry entry, long termMin) {}

  private final Simulation sim;
  private final Map<String, String> votes = new LinkedHashMap<>(); // "node@term" -> candidate
  private final TreeMap<Long, String> leaders = new TreeMap<>();
  private final TreeMap<Long, Applied> applied = new TreeMap<>();
  private final Map<String, RaftLog> logs = new LinkedHashMap<>(); // each server's latest incarnation

  RaftObserver(Simulation sim) {
    this.sim = sim;
  }

  /** {@code node} recovered {@code log} (its latest incarnation's, read-only to the observer). */
  void attach(String node, RaftLog log) {
    logs.put(node, log);
  }

  /** {@code leader} committed up to {@code index} with {@code log}. */
  void committed(String leader, RaftLog log, long index) {
    long termOfEntry = log.termAt(index);
    for (Map.Entry<String, RaftLog> e : logs.entrySet()) {
      RaftLog other = e.getValue();
      if (e.getKey().equals(leader) || other.lastIndex() == 0 || other.lastTerm() < termOfEntry) {
        continue;
      }
      long m = Math.min(index, other.lastIndex()); // logs that agree at m agree below it (log matching)
      if (other.termAt(m) != log.termAt(m)) {
        sim.always(false, "commit safety: " + leader + " committed index " + index + " (term " + termOfEntry + ") but "
            + e.getKey() + " holds a conflicting entry at " + m + " (term " + other.termAt(m) + " vs " + log.termAt(m)
            + ") with last term " + other.lastTerm() + ", so it can still be elected and overwrite it");
      }
    }
  }

  /** {@code voter} sent a granted vote for {@code candidate} in {@code term}. */
  void voted(String voter, long term, String candidate) {
    String earlier = votes.putIfAbsent(voter + "@" + term, candidate);
    if (earlier != null && !earlier.equals(candidate)) {
      sim.always(false, "one vote per term: " + voter + " voted for " + earlier + " and for " + candidate + " in term " + term);
    }
  }

  /**
   * {@code node} became leader of {@code term} with {@code log}. An entry applied by a node whose
   * term was then {@code t} was committed in a term no later than {@code t}, so every leader of a
   * term after {@code t} must hold it. (A leader of an earlier term can still be elected late, by
   * votes sent before the commit; it holds no guarantee, and can commit nothing.)
   */
  void becameLeader(String node, long term, RaftLog log) {
    String earlier = leaders.putIfAbsent(term, node);
    if (earlier != null && !earlier.equals(node)) {
      sim.always(false, "election safety: " + earlier + " and " + node + " were both leaders of term " + term);
    }
    for (Map.Entry<Long, Applied> e : applied.entrySet()) {
      long index = e.getKey();
      Applied a = e.getValue();
      if (a.termMin() < term && !(index <= log.lastIndex() && log.entry(index).equals(a.entry()))) {
        sim.always(false,
            "leader completeness: " + node + " became leader of term " + term + " without entry " + index + " "
                + a.entry() + " that " + a.node() + " applied (in term " + a.termMin() + "); it has "
                + (index <= log.lastIndex() ? log.entry(index) : "nothing") + " there");
      }
    }
  }

  /** {@code node}, in {@code term}, applied {@code entry} at {@code index}. */
  void applied(String node, long term, long index, Entry entry) {
    Applied first = applied.get(index);
    if (first == null) {
      applied.put(index, new Applied(node, entry, term));
      return;
    }
    if (!first.entry().equals(entry)) {
      sim.always(false, "state machine safety: at index " + index + " " + first.node() + " applied " + first.entry()
          + " but " + node + " applied " + entry);
    }
    if (term < first.termMin()) {
      applied.put(index, new Applied(first.node(), first.entry(), term));
    }
  }

  /** How many terms had a leader (for tests). */
  int leaderTerms() {
    return leaders.size();
  }
}
