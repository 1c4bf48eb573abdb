package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** always ends a run with a failure that says what, where and how to reproduce; sometimes records coverage. */
class AssertionsTest {
  private static final long SEED = 0xDEADBEEFL;

  @Test
  @DisplayName("a false always ends the run FAILED, naming the message, seed (hex), virtual time and node")
  void alwaysFails() {
    Simulation sim = Simulation.create(SEED);
    boolean[] later = {false};
    sim.addNode(
        "n7",
        ctx ->
            () -> {
              ctx.schedule(Duration.ofMillis(1500), () -> ctx.always(1 + 1 == 3, "arithmetic holds"));
              ctx.schedule(Duration.ofMillis(2000), () -> later[0] = true);
            });
    RunResult result = sim.runFor(Duration.ofSeconds(5));
    assertEquals(RunStatus.FAILED, result.status());
    assertTrue(result.failed());
    assertEquals(1_500_000_000L, result.nowNanos(), "the run stops at the failure");
    assertFalse(later[0], "nothing runs after the failure");
    SimulationFailure f = result.failure().orElseThrow();
    assertSame(f, sim.failure().orElseThrow());
    assertEquals(SimulationFailure.Kind.ASSERTION, f.kind());
    assertEquals("arithmetic holds", f.message());
    assertEquals(SEED, f.seed());
    assertEquals(1_500_000_000L, f.timeNanos());
    assertEquals(Optional.of("n7"), f.node());
    String line = f.describe();
    for (String part : List.of("always violated", "arithmetic holds", Seeds.format(SEED), "0x00000000deadbeef", "1.500000000s", "n7")) {
      assertTrue(line.contains(part), "'" + part + "' missing from: " + line);
    }

    RunResult again = sim.runFor(Duration.ofSeconds(5));
    assertEquals(RunStatus.FAILED, again.status(), "a failure is sticky");
    assertEquals(0, again.eventsRun());
  }

  @Test
  @DisplayName("node code that catches Exception cannot swallow a failed always")
  void catchExceptionCannotSwallow() {
    Simulation sim = Simulation.create(1);
    boolean[] swallowed = {false};
    boolean[] after = {false};
    sim.addNode(
        "n1",
        ctx ->
            () -> {
              try {
                ctx.always(false, "must hold");
                after[0] = true;
              } catch (Exception e) {
                swallowed[0] = true;
              }
            });
    RunResult result = sim.runFor(Duration.ofSeconds(1));
    assertFalse(swallowed[0]);
    assertFalse(after[0]);
    assertEquals(RunStatus.FAILED, result.status());
    assertEquals("must hold", result.failure().orElseThrow().message());
  }

  @Test
  @DisplayName("even catching Throwable does not hide it: the failure is recorded before the throw")
  void catchThrowableStillFails() {
    Simulation sim = Simulation.create(1);
    sim.addNode(
        "n1",
        ctx ->
            () -> {
              try {
                ctx.always(false, "must hold");
              } catch (Throwable t) {
                // swallowed
              }
            });
    RunResult result = sim.runFor(Duration.ofSeconds(1));
    assertEquals(RunStatus.FAILED, result.status());
    assertEquals(SimulationFailure.Kind.ASSERTION, result.failure().orElseThrow().kind());
  }

  @Test
  @DisplayName("an exception escaping a node's event ends the run FAILED / UNCAUGHT_EXCEPTION naming the node")
  void uncaughtException() {
    Simulation sim = Simulation.create(SEED);
    IllegalStateException boom = new IllegalStateException("boom");
    sim.addNode("n1", ctx -> () -> {});
    sim.addNode("n2", ctx -> () -> ctx.schedule(Duration.ofMillis(3), () -> {
      throw boom;
    }));
    RunResult result = sim.runFor(Duration.ofSeconds(1));
    assertEquals(RunStatus.FAILED, result.status());
    SimulationFailure f = result.failure().orElseThrow();
    assertEquals(SimulationFailure.Kind.UNCAUGHT_EXCEPTION, f.kind());
    assertEquals(Optional.of("n2"), f.node());
    assertSame(boom, f.cause().orElseThrow());
    assertEquals(3_000_000L, f.timeNanos());
    assertTrue(f.describe().contains("uncaught exception") && f.describe().contains("boom"), f.describe());
    assertTrue(f.describe().contains("node=n2"), f.describe());
  }

  @Test
  @DisplayName("an exception in onStart or in a world event fails the run too; a world failure names 'world'")
  void otherOrigins() {
    Simulation sim = Simulation.create(1);
    sim.addNode("starter", ctx -> () -> {
      throw new IllegalArgumentException("bad config");
    });
    SimulationFailure f = sim.runFor(Duration.ofSeconds(1)).failure().orElseThrow();
    assertEquals(Optional.of("starter"), f.node());

    Simulation world = Simulation.create(1);
    world.schedule(Duration.ofMillis(1), () -> {
      throw new UnsupportedOperationException("driver bug");
    });
    SimulationFailure g = world.runFor(Duration.ofSeconds(1)).failure().orElseThrow();
    assertEquals(Optional.empty(), g.node());
    assertTrue(g.describe().contains("node=world"), g.describe());
  }

  @Test
  @DisplayName("Sim.always fails the running simulation from code without a context, and is a no-op outside")
  void staticAlways() {
    Sim.always(false, "no simulation here");
    Sim.sometimes(true, "no simulation here");
    Sim.reachable("no simulation here");
    Simulation sim = Simulation.create(1);
    sim.addNode("n1", ctx -> () -> Sim.always(false, "deep in a library"));
    RunResult result = sim.runFor(Duration.ofSeconds(1));
    assertEquals("deep in a library", result.failure().orElseThrow().message());
    assertEquals(Optional.of("n1"), result.failure().orElseThrow().node());
  }

  @Test
  @DisplayName("a true always changes nothing")
  void alwaysTrue() {
    Simulation sim = Simulation.create(1);
    sim.addNode("n1", ctx -> () -> ctx.always(true, "fine"));
    assertEquals(RunStatus.DEADLINE_REACHED, sim.runFor(Duration.ofSeconds(1)).status());
    assertTrue(sim.failure().isEmpty());
  }

  @Test
  @DisplayName("sometimes and reachable are recorded in coverage, in first-evaluation order, with counts")
  void coverage() {
    Simulation sim = Simulation.create(1);
    sim.addNode(
        "n1",
        ctx ->
            () -> {
              for (int i = 0; i < 5; i++) {
                ctx.sometimes(i == 3, "i reaches 3");
                if (i % 2 == 0) {
                  ctx.reachable("even i");
                }
                Sim.sometimes(false, "never true");
              }
            });
    sim.runFor(Duration.ofSeconds(1));
    assertEquals(
        List.of(
            new CoverageEntry("i reaches 3", CoverageEntry.Kind.SOMETIMES, 5, 1),
            new CoverageEntry("even i", CoverageEntry.Kind.REACHABLE, 3, 3),
            new CoverageEntry("never true", CoverageEntry.Kind.SOMETIMES, 5, 0)),
        sim.coverage());
  }

  @Test
  @DisplayName("a RunResult carries a failure exactly when its status is FAILED")
  void runResultInvariant() {
    assertThrows(
        IllegalArgumentException.class, () -> new RunResult(RunStatus.FAILED, 0, 0, 0, Optional.empty()));
    SimulationFailure f = new SimulationFailure(SimulationFailure.Kind.ASSERTION, "m", 1, 0, Optional.empty(), Optional.empty());
    assertThrows(
        IllegalArgumentException.class, () -> new RunResult(RunStatus.QUIESCENT, 0, 0, 0, Optional.of(f)));
  }
}
