package dev.hourglass.samples.microraft;

import dev.hourglass.network.Endpoint;
import io.microraft.RaftEndpoint;
import io.microraft.model.message.RaftMessage;
import io.microraft.transport.Transport;

/**
 * MicroRaft's transport over the simulated network. A message is encoded ({@link Wire}) at the
 * send — so what arrives is what MicroRaft had built at that moment, in fresh objects — and
 * leaves the node only once the state it reveals is durable ({@link WalStore#afterDurable}).
 * Delivery is the network's business: latency, loss, duplication, reordering, partitions and
 * clogs all apply; the receiving node decodes the bytes and calls {@code RaftNode.handle}.
 *
 * <p>{@code isReachable} answers true: a real transport cannot know whether a peer is up, and
 * asking the simulated network would give MicroRaft a perfect failure detector.
 */
final class SimTransport implements Transport {
  private final Endpoint endpoint;
  private final WalStore store;

  SimTransport(Endpoint endpoint, WalStore store) {
    this.endpoint = endpoint;
    this.store = store;
  }

  @Override
  public void send(RaftEndpoint target, RaftMessage message) {
    Wire.Packet packet = new Wire.Packet(Wire.encode(message));
    String to = (String) target.getId();
    store.afterDurable(() -> endpoint.send(to, packet));
  }

  @Override
  public boolean isReachable(RaftEndpoint endpoint) {
    return true;
  }
}
