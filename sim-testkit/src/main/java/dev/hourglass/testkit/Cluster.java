package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.NodeRef;
import java.util.List;

/**
 * The system a scenario built: its server nodes (the ones the nemesis may fault) and how clients
 * talk to them.
 */
public record Cluster(List<NodeRef> servers, ClientProtocol protocol) {
  public Cluster {
    servers = List.copyOf(servers);
    checkArgument(!servers.isEmpty(), "a cluster needs at least one server");
    checkNotNull(protocol, "protocol");
  }
}
