package dev.hourglass.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CampaignOptions;
import dev.hourglass.testkit.CampaignResult;
import dev.hourglass.testkit.CampaignResult.BuggifyTotal;
import dev.hourglass.testkit.CampaignResult.CoverageTotal;
import dev.hourglass.testkit.SeedReport;
import dev.hourglass.testkit.SeedSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's JSON summary for CI: what ran, how it went (seeds run, passed, failed by outcome,
 * seeds per second), coverage never reached and fault points never fired, and the failing seeds
 * with their reproduce commands. Field names are stable; new ones may be added.
 */
final class SummaryJson {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private SummaryJson() {}

  static String of(CampaignResult r) {
    CampaignOptions o = r.options();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", r.scenario());
    m.put("bug", o.run().bug().orElse(null));
    m.put("explicitPlan", o.run().plan().isPresent());
    m.put("seeds", seeds(o.seeds()));
    m.put("shard", o.shard().toString());
    m.put("jobs", o.jobs());
    m.put("timeBudgetSeconds", o.timeBudget().map(d -> d.toMillis() / 1000.0).orElse(null));
    m.put("checkDeterminismEvery", o.checkDeterminismEvery());
    m.put("stoppedBy", r.stoppedBy().name());
    m.put("seedsPlanned", r.seedsPlanned());
    m.put("seedsRun", r.seedsRun());
    m.put("passed", r.passed());
    m.put("failed", r.failed());
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    r.failedByOutcome().forEach((k, v) -> byOutcome.put(k.name(), v));
    m.put("failedByOutcome", byOutcome);
    m.put("determinismChecks", r.determinismChecks());
    m.put("elapsedSeconds", round(r.elapsed().toNanos() / 1e9));
    m.put("seedsPerSecond", round(r.seedsPerSecond()));
    m.put("coverageNeverReached", r.neverSatisfied().stream().map(SummaryJson::coverage).toList());
    m.put("buggifyNeverFired", r.neverFired().stream().map(SummaryJson::buggify).toList());
    m.put("coverage", r.coverage().stream().map(SummaryJson::coverage).toList());
    m.put("buggify", r.buggify().stream().map(SummaryJson::buggify).toList());
    m.put("distinctOmitted", r.distinctOmitted());
    List<Map<String, Object>> failures = new ArrayList<>();
    for (SeedReport f : r.failures()) {
      failures.add(failure(f));
    }
    m.put("failures", failures);
    m.put("failuresOmitted", r.failuresOmitted());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary of strings and numbers always serialises: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> seeds(SeedSet seeds) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (seeds) {
      case SeedSet.Range range -> {
        m.put("start", Seeds.format(range.start()));
        m.put("count", range.count());
      }
      case SeedSet.Listed listed -> m.put("list", listed.seeds().stream().map(Seeds::format).toList());
    }
    return m;
  }

  private static Map<String, Object> coverage(CoverageTotal c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
    m.put("message", c.message());
    m.put("evaluations", c.evaluations());
    m.put("satisfied", c.satisfied());
    m.put("seedsSatisfied", c.seedsSatisfied());
    return m;
  }

  private static Map<String, Object> buggify(BuggifyTotal b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("site", b.site());
    m.put("seedsEvaluated", b.seedsEvaluated());
    m.put("seedsEnabled", b.seedsEnabled());
    m.put("evaluations", b.evaluations());
    m.put("fired", b.fired());
    m.put("seedsFired", b.seedsFired());
    return m;
  }

  private static Map<String, Object> failure(SeedReport f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", Seeds.format(f.seed()));
    m.put("index", f.index());
    m.put("outcome", f.outcome().name());
    m.put("reason", f.reason());
    m.put("traceHash", f.traceHashHex());
    m.put("reproduce", f.reproduce());
    m.put("artifacts", f.artifacts().map(Object::toString).orElse(null));
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
