package dev.hourglass.samples.kraft27;

import dev.hourglass.samples.kraft.common.KraftStore;
import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.QuorumStateStore;

/**
 * kafka-raft 2.7's quorum-state file kept in the node's {@link KraftStore}: durable when {@code
 * writeElectionState} returns (Kafka's {@code FileBasedStateStore} writes a temporary file, fsyncs
 * it and renames it). {@code null} when never written, as Kafka's reads an absent file.
 */
final class SimQuorumStateStore27 implements QuorumStateStore {
  private final KraftStore store;

  SimQuorumStateStore27(KraftStore store) {
    this.store = store;
  }

  @Override
  public ElectionState readElectionState() {
    return (ElectionState) store.election().orElse(null);
  }

  @Override
  public void writeElectionState(ElectionState latest) {
    store.writeElection(latest);
  }

  @Override
  public void clear() {
    store.clearElection();
  }
}
