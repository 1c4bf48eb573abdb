package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CorpusSeeds;
import dev.hourglass.testkit.FaultPlan;
import dev.hourglass.testkit.Outcome;
import dev.hourglass.testkit.RegisterScenario;
import dev.hourglass.testkit.RunOptions;
import dev.hourglass.testkit.RunResult;
import dev.hourglass.testkit.ScenarioRunner;
import dev.hourglass.testkit.SeedCorpus;
import dev.hourglass.testkit.SeedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass fuzz --record}, {@code corpus check} and {@code corpus refind} end to end. */
class CorpusCommandTest {
  private static final String CLASS = "SAFETY_VIOLATION linearizable(register)";

  /** {@code record} with another seed, plan and expectation: how a record goes stale or wrong. */
  private static SeedRecord edited(SeedRecord record, long seed, Optional<FaultPlan> plan,
      Outcome expected, String failureClass) {
    return new SeedRecord(record.scenario(), seed, record.bug(), plan, record.operationsMax(), record.clients(),
        record.safetyNanos(), expected, failureClass, record.traceHash(), record.recorded(), record.why());
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  @DisplayName("fuzz --record writes a record per failing seed, and leaves a seed already recorded alone")
  void fuzzRecordsFailingSeeds(@TempDir Path tmp) throws IOException {
    Path seeds = tmp.resolve("seeds");
    String[] args = {"fuzz", "test-register", "--seeds", "8", "--bug", "no-coordination", "--jobs", "2",
        "--out", tmp.resolve("out").toString(), "--record", seeds.toString()};

    CliRun run = CliRun.of(args);

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().lines().findFirst().orElseThrow().endsWith(", record=" + seeds), run::toString);
    List<String> lines = run.out().lines().toList();
    List<String> recorded = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("FAIL seed=")) {
        String seed = lines.get(i).substring("FAIL seed=".length(), "FAIL seed=".length() + 18);
        String hash = lines.get(i).replaceAll(".* trace-hash=([0-9a-f]{16}).*", "$1");
        Path file = seeds.resolve("test-register--no-coordination--0x" + Long.toHexString(Seeds.parse(seed)) + ".json");
        assertEquals("  recorded: " + file, lines.get(i + 3), run::toString);
        SeedRecord record = SeedRecord.read(file);
        assertEquals(Seeds.parse(seed), record.seed());
        assertEquals(Outcome.SAFETY_VIOLATION, record.expected());
        assertEquals(CLASS, record.failureClass());
        assertEquals(hash, record.traceHashHex());
        assertEquals("found by hourglass fuzz test-register --bug no-coordination (8 seeds from 0x0000000000000001)",
            record.why());
        recorded.add(file.getFileName().toString());
      }
    }
    assertFalse(recorded.isEmpty(), run::toString);
    assertEquals(recorded.stream().sorted().toList(), fileNames(seeds));
    String first = Files.readString(seeds.resolve(recorded.get(0)));

    CliRun again = CliRun.of(args);

    assertEquals(1, again.exitCode(), again::toString);
    assertTrue(again.out().contains("  already recorded: " + seeds.resolve(recorded.get(0)) + " (left as it is)\n"),
        again::toString);
    assertFalse(again.out().contains("  recorded: "), again::toString);
    assertEquals(first, Files.readString(seeds.resolve(recorded.get(0))), "the first record keeps its date and reason");

    CliRun check = CliRun.of("corpus", "check", seeds.toString());
    assertEquals(0, check.exitCode(), check::toString);
    assertTrue(check.out().contains("\n" + recorded.size() + " records: " + recorded.size() + " ok, 0 changed, 0 failed\n"),
        check::toString);
  }

  @Test
  @DisplayName("corpus check: ok for a record that holds, CHANGED for another run that shows the same, FAIL with the "
      + "reproduce command for a wrong outcome")
  void checkReportsEveryRecord(@TempDir Path dir) throws IOException {
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    SeedRecord passing = CorpusSeeds.record(CorpusSeeds.passing());
    SeedCorpus.write(dir, failing);
    SeedCorpus.write(dir, passing);

    CliRun ok = CliRun.of("corpus", "check", dir.toString());

    assertEquals(0, ok.exitCode(), ok::toString);
    assertEquals("corpus " + dir + ": 2 records\n"
        + "ok " + passing.fileName() + " PASS trace-hash=" + passing.traceHashHex() + "\n"
        + "ok " + failing.fileName() + " " + CLASS + " trace-hash=" + failing.traceHashHex() + "\n"
        + "2 records: 2 ok, 0 changed, 0 failed\n", ok.out());

    SeedRecord otherRun = new SeedRecord(passing.scenario(), passing.seed() + 1, passing.bug(), passing.plan(),
        passing.operationsMax(), passing.clients(), passing.safetyNanos(), Outcome.PASS, "", 0x1234L, passing.recorded(),
        passing.why());
    SeedCorpus.write(dir, otherRun);
    Files.writeString(dir.resolve("test-register--wrong.json"), edited(failing, failing.seed(), Optional.empty(),
        Outcome.PASS, "").toJson());

    CliRun mixed = CliRun.of("corpus", "check", dir.toString());

    assertEquals(1, mixed.exitCode(), mixed::toString);
    assertTrue(mixed.out().contains("\nCHANGED " + otherRun.fileName() + " PASS trace-hash="), mixed::toString);
    assertTrue(mixed.out().contains(" (recorded 0000000000001234): the seed now means a different run that shows the same\n"),
        mixed::toString);
    assertTrue(mixed.out().contains("\nFAIL test-register--wrong.json expected PASS, found " + CLASS + " (trace-hash "
        + failing.traceHashHex() + ", recorded " + failing.traceHashHex() + "); reproduce with: ./hourglass run "
        + "test-register --seed " + Seeds.format(failing.seed()) + " --bug no-coordination\n"), mixed::toString);
    assertTrue(mixed.out().contains("\n4 records: 2 ok, 1 changed, 1 failed\n"), mixed::toString);
  }

  @Test
  @DisplayName("corpus check and refind exit 64 naming the file for a malformed record, an unknown scenario or bug, "
      + "and a missing directory")
  void badCorpusIsBadInput(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("test-register--correct--0x1.json");
    Files.writeString(bad, "{\n  \"scenario\" : \"test-register\"\n  \"seed\" : \"0x1\"\n}\n");
    assertBadInput(bad + ":3:3: not a seed record: malformed JSON", "corpus", "check", dir.toString());
    assertBadInput(bad + ":3:3: not a seed record: malformed JSON", "corpus", "refind", dir.toString());

    SeedRecord passing = CorpusSeeds.record(CorpusSeeds.passing());
    Files.writeString(bad, new SeedRecord("no-such-scenario", 1, Optional.empty(), Optional.empty(), passing.operationsMax(),
        passing.clients(), passing.safetyNanos(), Outcome.PASS, "", 0, passing.recorded(), "a test").toJson());
    assertBadInput(bad + ": cannot replay this record here: unknown scenario 'no-such-scenario'", "corpus", "check",
        dir.toString());
    Files.writeString(bad, new SeedRecord("test-register", 1, Optional.of("typo"), Optional.empty(), passing.operationsMax(),
        passing.clients(), passing.safetyNanos(), Outcome.PASS, "", 0, passing.recorded(), "a test").toJson());
    assertBadInput(bad + ": cannot replay this record here: scenario test-register has no planted bug 'typo'", "corpus",
        "check", dir.toString());

    Path missing = dir.resolve("nope");
    assertBadInput("the seed corpus " + missing + " is not a directory", "corpus", "check", missing.toString());
    assertBadInput("--seeds must be >= 1", "corpus", "refind", dir.toString(), "--seeds", "0");
    assertBadInput("Missing subcommand: check or refind", "corpus");
  }

  @Test
  @DisplayName("corpus refind rewrites a stale record with the first free seed that fails the same way, and says so")
  void refindRewritesStaleRecord(@TempDir Path dir) throws IOException {
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    SeedRecord passing = CorpusSeeds.record(CorpusSeeds.passing());
    long passingSeed = CorpusSeeds.passingWithBug().seed();
    SeedRecord stale = edited(failing, passingSeed, Optional.empty(), Outcome.SAFETY_VIOLATION, CLASS);
    SeedCorpus.write(dir, failing);
    SeedCorpus.write(dir, passing);
    Path staleFile = SeedCorpus.write(dir, stale);
    // The lowest failing seed is already recorded (failing's file): the search must take the next one.
    long expected = nextFailing(failing.seed());

    CliRun run = CliRun.of("corpus", "refind", dir.toString(), "--jobs", "2");

    assertEquals(0, run.exitCode(), run::toString);
    SeedRecord refound = edited(stale, expected, Optional.empty(), Outcome.SAFETY_VIOLATION, CLASS);
    assertEquals(passing.fileName() + ": unchanged\n"
        + failing.fileName() + ": unchanged\n"
        + stale.fileName() + ": seed " + Seeds.format(passingSeed) + " now PASS; re-found at " + Seeds.format(expected)
        + " (" + expected + (expected == 1 ? " run" : " runs") + ") -> " + refound.fileName() + "\n", run.out());
    assertFalse(Files.exists(staleFile), "the old file is gone");
    SeedRecord written = SeedRecord.read(dir.resolve(refound.fileName()));
    assertEquals(expected, written.seed());
    assertEquals(CLASS, written.failureClass());
    assertEquals(ScenarioRunner.run(new RegisterScenario(), expected, written.runOptions(new RegisterScenario()))
        .traceHash(), written.traceHash());
    assertTrue(written.why().startsWith(stale.why() + "; re-found by hourglass corpus refind on "), written.why());
    assertTrue(written.why().endsWith(": seed " + Seeds.format(passingSeed) + " had become PASS"), written.why());
    assertEquals(0, CliRun.of("corpus", "check", dir.toString()).exitCode());
  }

  @Test
  @DisplayName("corpus refind searches a stale shrunk record without its plan, then shrinks the seed it finds again")
  void refindShrinksAgain(@TempDir Path dir) throws IOException {
    RunResult passes = CorpusSeeds.passingWithBug();
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    SeedRecord stale = edited(failing, passes.seed(), Optional.of(passes.plan()), Outcome.SAFETY_VIOLATION, CLASS);
    Path staleFile = SeedCorpus.write(dir, stale);
    assertTrue(staleFile.getFileName().toString().endsWith("--shrunk.json"), staleFile::toString);

    CliRun run = CliRun.of("corpus", "refind", dir.toString(), "--jobs", "1");

    assertEquals(0, run.exitCode(), run::toString);
    List<String> files = fileNames(dir);
    assertEquals(1, files.size(), files::toString);
    SeedRecord written = SeedRecord.read(dir.resolve(files.get(0)));
    assertEquals(failing.seed(), written.seed(), "the first failing seed, found without the stale plan");
    assertTrue(written.plan().isPresent(), "shrunk again, so the record keeps the minimal plan");
    assertTrue(files.get(0).endsWith("--shrunk.json"), files::toString);
    assertTrue(run.out().startsWith(stale.fileName() + ": seed " + Seeds.format(passes.seed()) + " now PASS; re-found at "
        + Seeds.format(failing.seed()) + " (" + failing.seed() + (failing.seed() == 1 ? " run" : " runs") + ") -> "
        + files.get(0) + " (shrunk again: " + written.plan().get().size() + " plan entries)\n"), run::toString);
    assertTrue(written.why().contains("; shrunk again: shrunk in "), written.why());
    assertEquals(CLASS, written.failureClass());
    assertTrue(SeedCorpus.replay(written).matches(), "the shrunk record replays as recorded");
  }

  @Test
  @DisplayName("corpus refind --dry-run says what it would do and changes nothing")
  void refindDryRun(@TempDir Path dir) throws IOException {
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    SeedRecord stale = edited(failing, CorpusSeeds.passingWithBug().seed(), Optional.empty(), Outcome.SAFETY_VIOLATION, CLASS);
    Path staleFile = SeedCorpus.write(dir, stale);
    String before = Files.readString(staleFile);

    CliRun run = CliRun.of("corpus", "refind", dir.toString(), "--dry-run");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().endsWith(" -> " + failing.fileName() + " (dry run: nothing written)\n"), run::toString);
    assertEquals(List.of(stale.fileName()), fileNames(dir));
    assertEquals(before, Files.readString(staleFile));
  }

  @Test
  @DisplayName("corpus refind leaves a record alone and exits 1 when no seed within --seeds fails the same way, "
      + "and never re-finds a passing record that now fails")
  void refindGivesUp(@TempDir Path dir) throws IOException {
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    long passingSeed = CorpusSeeds.passingWithBug().seed();
    SeedRecord unreachable = edited(failing, passingSeed, Optional.empty(), Outcome.SAFETY_VIOLATION,
        "SAFETY_VIOLATION always: no such assertion");
    Path unreachableFile = SeedCorpus.write(dir, unreachable);
    Path regressed = dir.resolve("test-register--regressed.json");
    Files.writeString(regressed, edited(failing, failing.seed(), Optional.empty(), Outcome.PASS, "").toJson());
    String before = Files.readString(unreachableFile);

    CliRun run = CliRun.of("corpus", "refind", dir.toString(), "--seeds", "3", "--start", "0x10");

    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains(unreachable.fileName() + ": seed " + Seeds.format(passingSeed) + " now PASS; no seed of "
        + Seeds.format(0x10) + ".." + Seeds.format(0x12) + " fails with SAFETY_VIOLATION always: no such assertion "
        + "(3 runs): left as it is"), run::toString);
    assertTrue(run.out().contains("test-register--regressed.json: seed " + Seeds.format(failing.seed()) + " now " + CLASS
        + "; it passed when recorded, so this is a regression, not a stale seed: left as it is"), run::toString);
    assertEquals(before, Files.readString(unreachableFile));
    assertEquals(List.of(unreachable.fileName(), "test-register--regressed.json"), fileNames(dir));
  }

  /** The first seed after {@code after} that fails with the planted bug as the register's bug seeds do. */
  private static long nextFailing(long after) {
    RegisterScenario scenario = new RegisterScenario();
    RunOptions options = scenario.defaultOptions().withBug(RegisterScenario.BUG);
    for (long seed = after + 1; seed < after + 200; seed++) {
      RunResult r = ScenarioRunner.run(scenario, seed, options);
      if (r.failureClass().equals(CLASS)) {
        return seed;
      }
    }
    throw new IllegalStateException("no failing seed after " + after);
  }

  private static void assertBadInput(String message, String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(64, run.exitCode(), run::toString);
    assertTrue(run.err().contains(message), () -> "expected '" + message + "' in: " + run);
  }
}
