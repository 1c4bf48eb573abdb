package dev.hourglass.samples.kraft;

import dev.hourglass.samples.kraft.common.KraftStore;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.raft.ElectionState;
import org.apache.kafka.raft.QuorumStateStore;
import org.apache.kafka.server.common.KRaftVersion;

/**
 * The quorum-state file (epoch, vote, leader) kept in the node's {@link KraftStore}: durable when
 * {@code writeElectionState} returns, as Kafka's {@code FileQuorumStateStore} makes it with a
 * temporary file, an fsync and an atomic rename. {@link ElectionState} is immutable, so the store
 * keeps the object itself.
 */
final class SimQuorumStateStore implements QuorumStateStore {
  private record Stored(ElectionState state, KRaftVersion version) {}

  private final KraftStore store;

  SimQuorumStateStore(KraftStore store) {
    this.store = store;
  }

  @Override
  public Optional<ElectionState> readElectionState() {
    return store.election().map(o -> ((Stored) o).state());
  }

  @Override
  public void writeElectionState(ElectionState latest, KRaftVersion kraftVersion) {
    store.writeElection(new Stored(latest, kraftVersion));
  }

  @Override
  public Path path() {
    return Path.of("quorum-state");
  }

  @Override
  public void clear() {
    store.clearElection();
  }
}
