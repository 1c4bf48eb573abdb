package dev.hourglass.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RegisterScenario;
import dev.hourglass.testkit.RunResult;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test classes that {@link SimulationTestExtensionTest} runs through JUnit's EngineTestKit. Some
 * fail on purpose, so each is switched off unless the configuration parameter {@value #ENABLED}
 * is set, as only EngineTestKit runs do: an IDE that runs every class of the package (static
 * nested classes included) skips them.
 */
final class Samples {
  static final String ENABLED = "hourglass.test.samples";
  /** What the sample bodies saw, in order; cleared before each EngineTestKit run. */
  static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

  private Samples() {}

  /** Enables a sample class only when {@value #ENABLED} is {@code true}. */
  static final class OnlyInEngineTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(ENABLED).filter("true"::equals).isPresent()
          ? ConditionEvaluationResult.enabled("run by EngineTestKit")
          : ConditionEvaluationResult.disabled("a sample for SimulationTestExtensionTest; some fail on purpose");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class Sweep {
    @SimulationTest(seeds = 5, start = 40)
    void sweep(long seed) {
      SEEN.add(Seeds.format(seed));
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class ExplicitList {
    @SimulationTest(seedList = {0x2a, 7, -1})
    void list(long seed) {
      SEEN.add(Seeds.format(seed));
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class DuplicateList {
    @SimulationTest(seedList = {3, 4, 3})
    void list(long seed) {
      SEEN.add(Seeds.format(seed));
    }
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @SimulationTest(seeds = 2, start = 0x100)
  @interface TwoSeeds {}

  @ExtendWith(OnlyInEngineTestKit.class)
  static class MetaAnnotated {
    @TwoSeeds
    void meta(long seed) {
      SEEN.add(Seeds.format(seed));
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class Parameters {
    @SimulationTest(seeds = 3)
    void draw(SimRandom random, long seed, SeedContext context) {
      SEEN.add(Seeds.format(seed) + " " + random.nextLong() + " " + random.nextInt(1_000)
          + " same-stream=" + (random == context.random()) + " same-seed=" + (seed == context.seed()));
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class FailingBody {
    @SimulationTest(seedList = {1, 2, 3})
    void evenSeedsOnly(long seed) {
      assertEquals(0, seed % 2, "the seed is even");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class ThrowingBody {
    @SimulationTest(seedList = {5})
    void throwing(long seed) {
      throw new IllegalStateException("boom at " + seed);
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class FailingBeforeEach {
    @BeforeEach
    void setUp(long seed) {
      throw new IllegalStateException("set-up failed at " + seed);
    }

    @SimulationTest(seedList = {6})
    void body(long seed) {
      SEEN.add(Seeds.format(seed));
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class Assumption {
    @SimulationTest(seedList = {1, 2})
    void onlyEven(long seed) {
      assumeTrue(seed % 2 == 0, "odd seeds are skipped");
      SEEN.add(Seeds.format(seed));
    }
  }

  /** The uncoordinated register fails every seed it runs. */
  @ExtendWith(OnlyInEngineTestKit.class)
  static class UncoordinatedRegister {
    @SimulationTest(seedList = {3})
    void caught(SeedContext seed) {
      RegisterScenario scenario = new RegisterScenario();
      seed.assertPasses(scenario, scenario.defaultOptions().withBug(RegisterScenario.BUG));
    }
  }

  /** The same failure, asserted by hand on the run's outcome rather than with assertPasses. */
  @ExtendWith(OnlyInEngineTestKit.class)
  static class OutcomeAssertedByHand {
    @SimulationTest(seedList = {4})
    void byHand(SeedContext seed) {
      RegisterScenario scenario = new RegisterScenario();
      RunResult result = seed.run(scenario, scenario.defaultOptions().withBug(RegisterScenario.BUG));
      assertEquals(Outcome.PASS, result.outcome(), "outcome");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class CoordinatedRegister {
    @SimulationTest(seeds = 3)
    void passes(SeedContext seed) {
      RunResult result = seed.assertPasses(new RegisterScenario());
      SEEN.add(Seeds.format(seed.seed()) + " " + result.outcome());
    }
  }
}
