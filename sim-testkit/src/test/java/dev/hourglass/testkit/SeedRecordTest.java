package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.internal.SeedRecordJson;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeedRecordTest {
  /** A record file as {@link SeedRecord#toJson()} writes it: the format users read and edit. */
  static final String FILE = """
      {
        "scenario" : "test-register",
        "seed" : "0x000000000000001f",
        "bug" : "no-coordination",
        "expected" : "SAFETY_VIOLATION",
        "failureClass" : "SAFETY_VIOLATION linearizable(register)",
        "traceHash" : "60ad4123339ab89d",
        "recorded" : "2025-06-01T12:00:00Z",
        "why" : "found by hourglass fuzz test-register --bug no-coordination"
      }""";

  private static final SeedRecord OF_FILE = new SeedRecord("test-register", 0x1f, Optional.of("no-coordination"),
      Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(), Outcome.SAFETY_VIOLATION,
      "SAFETY_VIOLATION linearizable(register)", 0x60ad4123339ab89dL, Instant.parse("2025-06-01T12:00:00Z"),
      "found by hourglass fuzz test-register --bug no-coordination");

  private final RegisterScenario scenario = new RegisterScenario();

  @Test
  @DisplayName("a failing seed's record is written to its file and reads back equal")
  void failingSeedRoundTrips(@TempDir Path dir) throws Exception {
    RunResult failing = CorpusSeeds.failing();
    SeedRecord record = CorpusSeeds.record(failing);

    assertEquals(Outcome.SAFETY_VIOLATION, record.expected());
    assertEquals("SAFETY_VIOLATION linearizable(register)", record.failureClass());
    assertEquals(failing.traceHash(), record.traceHash());
    assertEquals(Optional.of(RegisterScenario.BUG), record.bug());
    assertEquals(Optional.empty(), record.plan(), "a drawn plan is not kept: the seed draws it again");
    Path file = SeedCorpus.write(dir, record);
    assertEquals("test-register--no-coordination--0x" + Long.toHexString(failing.seed()) + ".json",
        file.getFileName().toString());
    assertEquals(record, SeedRecord.read(file));
    String text = Files.readString(file);
    assertTrue(text.contains("\"seed\" : \"" + Seeds.format(failing.seed()) + "\""), text);
    assertTrue(text.endsWith("}\n"), text);
  }

  @Test
  @DisplayName("the file format is fixed: field order, hex seed and trace hash, absent options left out")
  void fileFormatIsFixed() {
    assertEquals(OF_FILE, SeedRecord.fromJson(FILE, "x.json"));
    assertEquals(FILE, OF_FILE.toJson());
    assertEquals("test-register--no-coordination--0x1f.json", OF_FILE.fileName());
  }

  @Test
  @DisplayName("a seed is read in decimal or 0x hex, and written in hex")
  void seedsInDecimalOrHex() {
    assertEquals(OF_FILE, SeedRecord.fromJson(FILE.replace("\"0x000000000000001f\"", "\"31\""), "x.json"));
    assertEquals(OF_FILE, SeedRecord.fromJson(FILE.replace("\"0x000000000000001f\"", "\"0x1f\""), "x.json"));
    assertEquals(OF_FILE, SeedRecord.fromJson(FILE.replace("\"0x000000000000001f\"", "31"), "x.json"));
  }

  @Test
  @DisplayName("a passing seed of the correct system is named 'correct' and has an empty failure class")
  void passingSeed() {
    SeedRecord record = CorpusSeeds.record(CorpusSeeds.passing());
    assertEquals(Outcome.PASS, record.expected());
    assertEquals("", record.failureClass());
    assertEquals("PASS", record.expectation());
    assertEquals("test-register--correct--0x" + Long.toHexString(record.seed()) + ".json", record.fileName());
    assertTrue(record.toJson().contains("\"failureClass\" : \"\""), record.toJson());
    assertEquals(record, SeedRecord.fromJson(record.toJson(), "x.json"));
  }

  @Test
  @DisplayName("a shrunk run keeps its plan and overrides, replays with them, and is named --shrunk")
  void shrunkRunKeepsPlanAndOverrides() {
    RunResult failing = CorpusSeeds.failing();
    RunOptions options = scenario.defaultOptions().withBug(RegisterScenario.BUG).withPlan(failing.plan())
        .withOperationsMax(60).withClients(3).withSafetyNanos(2_900_000_000L);
    RunResult shrunk = ScenarioRunner.run(scenario, failing.seed(), options);
    SeedRecord record = SeedRecord.of(shrunk, "shrunk by a test", CorpusSeeds.RECORDED);

    assertEquals(Optional.of(failing.plan()), record.plan());
    assertEquals(OptionalInt.of(60), record.operationsMax());
    assertEquals(OptionalInt.of(3), record.clients());
    assertEquals(OptionalLong.of(2_900_000_000L), record.safetyNanos());
    assertTrue(record.fileName().endsWith("--0x" + Long.toHexString(failing.seed()) + "--shrunk.json"), record.fileName());
    assertEquals(options, record.runOptions(scenario));
    assertEquals(record, SeedRecord.fromJson(record.toJson(), "x.json"));
    assertEquals(shrunk.traceHash(), SeedCorpus.replay(record).result().traceHash(), "the record replays the same run");
  }

  @Test
  @DisplayName("a run whose options a record cannot hold (a longer liveness phase) is refused, not silently changed")
  void optionsARecordCannotHoldAreRefused() {
    RunResult r = ScenarioRunner.run(scenario, 1, scenario.defaultOptions().withLivenessNanos(7_000_000_000L));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SeedRecord.of(r, "a test", CorpusSeeds.RECORDED));
    assertTrue(e.getMessage().contains("options a seed record cannot hold"), e.getMessage());
  }

  @Test
  @DisplayName("runOptions refuses another scenario, a bug the scenario lacks, and a plan naming a node it lacks")
  void runOptionsChecksTheScenario() {
    SeedRecord other = new SeedRecord("raft-kv", 1, Optional.empty(), Optional.empty(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalLong.empty(), Outcome.PASS, "", 0, CorpusSeeds.RECORDED, "a test");
    assertMessage("this record is of scenario raft-kv, not test-register", () -> other.runOptions(scenario));
    SeedRecord typo = new SeedRecord("test-register", 1, Optional.of("typo"), Optional.empty(), OptionalInt.empty(),
        OptionalInt.empty(), OptionalLong.empty(), Outcome.PASS, "", 0, CorpusSeeds.RECORDED, "a test");
    assertMessage("scenario test-register has no planted bug 'typo' (its bugs: no-coordination)", () -> typo.runOptions(scenario));
    FaultPlan plan = new FaultPlan(List.of(new TimedFault(5, new Fault.Crash("n9"))));
    SeedRecord badPlan = new SeedRecord("test-register", 1, Optional.empty(), Optional.of(plan), OptionalInt.empty(),
        OptionalInt.empty(), OptionalLong.empty(), Outcome.PASS, "", 0, CorpusSeeds.RECORDED, "a test");
    assertMessage("names node 'n9'", () -> badPlan.runOptions(scenario));
  }

  @Test
  @DisplayName("the constructor checks the failure class against the outcome, the counts, the names and the reason")
  void constructorValidates() {
    assertMessage("failureClass must be empty when expected=PASS: failureClass=CRASH x",
        () -> withClass(Outcome.PASS, "CRASH x"));
    assertMessage("failureClass must start with the expected outcome: expected=SAFETY_VIOLATION failureClass=",
        () -> withClass(Outcome.SAFETY_VIOLATION, ""));
    assertMessage("failureClass must start with the expected outcome: expected=CRASH failureClass=CRASHED x",
        () -> withClass(Outcome.CRASH, "CRASHED x"));
    withClass(Outcome.LIVENESS_FAILURE, "LIVENESS_FAILURE");
    assertMessage("clients must be in 1..1024: clients=0", () -> new SeedRecord("a", 1, Optional.empty(), Optional.empty(),
        OptionalInt.empty(), OptionalInt.of(0), OptionalLong.empty(), Outcome.PASS, "", 0, CorpusSeeds.RECORDED, "w"));
    assertMessage("safetyNanos must be positive: safetyNanos=0", () -> new SeedRecord("a", 1, Optional.empty(),
        Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(0), Outcome.PASS, "", 0,
        CorpusSeeds.RECORDED, "w"));
    assertMessage("scenario must be a name of letters, digits, '.', '_' and '-': scenario=../x", () -> new SeedRecord(
        "../x", 1, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(),
        Outcome.PASS, "", 0, CorpusSeeds.RECORDED, "w"));
    assertMessage("why must say who recorded the seed and why", () -> new SeedRecord("a", 1, Optional.empty(),
        Optional.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(), Outcome.PASS, "", 0,
        CorpusSeeds.RECORDED, " "));
  }

  private static SeedRecord withClass(Outcome expected, String failureClass) {
    return new SeedRecord("a", 1, Optional.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
        OptionalLong.empty(), expected, failureClass, 0, CorpusSeeds.RECORDED, "w");
  }

  @ParameterizedTest(name = "{0}: the error names the file, line {2} and what was expected")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      empty file             | EMPTY                                                   | 1 | the file is empty (expected one JSON object with the fields scenario
      only blanks            | BLANK                                                   | 1 | the file is empty
      truncated              | TRUNCATED                                               | 7 | the text ends before the record does (truncated?)
      corrupt                | "seed" : "0x000000000000001f",>>"seed" ; "0x1f",        | 3 | malformed JSON: Unexpected character (';'
      unknown field          | "bug" :>>"colour" : "red",\\n  "bug" :                  | 4 | unknown field "colour" (expected only scenario, seed, bug, plan
      repeated field         | "bug" :>>"seed" : "0x2",\\n  "bug" :                    | 4 | field "seed" appears twice (first on line 3)
      string for a number    | "bug" :>>"operationsMax" : "12",\\n  "bug" :            | 4 | field "operationsMax": expected a whole number, found a string
      fraction for a number  | "bug" :>>"clients" : 2.5,\\n  "bug" :                   | 4 | field "clients": expected a whole number, found a number
      number for a string    | "test-register">>12                                     | 2 | field "scenario": expected a string, found a number
      unknown outcome        | "expected" : "SAFETY_VIOLATION">>"expected" : "FLAKY"   | 5 | field "expected": unknown outcome "FLAKY" (expected one of PASS, SAFETY_VIOLATION, LIVENESS_FAILURE, CRASH, NONDETERMINISM)
      outcome by number      | "expected" : "SAFETY_VIOLATION">>"expected" : 1         | 5 | field "expected": expected one of PASS
      bad seed               | "0x000000000000001f">>"0xzz"                            | 3 | field "seed": not a seed: "0xzz" (expected a seed as a string
      bad trace hash         | "60ad4123339ab89d">>"60ad"                              | 7 | field "traceHash": not a trace hash: "60ad" (expected a trace hash as a string of 16 hex digits
      bad time               | "2025-06-01T12:00:00Z">>"yesterday"                     | 8 | field "recorded": not a time: "yesterday"
      missing field          | ,\\n  "why" : "found by hourglass fuzz test-register --bug no-coordination">>      | 9 | field "why" is missing or null
      null field             | "0x000000000000001f">>null                              | 10 | field "seed" is missing or null
      failure class for PASS | "expected" : "SAFETY_VIOLATION">>"expected" : "PASS"    | 10 | failureClass must be empty when expected=PASS
      array at the top       | ALL>>[ ]                                                | 1 | the top level is an array, not a JSON object
      content after it       | ALL>>{ }\\n{ }                                          | 1 | field "scenario" is missing or null
      a second object        | APPEND>>\\n{ }                                          | 11 | there is more after the record's closing brace: an object
      unknown field in plan  | "bug" :>>"plan" : { "faults" : [ { "atNanos" : 0, "when" : 1, "fault" : { "kind" : "heal" } } ] },\\n  "bug" : | 4 | unknown field "plan.faults[0].when" (expected only atNanos, fault)
      unknown fault kind     | "bug" :>>"plan" : { "faults" : [ { "atNanos" : 0, "fault" : { "kind" : "meteor" } } ] },\\n  "bug" : | 4 | field "plan.faults[0].fault": Could not resolve type id 'meteor'
      """)
  void malformedFilesAreNamedWithLineAndExpectation(String what, String edit, int line, String message, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("test-register--no-coordination--0x1f.json");
    Files.writeString(file, edited(edit));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeedRecord.read(file), what);

    assertTrue(e.getMessage().startsWith(file + ":" + line + ":"), () -> what + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(": not a seed record: " + message), () -> what + ": " + e.getMessage());
    assertTrue(!e.getMessage().contains("[Source:") && !e.getMessage().contains("SeedRecordJson"),
        () -> "no Jackson internals: " + e.getMessage());
  }

  /** {@link #FILE} edited: {@code OLD>>NEW} replaces text ({@code \n} a newline), or a whole-file case. */
  private static String edited(String edit) {
    return switch (edit) {
      case "EMPTY" -> "";
      case "BLANK" -> " \n\n";
      case "TRUNCATED" -> FILE.substring(0, FILE.indexOf("\"traceHash\""));
      default -> {
        String[] parts = edit.split(">>", -1);
        String replacement = parts[1].replace("\\n", "\n");
        yield switch (parts[0]) {
          case "ALL" -> replacement;
          case "APPEND" -> FILE + replacement;
          default -> {
            String old = parts[0].replace("\\n", "\n");
            assertTrue(FILE.contains(old), old);
            yield FILE.replace(old, replacement);
          }
        };
      }
    };
  }

  @Test
  @DisplayName("a missing file is an I/O error that names it")
  void missingFile(@TempDir Path dir) {
    Path file = dir.resolve("nope.json");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> SeedRecord.read(file));
    assertEquals("cannot read seed record " + file + ": no such file", e.getMessage());
  }

  @ParameterizedTest(name = "every field of the format is documented in {0}")
  @ValueSource(strings = {"seeds/README.md", "docs/testing-guide.md"})
  void docsDescribeEveryField(String doc) throws Exception {
    Path file = Path.of("").toAbsolutePath().getParent().resolve(doc); // surefire runs in sim-testkit/
    String text = Files.readString(file);
    List<String> missing = new ArrayList<>();
    for (String f : SeedRecordJson.FIELDS) {
      if (!text.contains("`" + f + "`")) {
        missing.add(f);
      }
    }
    assertEquals(List.of(), missing, "fields not described in " + file);
  }

  @Test
  @DisplayName("a record with every option writes every field, in the documented order")
  void everyFieldInOrder() throws Exception {
    SeedRecord full = new SeedRecord("test-register", 0x1f, Optional.of("no-coordination"), Optional.of(FaultPlan.empty()),
        OptionalInt.of(10), OptionalInt.of(2), OptionalLong.of(1_000_000_000L), Outcome.PASS, "", 1, CorpusSeeds.RECORDED,
        "a test");
    List<String> written = new ArrayList<>();
    new ObjectMapper().readTree(full.toJson()).fieldNames().forEachRemaining(written::add);
    assertEquals(SeedRecordJson.FIELDS, written);
    assertEquals(full, SeedRecord.fromJson(full.toJson(), "x.json"));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
  }
}
