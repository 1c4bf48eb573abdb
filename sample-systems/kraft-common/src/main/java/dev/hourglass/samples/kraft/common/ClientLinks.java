package dev.hourglass.samples.kraft.common;

import dev.hourglass.network.LinkOptions;
import dev.hourglass.network.Network;
import dev.hourglass.runtime.NodeLifecycleListener;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import java.util.List;

/**
 * The links between the workload's clients and the servers: ordered and never duplicated, as the
 * TCP connection a Kafka client would use — while partitions, clogs and pauses still apply to
 * them, and every fault applies between servers. Needed for a sound history: a client takes
 * {@code Reply.Redirect} as "not done, try elsewhere"; if the network duplicated a request, the
 * copy could be refused by a server that had just lost leadership while the original was appended
 * and committed — a 10,000-seed campaign recorded such an append as failed although it committed.
 * (Loss is kept off too: a lost request and a lost reply both end as a client timeout, which the
 * server-to-server faults already exercise.)
 */
public final class ClientLinks {
  private ClientLinks() {}

  /** Applies to every client node added from now on (the runner adds them after {@code build}). */
  public static void attach(Simulation sim, Network net, List<NodeRef> servers) {
    LinkOptions tcp = LinkOptions.defaults().withFifo(true);
    sim.addLifecycleListener(new NodeLifecycleListener() {
      @Override
      public void onAdded(NodeRef node) {
        if (!node.name().startsWith("client-")) {
          return;
        }
        for (NodeRef server : servers) {
          net.configureLink(node, server, tcp);
          net.configureLink(server, node, tcp);
        }
      }
    });
  }
}
