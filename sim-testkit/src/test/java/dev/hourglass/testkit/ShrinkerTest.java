package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.testkit.ShrinkResult.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
  private final RegisterScenario register = new RegisterScenario();
  private final TripwireScenario tripwire = new TripwireScenario();

  private static long firstFailing(Scenario scenario, RunOptions options, int seedsMax) {
    for (long seed = 1; seed <= seedsMax; seed++) {
      if (ScenarioRunner.run(scenario, seed, options).outcome().failed()) {
        return seed;
      }
    }
    throw new AssertionError("no seed in 1.." + seedsMax + " fails " + scenario.name());
  }

  @Test
  @DisplayName("a failing register run shrinks to a strictly smaller run that still fails the same way")
  void shrinksToStrictlySmallerFailingRun() {
    RunOptions options = register.defaultOptions().withBug(RegisterScenario.BUG);
    long seed = firstFailing(register, options, 30);
    ShrinkResult r = Shrinker.shrink(register, seed, options, ShrinkOptions.defaults(), ShrinkListener.none());

    assertEquals(StopReason.FIXED_POINT, r.stoppedBy(), r.summary());
    assertTrue(r.shrunk(), r.sideBySide());
    assertTrue(r.minimalSize().smallerThan(r.originalSize()), r.sideBySide());
    assertTrue(r.minimalSize().operations() < r.originalSize().operations(), r.sideBySide());
    assertEquals("SAFETY_VIOLATION linearizable(register)", r.original().failureClass());
    assertEquals(r.original().failureClass(), r.minimal().failureClass());
    // The minimal run's options replay it exactly.
    RunResult again = ScenarioRunner.run(register, seed, r.minimalOptions());
    assertEquals(Outcome.SAFETY_VIOLATION, again.outcome());
    assertEquals(r.minimal().traceHash(), again.traceHash());
    assertTrue(r.minimalOptions().plan().isPresent(), "the minimal run's plan is explicit");
  }

  @Test
  @DisplayName("a failure that needs two particular faults shrinks to exactly those, short, with no workload")
  void keepsExactlyTheFaultsTheFailureNeeds() {
    RunOptions options = tripwire.defaultOptions();
    long seed = firstFailing(tripwire, options, 200);
    ShrinkResult r = Shrinker.shrink(tripwire, seed, options, ShrinkOptions.defaults(), ShrinkListener.none());

    assertEquals(StopReason.FIXED_POINT, r.stoppedBy(), r.summary());
    assertEquals("SAFETY_VIOLATION always: tripwire", r.minimal().failureClass());
    List<TimedFault> faults = r.minimal().plan().faults();
    assertEquals(3, faults.size(), r.sideBySide());
    TimedFault skew = faults.stream().filter(f -> f.fault() instanceof Fault.ClockSkew).findFirst().orElseThrow();
    TimedFault crash = faults.stream().filter(f -> f.fault().equals(new Fault.Crash("n2"))).findFirst().orElseThrow();
    TimedFault restart = faults.stream().filter(f -> f.fault().equals(new Fault.Restart("n2"))).findFirst().orElseThrow();
    assertTrue(((Fault.ClockSkew) skew.fault()).node().equals("n3") && ((Fault.ClockSkew) skew.fault()).driftPpm() != 0,
        r.sideBySide());
    assertTrue(skew.atNanos() < restart.atNanos() && crash.atNanos() < restart.atNanos(), r.sideBySide());
    assertEquals(2, r.minimalSize().faults(), "a crash and its restart are one fault: " + r.sideBySide());
    // The crash is cut to a few watch periods around the skew (or less, when the skew came first).
    assertTrue(r.minimalSize().faultNanos() <= 8 * TripwireScenario.WATCH_PERIOD_NANOS, r.sideBySide());
    assertEquals(0, r.minimalSize().operations(), r.sideBySide());
    assertEquals(1, r.minimalSize().clients(), r.sideBySide());
    assertTrue(r.minimalSize().safetyNanos() <= restart.atNanos() + 1_000_000, r.sideBySide());
    assertTrue(r.originalSize().faults() > 2, "the original had faults to drop: " + r.sideBySide());
  }

  @Test
  @DisplayName("shrinking is deterministic: the same failing run gives the same candidates and the same minimal run")
  void shrinkingIsDeterministic() {
    RunOptions options = register.defaultOptions().withBug(RegisterScenario.BUG);
    long seed = firstFailing(register, options, 30);
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    ShrinkResult a = Shrinker.shrink(register, seed, options, ShrinkOptions.defaults(), s -> first.add(s.describe()));
    ShrinkResult b = Shrinker.shrink(register, seed, options, ShrinkOptions.defaults(), s -> second.add(s.describe()));

    assertEquals(first, second);
    assertEquals(a.runs(), first.size());
    assertEquals(a.minimal().plan(), b.minimal().plan());
    assertEquals(a.minimalOptions(), b.minimalOptions());
    assertEquals(a.minimal().traceHash(), b.minimal().traceHash());
  }

  @Test
  @DisplayName("the runs budget stops the search with a failing run no bigger than the original")
  void runsBudgetStopsTheSearch() {
    RunOptions options = tripwire.defaultOptions();
    long seed = firstFailing(tripwire, options, 200);
    ShrinkResult r = Shrinker.shrink(tripwire, seed, options, ShrinkOptions.defaults().withRunsMax(3), ShrinkListener.none());

    assertEquals(StopReason.RUNS_BUDGET, r.stoppedBy());
    assertEquals(3, r.runs());
    assertTrue(r.minimal().outcome().failed());
    assertEquals(r.original().failureClass(), r.minimal().failureClass());
    assertFalse(r.originalSize().smallerThan(r.minimalSize()), r.sideBySide());
  }

  @Test
  @DisplayName("a passing seed has nothing to shrink and costs no candidate run")
  void passingSeedIsNotShrunk() {
    ShrinkResult r = Shrinker.shrink(register, 1, register.defaultOptions(), ShrinkOptions.defaults(), ShrinkListener.none());

    assertEquals(StopReason.DID_NOT_FAIL, r.stoppedBy());
    assertEquals(0, r.runs());
    assertFalse(r.shrunk());
    assertTrue(r.summary().contains("nothing to shrink"), r.summary());
  }

  @Test
  @DisplayName("the side-by-side report lists both plans and every size")
  void sideBySideShowsBothRuns() {
    RunOptions options = tripwire.defaultOptions();
    long seed = firstFailing(tripwire, options, 200);
    ShrinkResult r = Shrinker.shrink(tripwire, seed, options, ShrinkOptions.defaults(), ShrinkListener.none());
    String text = r.sideBySide();

    assertTrue(text.lines().findFirst().orElseThrow().contains("original"), text);
    assertTrue(text.lines().findFirst().orElseThrow().contains("minimal"), text);
    for (String row : List.of("faults", "fault time", "operations", "clients", "safety phase", "plan")) {
      assertTrue(text.lines().anyMatch(l -> l.startsWith(row)), row + " in\n" + text);
    }
    assertTrue(text.contains("crash n2"), text);
    assertTrue(text.contains("restart n2"), text);
  }
}
