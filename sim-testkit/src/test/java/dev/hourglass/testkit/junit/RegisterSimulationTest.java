package dev.hourglass.testkit.junit;

import dev.hourglass.runtime.SimRandom;
import dev.hourglass.testkit.RegisterScenario;
import dev.hourglass.testkit.RunOptions;
import org.junit.jupiter.api.DisplayName;

/** The example of docs/testing-guide.md, "Writing a @SimulationTest", compiled and run as a test. */
class RegisterSimulationTest {
  private final RegisterScenario scenario = new RegisterScenario();

  @SimulationTest(seeds = 20)
  @DisplayName("the primary-backed register stays linearizable for any faults, client count and workload length")
  void registerIsLinearizable(SeedContext seed, SimRandom random) {
    // Parameters are drawn from the seed, so -Dhourglass.seed=0x… replays them too.
    RunOptions options = scenario.defaultOptions()
        .withClients(1 + random.nextInt(6))
        .withOperationsMax(20 + random.nextInt(200));
    seed.assertPasses(scenario, options);
  }
}
