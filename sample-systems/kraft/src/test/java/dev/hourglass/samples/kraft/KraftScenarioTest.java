package dev.hourglass.samples.kraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.linear.Verdict;
import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.junit.SeedContext;
import dev.hourglass.testkit.junit.SimulationTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KraftScenarioTest {
  private final KraftScenario scenario = new KraftScenario();

  private static String describe(RunResult r) {
    return r.banner() + "\n" + r.summary() + "\n" + r.plan().describe() + "\n"
        + r.check().map(CheckOutcome::explanation).orElse("");
  }

  @SimulationTest(seeds = 100)
  @DisplayName("unmodified KafkaRaftClients keep every acknowledged append, one leader per epoch and a monotonic high watermark")
  void kraftPassesTheStandardFaultMix(SeedContext seed) {
    RunResult r = seed.assertPasses(scenario);
    assertEquals(Verdict.VALID, r.check().orElseThrow().verdict(), () -> describe(r));
  }

  @Test
  @DisplayName("a seed replays to the same trace hash; another seed gives another")
  void seedsAreDeterministic() {
    for (long seed = 1; seed <= 3; seed++) {
      DeterminismCheck.Report report = DeterminismCheck.check(seed, s -> ScenarioRunner.run(scenario, s, scenario.defaultOptions()).trace());
      assertTrue(report.deterministic(), report.describe());
    }
    long a = ScenarioRunner.run(scenario, 1, scenario.defaultOptions()).traceHash();
    long b = ScenarioRunner.run(scenario, 2, scenario.defaultOptions()).traceHash();
    assertNotEquals(a, b);
  }

  @Test
  @DisplayName("a fault-free run elects a leader, commits the clients' appends and checks them")
  void faultFreeRunCommits() {
    RunResult r = ScenarioRunner.run(scenario, 7, scenario.defaultOptions().withPlan(dev.hourglass.testkit.FaultPlan.empty()));
    assertEquals(Outcome.PASS, r.outcome(), () -> describe(r));
    CheckOutcome check = r.check().orElseThrow();
    assertEquals(Verdict.VALID, check.verdict(), () -> describe(r));
    assertTrue(((Number) check.json().get("acknowledged")).intValue() > 30, () -> "acknowledged: " + check.json());
  }

  @Test
  @DisplayName("scenario kraft is registered for the CLI")
  void registered() {
    assertTrue(Scenarios.names().contains(KraftScenario.NAME), Scenarios.names().toString());
  }
}
