package dev.hourglass.samples.microraft;

import dev.hourglass.runtime.SimRandom;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.junit.SeedContext;
import dev.hourglass.testkit.junit.SimulationTest;
import org.junit.jupiter.api.DisplayName;

/**
 * MicroRaft as a property-based test: one JUnit test per seed, each with a client count and a
 * workload length drawn from the seed. A failing seed prints its reproduce command
 * ({@code -Dhourglass.seed=0x…}) and leaves its trace and history under target/hourglass/.
 */
class MicroRaftSimulationTest {
  private final MicroRaftScenario scenario = new MicroRaftScenario();

  @SimulationTest(seeds = 20, start = 1_000)
  @DisplayName("MicroRaft stays linearizable and live for any faults, client count and workload length")
  void microRaftIsLinearizable(SeedContext seed, SimRandom random) {
    RunOptions options = scenario.defaultOptions()
        .withClients(1 + random.nextInt(6))
        .withOperationsMax(50 + random.nextInt(300));
    seed.assertPasses(scenario, options);
  }
}
