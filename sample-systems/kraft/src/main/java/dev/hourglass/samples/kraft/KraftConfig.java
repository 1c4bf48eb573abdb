package dev.hourglass.samples.kraft;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.raft.QuorumConfig;

/**
 * The cluster's configuration: voters {@code 1..n} at {@code 127.0.0.1:9001..} (IP literals, so
 * Kafka's config parser never does a DNS lookup; the address only names the node — messages go
 * to node {@code n<id>}), and Kafka's default quorum timeouts (election 1 s, fetch 2 s, request
 * 2 s, linger 25 ms).
 */
record KraftConfig(int voters, QuorumConfig quorum, Map<Integer, InetSocketAddress> voterAddresses) {
  static final String CLUSTER_ID = "hourglass-kraft";

  static KraftConfig of(int voters) {
    List<String> entries = new ArrayList<>();
    for (int i = 1; i <= voters; i++) {
      entries.add(i + "@127.0.0.1:" + (9000 + i));
    }
    Properties props = new Properties();
    props.put(QuorumConfig.QUORUM_VOTERS_CONFIG, String.join(",", entries));
    QuorumConfig quorum = new QuorumConfig(new AbstractConfig(QuorumConfig.CONFIG_DEF, props, false));
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>(QuorumConfig.parseVoterConnections(quorum.voters()));
    return new KraftConfig(voters, quorum, addresses);
  }

  InetSocketAddress addressOf(int id) {
    return voterAddresses.get(id);
  }
}
