package dev.hourglass.testkit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.BuggifySite;
import dev.hourglass.runtime.CoverageEntry;
import dev.hourglass.testkit.CampaignResult.CoverageTotal;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.SeedReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The campaign's bookkeeping and writers, without running simulations. */
class CampaignOutputsTest {
  private static SeedReport report(long index, Outcome outcome, String reason) {
    return new SeedReport(index, index + 1, outcome, reason, outcome.failed() ? outcome.name() : "", 0xabcL, 1_000_000, false, "./hourglass run x --seed 0x1",
        Optional.empty());
  }

  @Test
  @DisplayName("coverage and fault points add up across seeds; the never-satisfied and never-fired ones stand out")
  void coverageAddsUp() {
    CampaignTally tally = new CampaignTally(10);
    tally.add(report(0, Outcome.PASS, ""),
        List.of(new CoverageEntry("leader elected", CoverageEntry.Kind.SOMETIMES, 5, 0),
            new CoverageEntry("snapshot installed", CoverageEntry.Kind.REACHABLE, 1, 1)),
        List.of(new BuggifySite("slow-fsync", false, 3, 0), new BuggifySite("drop-ack", true, 4, 2)));
    tally.add(report(1, Outcome.PASS, ""),
        List.of(new CoverageEntry("leader elected", CoverageEntry.Kind.SOMETIMES, 7, 0)),
        List.of(new BuggifySite("slow-fsync", true, 2, 0)));

    List<CoverageTotal> coverage = tally.coverage();
    assertEquals(new CoverageTotal(CoverageEntry.Kind.SOMETIMES, "leader elected", 12, 0, 0), coverage.get(0));
    assertEquals(new CoverageTotal(CoverageEntry.Kind.REACHABLE, "snapshot installed", 1, 1, 1), coverage.get(1));
    assertTrue(coverage.get(0).neverSatisfied());
    var slow = tally.buggify().get(0);
    assertEquals("slow-fsync", slow.site());
    assertEquals(2, slow.seedsEvaluated());
    assertEquals(1, slow.seedsEnabled());
    assertTrue(slow.neverFired());
    assertEquals(1, tally.buggify().get(1).seedsFired());
  }

  @Test
  @DisplayName("the failure list is bounded and keeps the lowest seed indices, counting the rest")
  void failuresAreBounded() {
    CampaignTally tally = new CampaignTally(3);
    for (long i : new long[] {9, 4, 7, 1, 8, 2}) {
      tally.add(report(i, Outcome.SAFETY_VIOLATION, "x"), List.of(), List.of());
    }
    tally.add(report(5, Outcome.PASS, ""), List.of(), List.of());

    assertEquals(List.of(1L, 2L, 4L), tally.failures().stream().map(SeedReport::index).toList());
    assertEquals(3, tally.failuresOmitted);
    assertEquals(6, tally.failed());
    assertEquals(Map.of(Outcome.SAFETY_VIOLATION, 6L), tally.failedByOutcome);
  }

  @Test
  @DisplayName("JUnit XML stays well-formed whatever a reason holds: markup, quotes, control characters")
  void junitXmlEscapes(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("TEST-x.xml");
    String nasty = "a <b> & \"c\" 'd' \u0001\u001b[31m\nline two";
    try (JUnitXml xml = new JUnitXml(target)) {
      xml.add("hourglass.x", report(0, Outcome.PASS, ""), "");
      xml.add("hourglass.x", report(1, Outcome.CRASH, nasty), "evidence <here> & \u0007 there");
      xml.finish("hourglass.x", 2, 1, 2_500_000_000L, Map.of("hourglass.bug", nasty));
    }
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(target.toFile()).getDocumentElement();
    assertEquals("2", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("2.500", suite.getAttribute("time"));
    Element failure = (Element) suite.getElementsByTagName("failure").item(0);
    assertEquals("CRASH: a <b> & \"c\" 'd' \uFFFD\uFFFD[31m line two", failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("evidence:\nevidence <here> & \uFFFD there"), failure.getTextContent());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "the temporary test-case file is gone");
    }
  }

  @Test
  @DisplayName("reproduce commands quote what a shell would split, and only that")
  void reproduceQuotes() {
    assertEquals("./hourglass run kv --seed 0x000000000000002a --bug lost-ack --plan 'out dir/kv-0x2a/plan.json'",
        ReproduceCommand.of("kv", 42, Optional.of("lost-ack"), Optional.of(Path.of("out dir/kv-0x2a/plan.json")), false));
    assertEquals("./hourglass run kv --seed 0xffffffffffffffff --check-determinism",
        ReproduceCommand.of("kv", -1, Optional.empty(), Optional.empty(), true));
    assertEquals("'it'\\''s'", ReproduceCommand.quote("it's"));
  }
}
