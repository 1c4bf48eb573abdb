package dev.hourglass.samples.kraft.common;

import dev.hourglass.runtime.Simulation;
import java.util.TreeMap;

/**
 * A test-only observer of KRaft's safety across the whole cluster, one per run. Nodes report what
 * their unmodified clients did — who led which epoch, what was committed where — and it checks,
 * with {@code always}, what no single node can see:
 *
 * <ul>
 *   <li><b>one leader per epoch</b>: no two nodes ever act as leader of the same epoch;
 *   <li><b>agreement on the committed prefix</b>: every node that delivers a committed entry at
 *       an offset to its state machine delivers the same one (same leader epoch, same record) —
 *       so a committed entry is never lost or replaced, not even by a node that crashed and lost
 *       its unflushed log.
 * </ul>
 *
 * The high watermark's monotonicity is checked by each node ({@link CommittedLog#highWatermark}); that every
 * acknowledged append is committed exactly once at its offset, by the history check ({@link
 * AppendLogCheck}). Nothing a node does depends on what the observer holds.
 */
public final class KraftObserver {
  private final Simulation sim;
  private final TreeMap<Integer, String> leaders = new TreeMap<>();
  private final TreeMap<Long, String> committed = new TreeMap<>(); // offset -> "epoch/record"
  private final TreeMap<Long, String> committedBy = new TreeMap<>();

  public KraftObserver(Simulation sim) {
    this.sim = sim;
  }

  public void started(String node, int incarnation) {
    if (incarnation > 1) {
      sim.reachable("a KRaft node restarted over its stored log");
    }
  }

  public void leader(String node, int epoch) {
    String earlier = leaders.putIfAbsent(epoch, node);
    if (earlier == null) {
      sim.reachable("a KRaft leader was elected");
    } else if (!earlier.equals(node)) {
      sim.always(false, "one leader per epoch: " + earlier + " and " + node + " both led epoch " + epoch);
    }
  }

  public void committed(String node, long offset, int epoch, String record) {
    String entry = epoch + "/" + record;
    String first = committed.putIfAbsent(offset, entry);
    if (first == null) {
      committedBy.put(offset, node);
      return;
    }
    if (!first.equals(entry)) {
      sim.always(false, "agreement on the committed prefix: at offset " + offset + " " + committedBy.get(offset)
          + " committed " + first + " but " + node + " committed " + entry + " (epoch/record)");
    }
  }

  public int leaderEpochs() {
    return leaders.size();
  }

  public long committedOffsets() {
    return committed.size();
  }
}
