package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.internal.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class SeedCorpusTest {
  /** {@code record} expecting {@code expected} instead of what it recorded. */
  static SeedRecord expecting(SeedRecord record, Outcome expected, String failureClass) {
    return new SeedRecord(record.scenario(), record.seed(), record.bug(), record.plan(), record.operationsMax(),
        record.clients(), record.safetyNanos(), expected, failureClass, record.traceHash(), record.recorded(), record.why());
  }

  @Test
  @DisplayName("locate finds seeds/ in the working directory's parents: the repository root, from a module")
  void locateWalksUp(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("seeds"));
    Path module = Files.createDirectories(root.resolve("module/src/test"));
    assertEquals(root.resolve("seeds"), SeedCorpus.locate(module));
    assertEquals(Path.of("").toAbsolutePath().getParent().resolve("seeds"), SeedCorpus.locate(),
        "surefire runs in sim-testkit/, whose parent holds the repository's seeds/");
  }

  @Test
  @DisplayName("locate without a seeds/ directory anywhere above fails and says where it looked")
  void locateFailsClearly(@TempDir Path root) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SeedCorpus.locate(root));
    assertTrue(e.getMessage().startsWith("no seeds/ directory in " + root + " or any of its parents"), e.getMessage());
  }

  @Test
  @DisplayName("load reads every *.json in file-name order and leaves other and hidden files alone")
  void loadReadsRecordsInOrder(@TempDir Path dir) throws IOException {
    SeedRecord failing = CorpusSeeds.record(CorpusSeeds.failing());
    SeedRecord passing = CorpusSeeds.record(CorpusSeeds.passing());
    SeedCorpus.write(dir, failing);
    SeedCorpus.write(dir, passing);
    Files.writeString(dir.resolve("README.md"), "# not a record\n");
    Files.writeString(dir.resolve(".gitkeep"), "");
    Files.writeString(dir.resolve("." + failing.fileName() + ".123.4.tmp"), "{ \"scen"); // an interrupted write

    List<SeedCorpus.Entry> entries = SeedCorpus.load(dir);

    assertEquals(List.of(passing, failing), entries.stream().map(SeedCorpus.Entry::record).toList(),
        "test-register--correct--… sorts before test-register--no-coordination--…");
    assertEquals(dir.resolve(passing.fileName()), entries.get(0).file());
  }

  @Test
  @DisplayName("load stops at a malformed file and names it")
  void loadNamesTheBadFile(@TempDir Path dir) throws IOException {
    SeedCorpus.write(dir, CorpusSeeds.record(CorpusSeeds.failing()));
    Path bad = dir.resolve("test-register--x--0x1.json");
    Files.writeString(bad, "{\n  \"scenario\" : \"test-register\",\n  \"colour\" : 1\n}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedCorpus.load(dir));
    assertTrue(e.getMessage().startsWith(bad + ":3:3: not a seed record: unknown field \"colour\""), e.getMessage());
  }

  @Test
  @DisplayName("a fresh record replays to the same outcome, failure class and run")
  void replayMatches() {
    SeedCorpus.Replay replay = SeedCorpus.replay(CorpusSeeds.record(CorpusSeeds.failing()));
    assertTrue(replay.matches(), replay.found());
    assertTrue(replay.sameRun());
    assertEquals("SAFETY_VIOLATION linearizable(register)", replay.found());
  }

  @Test
  @DisplayName("the test factory makes one test per file, named by it; a record whose outcome is wrong fails")
  void dynamicTestsReplayEveryRecord(@TempDir Path dir) throws Throwable {
    RunResult failing = CorpusSeeds.failing();
    SeedRecord good = CorpusSeeds.record(failing);
    SeedRecord passing = CorpusSeeds.record(CorpusSeeds.passing());
    // The bug's failing seed recorded as if it had passed: a record with a wrong expected outcome.
    SeedRecord broken = expecting(good, Outcome.PASS, "");
    SeedCorpus.write(dir, good);
    SeedCorpus.write(dir, passing);
    Path brokenFile = dir.resolve("test-register--zz-broken.json");
    Files.writeString(brokenFile, broken.toJson());

    List<DynamicTest> tests = SeedCorpus.dynamicTests(dir).toList();

    assertEquals(List.of(passing.fileName(), good.fileName(), "test-register--zz-broken.json"),
        tests.stream().map(DynamicTest::getDisplayName).toList());
    tests.get(0).getExecutable().execute();
    tests.get(1).getExecutable().execute();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> tests.get(2).getExecutable().execute());
    String m = e.getMessage();
    assertTrue(m.startsWith(brokenFile + ": test-register seed=" + Seeds.format(good.seed()) + " bug=no-coordination"), m);
    assertTrue(m.contains("\n  expected: PASS\n"), m);
    assertTrue(m.contains("\n  found:    SAFETY_VIOLATION linearizable(register) (linearizable(register) failed"), m);
    assertTrue(m.contains("\n  reproduce with: ./hourglass run test-register --seed " + Seeds.format(good.seed())
        + " --bug no-coordination\n"), m);
    assertTrue(m.contains("this is a regression"), m);
    assertEquals("PASS", e.getExpected().getValue());
    assertEquals("SAFETY_VIOLATION linearizable(register)", e.getActual().getValue());
  }

  @Test
  @DisplayName("a file that is not a record is a failing test that names the file and line, not a skipped one")
  void malformedFileFailsItsTest(@TempDir Path dir) throws Throwable {
    SeedCorpus.write(dir, CorpusSeeds.record(CorpusSeeds.passing()));
    Path bad = dir.resolve("test-register--correct--0x2.json");
    Files.writeString(bad, "{\n  \"scenario\" : \"test-register\",\n  \"seed\" : ");

    List<DynamicTest> tests = SeedCorpus.dynamicTests(dir).toList();

    assertEquals(2, tests.size());
    DynamicTest test = tests.stream().filter(t -> t.getDisplayName().equals(bad.getFileName().toString())).findFirst()
        .orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> test.getExecutable().execute());
    assertTrue(e.getMessage().startsWith(bad + ":3:"), e.getMessage());
    assertTrue(e.getMessage().contains("the text ends before the record does"), e.getMessage());
  }

  @Test
  @DisplayName("a failing record with a plan reproduces with the plan written to a file under target/")
  void planRecordReproducesWithAPlanFile(@TempDir Path dir) throws Throwable {
    RunResult failing = CorpusSeeds.failing();
    RegisterScenario scenario = new RegisterScenario();
    RunResult explicit = ScenarioRunner.run(scenario, failing.seed(),
        scenario.defaultOptions().withBug(RegisterScenario.BUG).withPlan(failing.plan()).withOperationsMax(80));
    SeedRecord record = expecting(SeedRecord.of(explicit, "a test", CorpusSeeds.RECORDED), Outcome.CRASH, "CRASH x.Y");
    SeedCorpus.write(dir, record);

    DynamicTest test = SeedCorpus.dynamicTests(dir).findFirst().orElseThrow();
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> test.getExecutable().execute());

    String name = record.fileName().replace(".json", ".plan.json");
    Path planFile = Path.of("target", "hourglass-seeds", name).toAbsolutePath();
    assertTrue(e.getMessage().contains("reproduce with: ./hourglass run test-register --seed " + Seeds.format(record.seed())
        + " --bug no-coordination --plan " + planFile + " --operations 80\n"), e.getMessage());
    assertEquals(failing.plan(), FaultPlan.fromJson(Files.readString(planFile), planFile.toString()));
  }

  @Test
  @DisplayName("an empty corpus gives no tests; a corpus that is not a directory is an error naming it")
  void emptyAndMissingCorpus(@TempDir Path dir) {
    assertEquals(0, SeedCorpus.dynamicTests(dir).count());
    Path missing = dir.resolve("nope");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedCorpus.dynamicTests(missing));
    assertEquals("the seed corpus " + missing + " is not a directory", e.getMessage());
  }

  @Test
  @DisplayName("a write that fails midway leaves the old file, or no file, and no temporary file behind")
  void writeIsAtomic(@TempDir Path dir) throws IOException {
    SeedRecord record = CorpusSeeds.record(CorpusSeeds.failing());
    Path file = SeedCorpus.write(dir, record);
    String before = Files.readString(file);

    // SeedCorpus.write goes through AtomicFiles: fail one in the middle of writing the same file ...
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write(before, 0, before.length() / 2);
      out.flush();
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals(before, Files.readString(file), "the old record is whole");
    assertEquals(record, SeedRecord.read(file));
    // ... and a new one that cannot be moved into place (a directory is in the way).
    SeedRecord other = CorpusSeeds.record(CorpusSeeds.passing());
    Files.createDirectories(dir.resolve(other.fileName()));
    UncheckedIOException u = assertThrows(UncheckedIOException.class, () -> SeedCorpus.write(dir, other));
    assertTrue(u.getMessage().startsWith("cannot write seed record " + dir.resolve(other.fileName())), u.getMessage());

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(other.fileName(), record.fileName()),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
    }
    assertFalse(Files.isRegularFile(dir.resolve(other.fileName())));
  }
}
