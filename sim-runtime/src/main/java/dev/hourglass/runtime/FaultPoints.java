package dev.hourglass.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state behind {@code buggify}, {@code sometimes} and {@code reachable} for one run. Each
 * fault site draws from its own stream ({@code buggify/<site>}), so adding a site or evaluating
 * one more often never changes what another site does.
 */
final class FaultPoints {
  private final Simulation simulation;
  private final SimulationOptions.BuggifyOptions options;
  private final Map<String, Site> sites = new LinkedHashMap<>();
  private final Map<String, Cover> coverage = new LinkedHashMap<>();

  private static final class Site {
    final SimRandom random;
    final boolean enabled;
    long evaluations;
    long fired;

    Site(SimRandom random, boolean enabled) {
      this.random = random;
      this.enabled = enabled;
    }
  }

  private static final class Cover {
    final CoverageEntry.Kind kind;
    long evaluations;
    long satisfied;

    Cover(CoverageEntry.Kind kind) {
      this.kind = kind;
    }
  }

  FaultPoints(Simulation simulation, SimulationOptions.BuggifyOptions options) {
    this.simulation = simulation;
    this.options = options;
  }

  /** Fault points can be switched off and on while a run goes (a nemesis's "buggify off"). */
  private boolean active = true;

  void setActive(boolean value) {
    active = value;
  }

  boolean evaluate(String site) {
    if (!options.enabled() || !active) {
      return false;
    }
    Site s = sites.get(site);
    if (s == null) {
      SimRandom stream = simulation.random().fork("buggify/" + site);
      s = new Site(stream, stream.chance(options.siteProbability()));
      sites.put(site, s);
    }
    s.evaluations++;
    if (!s.enabled || !s.random.chance(options.fireProbability())) {
      return false;
    }
    s.fired++;
    simulation.traceEvent("buggify", s.fired);
    return true;
  }

  List<BuggifySite> report() {
    List<BuggifySite> out = new ArrayList<>(sites.size());
    sites.forEach((name, s) -> out.add(new BuggifySite(name, s.enabled, s.evaluations, s.fired)));
    return out;
  }

  void cover(String message, CoverageEntry.Kind kind, boolean condition) {
    Cover c = coverage.computeIfAbsent(message, m -> new Cover(kind));
    c.evaluations++;
    if (condition) {
      c.satisfied++;
    }
  }

  List<CoverageEntry> coverage() {
    List<CoverageEntry> out = new ArrayList<>(coverage.size());
    coverage.forEach((m, c) -> out.add(new CoverageEntry(m, c.kind, c.evaluations, c.satisfied)));
    return out;
  }
}
