/**
 * A Raft-replicated key-value store, written as callback nodes on the simulated network and disk,
 * with five planted bugs — and scenario {@code raft-kv}, which tests it.
 *
 * <ul>
 *   <li>{@link dev.hourglass.samples.raft.RaftKvScenario}: the scenario (cluster, workload,
 *       faults, check);
 *   <li>{@code RaftNode}: elections, replication, commitment, reads, clients; {@code Followers}
 *       and {@code ReadIndex}: a leader's bookkeeping;
 *   <li>{@code Storage}, {@code RaftLog}, {@code MetaStore}, {@code DiskFormat}, {@code DiskIo}:
 *       durable state, its recovery and the disk-fault policy;
 *   <li>{@code KvStateMachine}: the map and the client sessions;
 *   <li>{@code Messages}, {@code RaftKvProtocol}: what crosses the wire;
 *   <li>{@code RaftObserver}: Raft's invariants, checked across the cluster as a run goes;
 *   <li>{@code Supervisor}: restarts a server that exits.
 * </ul>
 */
package dev.hourglass.samples.raft;
