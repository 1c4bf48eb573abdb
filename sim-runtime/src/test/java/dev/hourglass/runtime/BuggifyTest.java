package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.SimulationOptions.BuggifyOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Fault points: false outside a simulation; inside, a site is enabled per run with
 * siteProbability and then fires with fireProbability. Statistical checks use fixed seeds and
 * bounds of about five standard deviations, so they are exact replays, not flaky.
 */
class BuggifyTest {
  private static Simulation sim(long seed, double site, double fire) {
    return Simulation.create(seed, SimulationOptions.defaults().withBuggify(new BuggifyOptions(true, site, fire)));
  }

  private static List<Boolean> decisions(Simulation sim, String site, int n) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sim.buggify(site));
    }
    return out;
  }

  @Test
  @DisplayName("Sim.buggify is false outside a simulation, and answers for the running one inside")
  void outsideSimulation() {
    assertFalse(Sim.inSimulation());
    Simulation sim = sim(1, 1.0, 1.0);
    for (int i = 0; i < 100; i++) {
      assertFalse(Sim.buggify("site"), "no simulation is running on this thread");
    }
    assertTrue(sim.buggifyReport().isEmpty(), "the idle simulation was not consulted");
    boolean[] inside = {false, false};
    sim.schedule(Duration.ofMillis(1), () -> {
      inside[0] = Sim.inSimulation();
      inside[1] = Sim.buggify("site");
    });
    sim.runFor(Duration.ofMillis(1));
    assertTrue(inside[0]);
    assertTrue(inside[1], "site and fire probability 1");
    assertFalse(Sim.inSimulation(), "cleared after the run");
    assertEquals(1, sim.buggifyReport().get(0).evaluations());
  }

  @Test
  @DisplayName("a site is enabled in about siteProbability of runs")
  void siteProbability() {
    for (double p : new double[] {0.25, 0.6}) {
      int enabled = 0;
      int runs = 2_000;
      for (long seed = 0; seed < runs; seed++) {
        Simulation sim = sim(seed, p, 0.5);
        sim.buggify("wal.skip-fsync");
        if (sim.buggifyReport().get(0).enabled()) {
          enabled++;
        }
      }
      double rate = enabled / (double) runs;
      assertTrue(Math.abs(rate - p) < 0.055, "siteProbability=" + p + " enabled in " + rate);
    }
  }

  @Test
  @DisplayName("an enabled site fires in about fireProbability of evaluations")
  void fireProbability() {
    long fired = 0;
    long evaluations = 0;
    for (long seed = 0; seed < 50; seed++) {
      Simulation sim = sim(seed, 1.0, 0.3);
      long n = decisions(sim, "net.drop", 1_000).stream().filter(b -> b).count();
      assertTrue(n > 220 && n < 380, "seed=" + seed + " fired " + n + " of 1000");
      BuggifySite report = sim.buggifyReport().get(0);
      assertTrue(report.enabled());
      assertEquals(n, report.fired());
      fired += n;
      evaluations += report.evaluations();
    }
    double rate = fired / (double) evaluations;
    assertTrue(Math.abs(rate - 0.3) < 0.01, "fire rate " + rate);
  }

  @Test
  @DisplayName("a disabled site never fires, and probabilities 0 and 1 are exact")
  void extremes() {
    for (long seed = 0; seed < 20; seed++) {
      assertFalse(decisions(sim(seed, 0.0, 1.0), "s", 100).contains(true));
      assertFalse(decisions(sim(seed, 1.0, 0.0), "s", 100).contains(true));
      assertFalse(decisions(sim(seed, 1.0, 1.0), "s", 100).contains(false));
    }
  }

  @Test
  @DisplayName("the report lists each site once, in first-evaluation order, with enabled, evaluations and fires")
  void report() {
    // Find a seed (deterministically) where site a is enabled and b is not.
    for (long seed = 0; seed < 100; seed++) {
      Simulation sim = sim(seed, 0.5, 0.5);
      long aFired = 0;
      long bFired = 0;
      for (int i = 0; i < 30; i++) {
        aFired += sim.buggify("a") ? 1 : 0;
        if (i % 3 == 0) {
          bFired += sim.buggify("b") ? 1 : 0;
        }
      }
      List<BuggifySite> report = sim.buggifyReport();
      assertEquals(List.of("a", "b"), report.stream().map(BuggifySite::site).toList());
      BuggifySite a = report.get(0);
      BuggifySite b = report.get(1);
      assertEquals(30, a.evaluations());
      assertEquals(10, b.evaluations());
      assertEquals(aFired, a.fired());
      assertEquals(bFired, b.fired());
      if (!b.enabled()) {
        assertEquals(0, b.fired(), "a disabled site never fires");
      }
      if (a.enabled() && !b.enabled()) {
        assertTrue(a.fired() > 0, "enabled at 0.5 over 30 evaluations");
        long traced = sim.trace().records().stream().filter(r -> r.label().equals("buggify")).count();
        assertEquals(a.fired(), traced, "every fire is in the trace");
        return;
      }
    }
    throw new AssertionError("no seed in 0..99 enabled a and not b: the site draw is broken");
  }

  @Test
  @DisplayName("with buggify disabled every site is false and nothing is recorded")
  void disabled() {
    for (long seed = 0; seed < 20; seed++) {
      Simulation sim = Simulation.create(seed, SimulationOptions.defaults().withBuggify(BuggifyOptions.disabled()));
      assertFalse(decisions(sim, "s", 200).contains(true));
      assertTrue(sim.buggifyReport().isEmpty());
    }
  }

  @Test
  @DisplayName("the same seed gives the same buggify decisions; another seed, others")
  void deterministic() {
    List<Boolean> first = decisions(sim(99, 1.0, 0.5), "s", 200);
    assertEquals(first, decisions(sim(99, 1.0, 0.5), "s", 200));
    assertNotEquals(first, decisions(sim(100, 1.0, 0.5), "s", 200));
  }

  @Test
  @DisplayName("evaluating one site more often does not change another site's decisions")
  void sitesAreIndependent() {
    Simulation alone = sim(5, 1.0, 0.5);
    List<Boolean> expected = decisions(alone, "a", 100);
    Simulation mixed = sim(5, 1.0, 0.5);
    List<Boolean> actual = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      mixed.buggify("b");
      mixed.buggify("c" + (i % 7));
      actual.add(mixed.buggify("a"));
    }
    assertEquals(expected, actual);
  }

  @Test
  @DisplayName("BuggifyOptions rejects probabilities outside [0, 1]")
  void optionsValidated() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new BuggifyOptions(true, 1.5, 0.5));
    assertTrue(e.getMessage().contains("siteProbability=1.5"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new BuggifyOptions(true, 0.5, -0.1));
  }
}
