package dev.hourglass.testkit.junit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.Scenario;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.Scenarios;
import dev.hourglass.testkit.ShrinkListener;
import dev.hourglass.testkit.ShrinkResult;
import dev.hourglass.testkit.Shrinker;
import dev.hourglass.testkit.internal.ArtifactFolder;
import dev.hourglass.testkit.internal.ReproduceCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One seed of a {@link SimulationTest}, as a parameter of the test method: runs scenarios for
 * this seed and asserts they pass. A failing run's assertion message has the outcome, the reason,
 * the checker's evidence, the run's banner, the artifact folder ({@link #artifactFolder()}) and
 * the command that re-runs exactly this seed.
 *
 * <pre>{@code
 * @SimulationTest(seeds = 50)
 * void uncoordinatedRegisterIsCaught(SeedContext seed) {
 *   seed.assertPasses(new RegisterScenario(), RunOptions.defaults().withBug("no-coordination"));
 * }
 * }</pre>
 *
 * <p>One instance per invocation, used by one thread.
 */
public final class SeedContext {
  /** The name of the parameter stream, forked from the seed. */
  static final String PARAMETER_STREAM = "junit/parameters";

  private final long seed;
  private final TestCoordinates coordinates;
  private final SimRandom random;
  private final ShrinkSetting shrink;
  private RunResult unwrittenFailure; // a failing run whose artifacts are not written yet
  private RunResult lastFailure; // the last failing run of run(), and the scenario it ran, for shrinking
  private Scenario lastFailureScenario;
  private Optional<Path> writtenFolder = Optional.empty();

  SeedContext(long seed, TestCoordinates coordinates, ShrinkSetting shrink) {
    this.seed = seed;
    this.coordinates = checkNotNull(coordinates, "coordinates");
    this.shrink = checkNotNull(shrink, "shrink");
    this.random = new SimRandom(seed).fork(PARAMETER_STREAM);
  }

  /** The seed of this invocation. */
  public long seed() {
    return seed;
  }

  /**
   * The stream for drawing the test's parameters — the same object a {@code SimRandom} parameter
   * of the test method receives. It is {@code new SimRandom(seed).fork("junit/parameters")}, so
   * it depends on the seed alone and never on what a scenario's run draws.
   */
  public SimRandom random() {
    return random;
  }

  /** Runs {@code scenario} for this seed with its {@link Scenario#defaultOptions()}; never throws for a failing run. */
  public RunResult run(Scenario scenario) {
    checkNotNull(scenario, "scenario");
    return run(scenario, scenario.defaultOptions());
  }

  /**
   * Runs {@code scenario} for this seed with {@code options}; never throws for a failing run. If
   * the test then fails, the artifacts of the last failing run are written and the failure's
   * message names their folder.
   */
  public RunResult run(Scenario scenario, RunOptions options) {
    checkNotNull(scenario, "scenario");
    checkNotNull(options, "options");
    RunResult result = ScenarioRunner.run(scenario, seed, options);
    if (result.outcome().failed()) {
      unwrittenFailure = result;
      lastFailure = result;
      lastFailureScenario = scenario;
    }
    return result;
  }

  /** Runs {@code scenario} with its default options and asserts the run passed; returns the passing result. */
  public RunResult assertPasses(Scenario scenario) {
    return assertPassed(run(scenario));
  }

  /** Runs {@code scenario} with {@code options} and asserts the run passed; returns the passing result. */
  public RunResult assertPasses(Scenario scenario, RunOptions options) {
    return assertPassed(run(scenario, options));
  }

  /**
   * Asserts that {@code result}, a run of this seed, passed.
   *
   * @return {@code result}
   * @throws AssertionError if it did not: outcome, reason, evidence, banner, artifact folder and
   *     reproduce command in the message; the artifacts are written first
   * @throws IllegalArgumentException if {@code result} is a run of another seed (its reproduce
   *     command would be wrong)
   */
  public RunResult assertPassed(RunResult result) {
    checkNotNull(result, "result");
    checkArgument(result.seed() == seed, "result is a run of another seed: result.seed=%s seed=%s",
        Seeds.format(result.seed()), Seeds.format(seed));
    if (!result.outcome().failed()) {
      return result;
    }
    String artifacts = writeArtifacts(result);
    String message = FailureReport.message(result, artifacts, reproduceCommand());
    if (shrink.enabled() && result == lastFailure) {
      message += "\n" + shrunk(lastFailureScenario, result);
    }
    throw new AssertionError(message);
  }

  /**
   * With {@code -Dhourglass.shrink=true}: shrinks the failing run, writes the minimal run's
   * artifacts to {@code <artifact folder>/minimal} and returns the report's shrink section (the
   * two runs side by side and how to re-run the minimal one).
   */
  private String shrunk(Scenario scenario, RunResult failing) {
    ShrinkResult s = Shrinker.shrink(scenario, failing, shrink.options(), ShrinkListener.none());
    Path minimalFolder = artifactFolder().resolve("minimal");
    boolean registered = Scenarios.names().contains(scenario.name());
    String replay = ReproduceCommand.of(scenario.name(), seed, s.minimalOptions(), scenario.defaultOptions(),
        Optional.of(minimalFolder.resolve("plan.json")), false);
    String written;
    try {
      ArtifactFolder.write(minimalFolder, s.minimal(), replay);
      written = "minimal run's artifacts: " + minimalFolder;
    } catch (IOException | RuntimeException e) {
      written = "minimal run's artifacts: could not be written to " + minimalFolder + ": " + e;
    }
    return "shrink (-D" + ShrinkSetting.SHRINK + "=true): " + s.summary() + "\n"
        + s.sideBySide().lines().map(l -> "  " + l + "\n").reduce("", String::concat)
        + written + "\n"
        + (registered
            ? "reproduce the minimal run with: " + replay
            : "the minimal run is this seed with RunOptions plan=" + minimalFolder.resolve("plan.json") + " operationsMax="
                + s.minimalOptions().operationsMax().orElse(-1) + " clients=" + s.minimalOptions().clients().orElse(-1)
                + " safetyNanos=" + s.minimalOptions().safetyNanos() + " (scenario " + scenario.name()
                + " is not registered for the CLI, so there is no command line for it)");
  }

  /** The command that re-runs exactly this seed of this test. */
  public String reproduceCommand() {
    return coordinates.reproduceCommand(seed);
  }

  /**
   * Where a failing run's artifacts are written: {@code
   * <module>/target/hourglass/<Class>-<method>-0x…}, with the files the seed runner writes for a
   * failing seed ({@code banner.txt}, {@code trace.txt}, {@code history.jsonl}, {@code
   * verdict.json}, {@code plan.json}, {@code reproduce.txt}).
   */
  public Path artifactFolder() {
    return coordinates.artifactFolder(seed);
  }

  /**
   * For the exception handler: writes the artifacts of a failing run of this invocation if any
   * are pending, and returns a line naming their folder (empty when no run of this seed failed).
   */
  Optional<String> artifactsLine() {
    if (unwrittenFailure != null) {
      return Optional.of(writeArtifacts(unwrittenFailure));
    }
    return writtenFolder.map(folder -> "artifacts: " + folder);
  }

  private String writeArtifacts(RunResult result) {
    unwrittenFailure = null;
    Path folder = artifactFolder();
    try {
      ArtifactFolder.write(folder, result, reproduceCommand());
      writtenFolder = Optional.of(folder);
      return "artifacts: " + folder;
    } catch (IOException | RuntimeException e) {
      // The failure being reported matters more than its artifacts: say what went wrong, go on.
      return "artifacts: could not be written to " + folder + ": " + e;
    }
  }
}
