package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CampaignResult.StopReason;
import dev.hourglass.testkit.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RegisterScenario register = new RegisterScenario();

  private CampaignOptions buggy(SeedSet seeds) {
    return CampaignOptions.of(seeds, register.defaultOptions().withBug(RegisterScenario.BUG)).withJobs(2);
  }

  @Test
  @DisplayName("a campaign finds the uncoordinated register's bug and writes every artifact of a failing seed")
  void findsBugAndWritesArtifacts(@TempDir Path out) throws Exception {
    CampaignResult r = Campaign.run(register, buggy(SeedSet.count(1, 30)).withOutDir(out));

    assertEquals(StopReason.COMPLETED, r.stoppedBy());
    assertEquals(30, r.seedsRun());
    assertTrue(r.failed() > 0, "no seed of 30 found the bug");
    assertEquals(r.failed(), r.failedByOutcome().getOrDefault(Outcome.SAFETY_VIOLATION, 0L), r.failedByOutcome()::toString);
    SeedReport f = r.failures().get(0);
    Path dir = out.resolve("test-register-" + Seeds.format(f.seed()));
    assertEquals(dir, f.artifacts().orElseThrow());
    try (var files = Files.list(dir)) {
      assertEquals(Set.of("banner.txt", "trace.txt", "history.jsonl", "verdict.json", "plan.json", "reproduce.txt"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary files left behind either");
    }
    String reproduce = "./hourglass run test-register --seed " + Seeds.format(f.seed()) + " --bug no-coordination";
    assertEquals(reproduce, f.reproduce());
    assertEquals(reproduce + "\n", Files.readString(dir.resolve("reproduce.txt")));

    String banner = Files.readString(dir.resolve("banner.txt"));
    assertTrue(banner.startsWith("scenario=test-register seed=" + Seeds.format(f.seed()) + " bug=no-coordination "), banner);
    assertTrue(banner.contains("\nswarm: faults="), banner);
    assertTrue(banner.contains("\nplan: "), banner);
    assertTrue(banner.contains("\noutcome=SAFETY_VIOLATION\n"), banner);
    assertTrue(banner.contains("\nreproduce with: " + reproduce + "\n"), banner);

    List<String> trace = Files.readAllLines(dir.resolve("trace.txt"));
    assertTrue(trace.get(0).startsWith("# test-register seed=" + Seeds.format(f.seed()) + ": "), trace.get(0));
    assertTrue(trace.get(0).endsWith("trace-hash=" + f.traceHashHex()), trace.get(0));
    assertTrue(trace.size() > 100, "a busy run: " + trace.size());
    for (String line : trace.subList(1, trace.size())) {
      assertTrue(line.matches("#\\d+ t=-?\\d+\\.\\d{9}s \\S+ \\S+ detail=-?\\d+"), "time and node on every line: " + line);
    }

    var history = HistoryReader.read(dir.resolve("history.jsonl"), HistoryFormat.JSONL);
    assertTrue(history.operations().size() > 50, "history: " + history.operations().size());

    JsonNode verdict = JSON.readTree(dir.resolve("verdict.json").toFile());
    assertEquals("SAFETY_VIOLATION", verdict.get("outcome").asText());
    assertEquals(Seeds.format(f.seed()), verdict.get("seed").asText());
    assertEquals("INVALID", verdict.get("verdict").asText());
    assertEquals(f.traceHashHex(), verdict.get("traceHash").asText());
    assertTrue(verdict.get("explanation").asText().contains("cannot linearize"), verdict.toString());
    assertTrue(verdict.get("evidence").isObject(), verdict.toString());

    FaultPlan plan = FaultPlan.fromJson(Files.readString(dir.resolve("plan.json")), "plan.json");
    RunResult rerun = ScenarioRunner.run(register, f.seed(), register.defaultOptions().withBug(RegisterScenario.BUG));
    assertEquals(rerun.plan(), plan);
  }

  @Test
  @DisplayName("the reproduce command of a failing seed, run through the CLI, reproduces its trace hash")
  void reproduceCommandReproduces(@TempDir Path out) {
    CampaignResult r = Campaign.run(register, buggy(SeedSet.count(1, 30)).withOutDir(out).withArtifactsMax(1));
    SeedReport f = r.failures().get(0);

    CliRun run = CliRun.command(f.reproduce());

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\ntrace-hash=" + f.traceHashHex() + "\n"), run::toString);
    assertTrue(run.out().contains("\noutcome=SAFETY_VIOLATION\n"), run::toString);
  }

  @Test
  @DisplayName("with an explicit plan, the reproduce command replays the artifact folder's plan.json")
  void explicitPlanIsReproducedFromTheArtifactFolder(@TempDir Path out) {
    RunOptions options = register.defaultOptions().withBug(RegisterScenario.BUG);
    long failing = -1;
    FaultPlan plan = null;
    for (long seed = 1; seed <= 30 && failing < 0; seed++) {
      RunResult run = ScenarioRunner.run(register, seed, options);
      if (run.outcome().failed()) {
        failing = seed;
        plan = run.plan();
      }
    }
    assertTrue(failing > 0, "no failing seed in 1..30");

    CampaignResult r = Campaign.run(register, CampaignOptions.of(SeedSet.of(List.of(failing)), options.withPlan(plan))
        .withJobs(1).withOutDir(out));

    assertEquals(1, r.failed());
    SeedReport f = r.failures().get(0);
    Path planFile = out.resolve("test-register-" + Seeds.format(failing)).resolve("plan.json");
    assertTrue(f.reproduce().endsWith(" --plan " + planFile), f.reproduce());
    CliRun run = CliRun.command(f.reproduce());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("\ntrace-hash=" + f.traceHashHex() + "\n"), run::toString);
  }

  @Test
  @DisplayName("the correct register passes a campaign: every seed passes and nothing is written but the reports")
  void correctRegisterPasses(@TempDir Path out) throws Exception {
    CampaignResult r = Campaign.run(register, CampaignOptions.of(SeedSet.count(100, 20), register.defaultOptions())
        .withJobs(2).withOutDir(out).withCheckDeterminismEvery(5));

    assertTrue(r.allPassed(), () -> r.failures().toString());
    assertEquals(20, r.passed());
    assertEquals(4, r.determinismChecks(), "positions 0, 5, 10, 15");
    try (var files = Files.list(out)) {
      assertEquals(Set.of("TEST-hourglass-test-register.xml", "summary-test-register.json"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
    }
  }

  @Test
  @DisplayName("stop-at-first: no seed starts after the first failure")
  void stopAtFirst() {
    CampaignResult r = Campaign.run(register, buggy(SeedSet.count(1, 500)).withStopAtFirst(true));

    assertEquals(StopReason.FIRST_FAILURE, r.stoppedBy());
    assertTrue(r.failed() >= 1, "a failure was found");
    assertTrue(r.failed() <= 2, "at most one more in flight per other worker: " + r.failed());
    assertTrue(r.seedsRun() < 100, "stopped early: " + r.seedsRun());
  }

  @Test
  @DisplayName("collect-all keeps going after failures, listing them lowest seed first")
  void collectAll() {
    CampaignResult r = Campaign.run(register, buggy(SeedSet.count(1, 40)));

    assertEquals(StopReason.COMPLETED, r.stoppedBy());
    assertTrue(r.failed() >= 2, "the bug is common: " + r.failed());
    List<Long> indices = r.failures().stream().map(SeedReport::index).toList();
    assertEquals(indices.stream().sorted().toList(), indices);
  }

  @Test
  @DisplayName("a time budget stops a campaign of a million seeds within about the budget")
  void timeBudgetStops() {
    long start = System.nanoTime();
    CampaignResult r = Campaign.run(register, CampaignOptions.of(SeedSet.count(1, 1_000_000), register.defaultOptions())
        .withJobs(2).withTimeBudget(Duration.ofMillis(300)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(StopReason.TIME_BUDGET, r.stoppedBy());
    assertTrue(r.seedsRun() > 0 && r.seedsRun() < 1_000_000, "seedsRun=" + r.seedsRun());
    assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
  }

  @Test
  @DisplayName("the determinism self-check catches a scenario that iterates an identity-hashed HashMap")
  void selfCheckCatchesNondeterminism(@TempDir Path out) throws Exception {
    Scenario flaky = new NondeterministicScenario();
    CampaignOptions options = CampaignOptions.of(SeedSet.count(1, 4), flaky.defaultOptions()).withJobs(2);

    CampaignResult unchecked = Campaign.run(flaky, options.withCheckDeterminismEvery(0));
    CampaignResult checked = Campaign.run(flaky, options.withCheckDeterminismEvery(1).withOutDir(out));

    assertTrue(unchecked.allPassed(), "each run on its own passes: " + unchecked.failures());
    assertEquals(4, checked.determinismChecks());
    assertEquals(4L, checked.failedByOutcome().get(Outcome.NONDETERMINISM), checked.failedByOutcome()::toString);
    SeedReport f = checked.failures().get(0);
    assertTrue(f.reason().contains("first divergent event #"), f.reason());
    assertTrue(f.reason().contains("run 1: #") && f.reason().contains("run 2: #"), f.reason());
    assertTrue(f.reproduce().endsWith(" --check-determinism"), f.reproduce());
    JsonNode verdict = JSON.readTree(f.artifacts().orElseThrow().resolve("verdict.json").toFile());
    assertEquals("NONDETERMINISM", verdict.get("outcome").asText());
  }

  @Test
  @DisplayName("the shards i/n of a campaign run every seed exactly once between them")
  void shardsPartitionACampaign() {
    SeedSet seeds = SeedSet.count(1, 13);
    List<Long> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Long> mine = new ArrayList<>();
      Shard shard = new Shard(i, 3);
      CampaignResult r = Campaign.run(register, CampaignOptions.of(seeds, register.defaultOptions()).withJobs(2)
          .withShard(shard).withCheckDeterminismEvery(0), new Campaign.Listener() {
            @Override
            public void seedDone(SeedReport report) {
              assertTrue(shard.owns(report.index()), report::toString);
              mine.add(report.seed());
            }
          });
      assertEquals(shard.sizeOf(13), r.seedsRun());
      assertEquals(mine.size(), r.seedsRun());
      all.addAll(mine);
    }
    assertEquals(13, all.size(), "no seed ran twice: " + all);
    assertEquals(new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L)), new TreeSet<>(all));
  }

  @Test
  @DisplayName("a bug the scenario does not have is rejected before any seed runs")
  void unknownBugIsRejected() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Campaign.run(register,
        CampaignOptions.of(SeedSet.count(1, 1), register.defaultOptions().withBug("no-such-bug"))));
    assertTrue(e.getMessage().contains("no-coordination"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
