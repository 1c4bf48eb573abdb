package dev.hourglass.testkit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per seed, as one JUnit test per seed displayed as {@code
 * seed=0x…}, so an IDE can re-run a single seed and a report lists each seed on its own line.
 *
 * <p>The method may declare, in any order:
 *
 * <ul>
 *   <li>{@code long seed} — the seed of this invocation;
 *   <li>{@link dev.hourglass.runtime.SimRandom} — a stream drawn from the seed (and nothing
 *       else), for choosing the test's parameters: the same seed always draws the same values,
 *       so the seed alone reproduces the whole test, parameters included;
 *   <li>{@link SeedContext} — runs a {@link dev.hourglass.testkit.Scenario} for this seed and
 *       asserts it passes, writing the failing run's artifacts.
 * </ul>
 *
 * <p>Which seeds run, first rule that applies:
 *
 * <ol>
 *   <li>{@code -Dhourglass.seed=S} (decimal or {@code 0x} hex): only seed {@code S} — what a
 *       failure's reproduce command sets;
 *   <li>{@link #seedList()}, when not empty: exactly those seeds (a regression list; the two
 *       properties below do not change it);
 *   <li>otherwise {@code count} consecutive seeds from {@code start}: {@code count} is {@code
 *       -Dhourglass.seeds=N} if set, else {@link #seeds()}; {@code start} is {@code
 *       -Dhourglass.start=S} if set, else {@link #start()}. CI scales a sweep up, or moves it to
 *       fresh seeds every night, without a code change.
 * </ol>
 *
 * <p>The properties are read as JUnit configuration parameters ({@code junit-platform.properties},
 * a launcher's parameters) or, failing that, as JVM system properties: Maven passes the {@code -D}
 * options of {@code mvn test} to the tests. They apply to every {@code @SimulationTest} the run
 * selects. A malformed value fails the test with a message naming it.
 * {@code -Dhourglass.module=PATH} overrides the module named by the reproduce command (by
 * default, the Maven module the test class was compiled in).
 *
 * <p>{@code -Dhourglass.shrink=true} shrinks a run that {@link SeedContext#assertPasses} (or
 * {@link SeedContext#assertPassed}) finds failing before reporting it: the message then also has
 * the original and the minimal fault plan and workload side by side, the minimal run's artifact
 * folder ({@code <artifact folder>/minimal}) and the command that replays it; {@code
 * -Dhourglass.shrink.runs=N} bounds the shrink's candidate runs (default 400).
 *
 * <p>May be used as a meta-annotation, e.g. for a team's {@code @NightlySimulation}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(SimulationTestExtension.class)
public @interface SimulationTest {
  /** How many consecutive seeds to run from {@link #start()}; positive; default 100. */
  int seeds() default 100;

  /** The first seed of the sweep; default 1. */
  long start() default 1;

  /** Explicit seeds to run instead of a sweep, in this order; each at most once. */
  long[] seedList() default {};
}
