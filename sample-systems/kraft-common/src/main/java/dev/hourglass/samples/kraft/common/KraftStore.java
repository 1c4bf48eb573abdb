package dev.hourglass.samples.kraft.common;

import dev.hourglass.runtime.NodeLifecycleListener;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One KRaft node's storage: what survives its crashes. A per-node component of the simulation,
 * kept across incarnations; each incarnation opens its version's {@code SimReplicatedLog} and
 * quorum-state store over it.
 *
 * <p><b>Fault model</b> (what survives what):
 *
 * <ul>
 *   <li>The <b>log</b> is a sequence of record batches, exactly the bytes Kafka wrote (checked
 *       with the batch CRC when appended and when recovered). Appends are volatile until {@code
 *       flush}; {@code flush} makes every batch appended before it durable.
 *   <li>A <b>crash</b> keeps a random prefix of the unflushed batches, drawn from the stream
 *       {@code kraft-store/<node>}: a segment file is written in order, a crash keeps any subset of
 *       its unsynced sectors, and Kafka's recovery truncates the log at the first batch whose CRC
 *       fails — so what recovery sees is always a prefix of the batches. Whether the prefix is
 *       empty, whole, or in between is drawn uniformly.
 *   <li><b>Truncation</b> is durable at once (a conservative simplification: a real truncate
 *       might be undone by a crash before the next flush, resurrecting entries; we never do).
 *   <li>The <b>election state</b> (quorum-state file) is durable when {@code writeElectionState}
 *       returns: Kafka writes a temporary file, fsyncs it and renames it into place.
 *   <li>The high watermark is not stored: a restarted node learns it again (as in Kafka).
 * </ul>
 *
 * <p>Not modelled: corruption and latent errors of stored data (no {@code DISK} faults for this
 * scenario). KafkaRaftClient's ReplicatedLog API is synchronous ({@code flush()} returns when the
 * data is durable; kafka-raft 2.7 has no flush at all) while sim-disk completes every operation as a future, so this store keeps the
 * bytes itself and applies sim-disk's crash rules to them.
 */
public final class KraftStore {
  /** One stored batch: its offsets, leader epoch, and the bytes as written. */
  public record StoredBatch(long baseOffset, long lastOffset, int epoch, boolean control, byte[] bytes) {}

  private final String node;
  private final SimRandom crashRandom;
  private final List<StoredBatch> batches = new ArrayList<>();
  private int flushedBatches; // batches [0, flushedBatches) are durable
  private Optional<Object> election = Optional.empty();
  private long flushes;
  private long lostBatches;

  KraftStore(String node, SimRandom crashRandom) {
    this.node = node;
    this.crashRandom = crashRandom;
  }

  /** Registers a store per node of {@code sim}, with its crash semantics. */
  public static void attach(Simulation sim) {
    sim.registerNodeComponent(KraftStore.class, n -> new KraftStore(n.name(), sim.random().fork("kraft-store/" + n.name())));
    sim.addLifecycleListener(new NodeLifecycleListener() {
      @Override
      public void onCrashed(NodeRef node) {
        node.component(KraftStore.class).crash();
      }
    });
  }

  public List<StoredBatch> batches() {
    return batches;
  }

  public void append(StoredBatch batch) {
    batches.add(batch);
  }

  /** Drops every batch whose last offset is at or past {@code offset}; durable at once. */
  public void truncateTo(long offset) {
    while (!batches.isEmpty() && batches.get(batches.size() - 1).lastOffset() >= offset) {
      batches.remove(batches.size() - 1);
    }
    flushedBatches = Math.min(flushedBatches, batches.size());
  }

  public void flush() {
    flushedBatches = batches.size();
    flushes++;
  }

  /** The last election state written (an immutable value of the Kafka version in use). */
  public Optional<Object> election() {
    return election;
  }

  /** Durable when it returns (Kafka writes a temporary file, fsyncs it, renames it). */
  public void writeElection(Object state) {
    election = Optional.of(state);
  }

  public void clearElection() {
    election = Optional.empty();
  }

  private void crash() {
    int unflushed = batches.size() - flushedBatches;
    if (unflushed == 0) {
      return;
    }
    int kept = crashRandom.nextInt(unflushed + 1);
    lostBatches += unflushed - kept;
    truncateBatches(flushedBatches + kept);
    flushedBatches = batches.size();
  }

  private void truncateBatches(int size) {
    while (batches.size() > size) {
      batches.remove(batches.size() - 1);
    }
  }

  /** Unflushed batches lost to crashes so far. */
  public long lostBatches() {
    return lostBatches;
  }

  public long flushes() {
    return flushes;
  }

  @Override
  public String toString() {
    return "KraftStore(" + node + ", batches=" + batches.size() + ", flushed=" + flushedBatches + ")";
  }
}
