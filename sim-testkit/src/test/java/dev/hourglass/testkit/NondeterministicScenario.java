package dev.hourglass.testkit;

import dev.hourglass.network.Endpoint;
import dev.hourglass.runtime.Node;
import dev.hourglass.runtime.NodeContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Planted nondeterminism for the determinism self-check: the correct register of {@link
 * RegisterScenario}, plus a gossip node that every 5 ms picks whom to ping by iterating a {@code
 * HashMap} keyed by fresh {@code new Object()}s — whose identity hash codes, and so the iteration
 * order, differ from run to run. Breaks DESIGN.md's rule against iterating identity-hashed
 * collections on purpose. Every run passes its check; only running a seed twice shows the fault.
 */
public final class NondeterministicScenario implements Scenario {
  private final RegisterScenario register = new RegisterScenario();

  record Ping() {}

  @Override
  public String name() {
    return "test-nondeterministic";
  }

  @Override
  public String description() {
    return "the correct register plus a gossip node that picks peers by iterating an identity-hashed HashMap";
  }

  @Override
  public Set<FaultKind> faultKinds() {
    return Set.of(FaultKind.CRASH);
  }

  @Override
  public String checkerName() {
    return register.checkerName();
  }

  @Override
  public Cluster build(World world) {
    Cluster cluster = register.build(world);
    List<String> servers = cluster.servers().stream().map(s -> s.name()).toList();
    world.simulation().addNode("gossip", ctx -> new Gossip(ctx, servers));
    return cluster;
  }

  @Override
  public WorkloadSpec workload() {
    return register.workload().withOperationsMax(40);
  }

  @Override
  public HistoryCheck check() {
    return register.check();
  }

  @Override
  public RunOptions defaultOptions() {
    return RunOptions.defaults().withSafetyNanos(500_000_000L).withLivenessNanos(2_000_000_000L);
  }

  /** Pings the server that comes first in a HashMap of identity-hashed keys: a different one in every run. */
  static final class Gossip implements Node {
    private final NodeContext ctx;
    private final List<String> servers;

    Gossip(NodeContext ctx, List<String> servers) {
      this.ctx = ctx;
      this.servers = servers;
    }

    @Override
    public void onStart() {
      tick();
    }

    private void tick() {
      Map<Object, String> peers = new HashMap<>();
      for (String s : servers) {
        peers.put(new Object(), s);
      }
      String first = peers.values().iterator().next();
      ctx.component(Endpoint.class).send(first, new Ping());
      ctx.schedule(Duration.ofMillis(5), this::tick);
    }
  }
}
