package dev.hourglass.runtime;

import java.time.Duration;

/**
 * A small but busy scenario for the determinism tests: five nodes with random timers that message
 * each other (scheduleOn), chain futures with timeouts, hit fault points and record coverage,
 * while a fault driver — drawing from its own forked stream — crashes, restarts, pauses, resumes,
 * skews and drifts them. Everything it does comes from the seed; {@link #run} twice with one seed
 * must give one trace.
 */
final class BusyCluster {
  static final int NODES = 5;
  static final Duration DURATION = Duration.ofMillis(400);
  private static final long MS = 1_000_000;

  /** What happened in a run, so that a test can tell the scenario really was busy. */
  record Stats(long events, long crashes, long pauses, long timeouts, long buggifyFires, long messages) {}

  private BusyCluster() {}

  static Simulation run(long seed) {
    return run(seed, SimulationOptions.defaults());
  }

  static Simulation run(long seed, SimulationOptions options) {
    Simulation sim = Simulation.create(seed, options);
    for (int i = 0; i < NODES; i++) {
      sim.addNode("n" + i, Worker::new);
    }
    SimRandom faults = sim.random().fork("test/faults");
    sim.schedule(faults.nextLong(5 * MS, 30 * MS), "fault", 0, new FaultDriver(sim, faults));
    RunResult result = sim.runFor(DURATION);
    if (result.status() != RunStatus.DEADLINE_REACHED) {
      throw new AssertionError("seed " + Seeds.format(seed) + ": " + result);
    }
    return sim;
  }

  static Stats stats(Simulation sim) {
    long crashes = 0;
    long pauses = 0;
    long timeouts = 0;
    long messages = 0;
    for (TraceRecord r : sim.trace().records()) {
      switch (r.label()) {
        case "node.crash" -> crashes++;
        case "node.pause" -> pauses++;
        case "timeout" -> timeouts++;
        case "msg" -> messages++;
        default -> {}
      }
    }
    long fires = sim.buggifyReport().stream().mapToLong(BuggifySite::fired).sum();
    return new Stats(sim.trace().eventCount(), crashes, pauses, timeouts, fires, messages);
  }

  /** Picks a node and a fault every 5..30 ms. */
  private record FaultDriver(Simulation sim, SimRandom rnd) implements Runnable {
    @Override
    public void run() {
      NodeRef node = sim.node(rnd.nextInt(NODES));
      int roll = rnd.nextInt(10);
      switch (node.status()) {
        case DOWN -> sim.restart(node);
        case PAUSED -> {
          if (roll < 7) {
            sim.resume(node);
          } else {
            sim.crash(node);
          }
        }
        case UP -> {
          if (roll < 3) {
            sim.crash(node);
          } else if (roll < 6) {
            sim.pause(node);
          } else if (roll < 8) {
            sim.skewClock(node, rnd.nextLong(-50 * MS, 50 * MS));
          } else {
            sim.setClockDrift(node, rnd.nextLong(-NodeRef.DRIFT_PPM_MAX, NodeRef.DRIFT_PPM_MAX + 1));
          }
        }
      }
      sim.schedule(rnd.nextLong(5 * MS, 30 * MS), "fault", roll, this);
    }
  }

  /** Ticks on random timers; each tick messages a peer and runs a small future chain. */
  static final class Worker implements Node {
    private final NodeContext ctx;
    private final SimRandom rnd;
    private long received;

    Worker(NodeContext ctx) {
      this.ctx = ctx;
      this.rnd = ctx.random();
    }

    @Override
    public void onStart() {
      for (int i = 0; i < 3; i++) {
        ctx.schedule(rnd.nextLong(0, 10 * MS), "tick", i, this::tick);
      }
    }

    private void tick() {
      Simulation sim = ctx.simulation();
      NodeRef peer = sim.node(rnd.nextInt(NODES));
      long payload = rnd.nextLong();
      // Delivered only if the peer is up then; its current instance handles it.
      sim.scheduleOn(
          peer,
          rnd.nextLong(100_000, 3 * MS),
          "msg",
          payload,
          () -> peer.instance(Worker.class).orElseThrow().onMessage(payload));
      ctx.sleep(Duration.ofNanos(rnd.nextLong(0, 4 * MS)))
          .thenApply(v -> rnd.nextInt(100))
          .orTimeout(Duration.ofNanos(rnd.nextLong(1 * MS, 5 * MS)), "work")
          .whenComplete((v, failure) -> ctx.sometimes(failure != null, "work timed out"));
      if (ctx.buggify("worker.burst")) {
        ctx.schedule(0, "burst", 0, () -> ctx.reachable("burst"));
      }
      ctx.schedule(rnd.nextLong(1 * MS, 10 * MS), "tick", 0, this::tick);
    }

    private void onMessage(long payload) {
      received++;
      ctx.always(ctx.node().isUp(), "messages reach only running nodes");
      if (payload % 4 == 0 && !ctx.buggify("worker.drop-reply")) {
        NodeRef back = ctx.simulation().node(rnd.nextInt(NODES));
        ctx.simulation().scheduleOn(back, rnd.nextLong(100_000, MS), "reply", received, () -> {});
      }
    }
  }
}
