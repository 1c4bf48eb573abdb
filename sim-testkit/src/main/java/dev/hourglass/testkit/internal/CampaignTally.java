package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.BuggifySite;
import dev.hourglass.runtime.CoverageEntry;
import dev.hourglass.testkit.CampaignResult.BuggifyTotal;
import dev.hourglass.testkit.CampaignResult.CoverageTotal;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.SeedReport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running totals of a campaign — all it remembers of the seeds that ran: counts by outcome,
 * coverage and fault-point totals keyed by message and site (bounded: past {@link
 * #DISTINCT_MAX} distinct ones, new ones are only counted), and the failing seeds with the lowest
 * seed indices (bounded by {@code CampaignResult.FAILURES_LISTED_MAX}). Used by one thread.
 */
final class CampaignTally {
  /** Distinct coverage messages, and distinct fault-point sites, tallied at most. */
  static final int DISTINCT_MAX = 10_000;

  long seedsRun;
  long passed;
  long determinismChecks;
  final EnumMap<Outcome, Long> failedByOutcome = new EnumMap<>(Outcome.class);
  private final Map<String, long[]> coverage = new LinkedHashMap<>(); // kind|message -> evaluations, satisfied, seeds
  private final Map<String, CoverageEntry.Kind> coverageKinds = new LinkedHashMap<>();
  private final Map<String, long[]> buggify = new LinkedHashMap<>(); // site -> seedsEvaluated, seedsEnabled, evaluations, fired, seedsFired
  long coverageDropped;
  long buggifyDropped;
  private final TreeMap<Long, SeedReport> failures = new TreeMap<>();
  private final int failuresListedMax;
  long failuresOmitted;

  CampaignTally(int failuresListedMax) {
    this.failuresListedMax = failuresListedMax;
  }

  long failed() {
    return seedsRun - passed;
  }

  void add(SeedReport report, List<CoverageEntry> runCoverage, List<BuggifySite> runBuggify) {
    seedsRun++;
    if (report.determinismChecked()) {
      determinismChecks++;
    }
    if (report.failed()) {
      failedByOutcome.merge(report.outcome(), 1L, Long::sum);
      failures.put(report.index(), report);
      if (failures.size() > failuresListedMax) {
        failures.pollLastEntry();
        failuresOmitted++;
      }
    } else {
      passed++;
    }
    for (CoverageEntry e : runCoverage) {
      String key = e.kind() + "|" + e.message();
      long[] t = coverage.get(key);
      if (t == null) {
        if (coverage.size() >= DISTINCT_MAX) {
          coverageDropped++;
          continue;
        }
        t = new long[3];
        coverage.put(key, t);
        coverageKinds.put(key, e.kind());
      }
      t[0] += e.evaluations();
      t[1] += e.satisfied();
      t[2] += e.satisfied() > 0 ? 1 : 0;
    }
    for (BuggifySite s : runBuggify) {
      long[] t = buggify.get(s.site());
      if (t == null) {
        if (buggify.size() >= DISTINCT_MAX) {
          buggifyDropped++;
          continue;
        }
        t = new long[5];
        buggify.put(s.site(), t);
      }
      t[0]++;
      t[1] += s.enabled() ? 1 : 0;
      t[2] += s.evaluations();
      t[3] += s.fired();
      t[4] += s.fired() > 0 ? 1 : 0;
    }
  }

  List<CoverageTotal> coverage() {
    List<CoverageTotal> out = new ArrayList<>(coverage.size());
    coverage.forEach((key, t) -> out.add(new CoverageTotal(coverageKinds.get(key), key.substring(key.indexOf('|') + 1), t[0], t[1], t[2])));
    return out;
  }

  List<BuggifyTotal> buggify() {
    List<BuggifyTotal> out = new ArrayList<>(buggify.size());
    buggify.forEach((site, t) -> out.add(new BuggifyTotal(site, t[0], t[1], t[2], t[3], t[4])));
    return out;
  }

  List<SeedReport> failures() {
    return List.copyOf(failures.values());
  }
}
