package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Seeds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
  private final RegisterScenario scenario = new RegisterScenario();

  @Test
  @DisplayName("the coordinated register passes seeds under every fault kind it declares")
  void correctRegisterPasses() {
    for (long seed = 1; seed <= 40; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, scenario.defaultOptions());
      assertEquals(Outcome.PASS, r.outcome(), () -> r.banner() + "\n" + r.summary() + "\n" + r.plan().describe()
          + "\n" + r.check().map(CheckOutcome::explanation).orElse(""));
      assertTrue(r.history().operations().size() > 50, "a busy run: " + r.history().operations().size());
    }
  }

  @Test
  @DisplayName("the uncoordinated register is caught as a safety violation within a few seeds")
  void uncoordinatedRegisterIsCaught() {
    RunOptions options = scenario.defaultOptions().withBug(RegisterScenario.BUG);
    long found = -1;
    for (long seed = 1; seed <= 30 && found < 0; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.outcome() == Outcome.SAFETY_VIOLATION) {
        found = seed;
        assertTrue(r.check().orElseThrow().explanation().contains("cannot linearize"), r.check().toString());
      }
    }
    assertTrue(found > 0, "no seed in 1..30 found the bug");
  }

  @Test
  @DisplayName("a seed replays exactly: same trace hash, same history, same plan")
  void seedReplays() {
    RunOptions options = scenario.defaultOptions().withBug(RegisterScenario.BUG);
    RunResult a = ScenarioRunner.run(scenario, 7, options);
    RunResult b = ScenarioRunner.run(scenario, 7, options);
    RunResult c = ScenarioRunner.run(scenario, 8, options);
    assertEquals(a.traceHash(), b.traceHash());
    assertEquals(a.history().entries(), b.history().entries());
    assertEquals(a.plan(), b.plan());
    assertTrue(a.traceHash() != c.traceHash(), "another seed explores another run");
    assertTrue(a.banner().contains("seed=" + Seeds.format(7)), a.banner());
  }

  @Test
  @DisplayName("an explicit fault plan round-trips through JSON and reproduces the run")
  void explicitPlanReproduces() {
    RunOptions options = scenario.defaultOptions().withBug(RegisterScenario.BUG);
    RunResult generated = ScenarioRunner.run(scenario, 11, options);
    FaultPlan parsed = FaultPlan.fromJson(generated.plan().toJson(), "plan.json");
    assertEquals(generated.plan(), parsed);
    RunResult replay = ScenarioRunner.run(scenario, 11, options.withPlan(parsed));
    assertEquals(generated.traceHash(), replay.traceHash());
    assertEquals(generated.outcome(), replay.outcome());
  }
}
