package org.apache.kafka.raft;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.feature.SupportedVersionRange;
import org.apache.kafka.common.memory.MemoryPool;
import org.apache.kafka.common.utils.LogContext;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.serialization.RecordSerde;

/**
 * Hourglass's door into {@link KafkaRaftClient}'s package-private constructor. It lives in Kafka's
 * package name but in <em>our</em> jar (sample-kraft): a split package on the class path, which
 * Java allows outside the module system. Kafka's own code is not changed.
 *
 * <p>Why: the public constructor hard-codes {@code new Random()} (unseeded: elections would differ
 * between runs) and a {@code BlockingMessageQueue} whose {@code poll(timeout)} blocks the calling
 * thread in real time. This one takes our {@link RaftMessageQueue} (non-blocking: it records the
 * timeout, which tells the simulation when to poll next) and a {@link Random} drawn from the
 * simulation's streams.
 */
public final class HourglassRaftClients {
  private HourglassRaftClients() {}

  /** The fetch wait Kafka uses in production ({@link KafkaRaftClient#MAX_FETCH_WAIT_MS}). */
  public static final int FETCH_MAX_WAIT_MS = KafkaRaftClient.MAX_FETCH_WAIT_MS;

  public static <T> KafkaRaftClient<T> create(
      int nodeId,
      Uuid directoryId,
      RecordSerde<T> serde,
      NetworkChannel channel,
      RaftMessageQueue queue,
      ReplicatedLog log,
      Time time,
      ExpirationService expiration,
      int fetchMaxWaitMs,
      boolean followersAlwaysFlush,
      String clusterId,
      Endpoints localListeners,
      SupportedVersionRange kraftVersions,
      LogContext logContext,
      Random random,
      QuorumConfig config) {
    return new KafkaRaftClient<>(OptionalInt.of(nodeId), directoryId, serde, channel, queue, log, MemoryPool.NONE,
        time, expiration, fetchMaxWaitMs, followersAlwaysFlush, clusterId, List.<InetSocketAddress>of(), localListeners,
        kraftVersions, logContext, random, config);
  }
}
