package dev.hourglass.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.testkit.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the classes in {@link Samples} through JUnit's EngineTestKit and checks what JUnit saw.
 * The {@code hourglass.*} system properties of the surrounding run (a CI job's {@code
 * -Dhourglass.seeds=10000}) are set aside for each test and put back after it, so that they reach
 * the samples only where a test sets them.
 */
class SimulationTestExtensionTest {
  private static final List<String> PROPERTIES =
      List.of("hourglass.seed", "hourglass.seeds", "hourglass.start", "hourglass.module");
  private final Map<String, String> setAside = new HashMap<>();

  @BeforeEach
  void isolate() {
    Samples.SEEN.clear();
    for (String key : PROPERTIES) {
      String value = System.clearProperty(key);
      if (value != null) {
        setAside.put(key, value);
      }
    }
  }

  @AfterEach
  void restore() {
    for (String key : PROPERTIES) {
      System.clearProperty(key);
    }
    setAside.forEach(System::setProperty);
  }

  @Test
  @DisplayName("a sweep runs one test per seed, named seed=0x… in hex, from start to start + seeds - 1")
  void oneInvocationPerSeed() {
    EngineExecutionResults results = run(Samples.Sweep.class, Map.of());
    results.testEvents().assertStatistics(s -> s.started(5).succeeded(5).failed(0));
    List<String> expected = List.of("0x0000000000000028", "0x0000000000000029", "0x000000000000002a",
        "0x000000000000002b", "0x000000000000002c");
    assertEquals(expected.stream().map(s -> "seed=" + s).toList(), displayNames(results));
    assertEquals(expected, Samples.SEEN);
  }

  @Test
  @DisplayName("an explicit seed list runs exactly those seeds in its order")
  void explicitList() {
    EngineExecutionResults results = run(Samples.ExplicitList.class, Map.of("hourglass.seeds", "50"));
    assertEquals(List.of("seed=0x000000000000002a", "seed=0x0000000000000007", "seed=0xffffffffffffffff"),
        displayNames(results));
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(3));
  }

  @Test
  @DisplayName("-Dhourglass.seed runs exactly that seed, given in hex or in decimal, whatever the annotation says")
  void singleSeed() {
    run(Samples.Sweep.class, Map.of("hourglass.seed", "0xdeadbeef", "hourglass.seeds", "1000"))
        .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    run(Samples.ExplicitList.class, Map.of("hourglass.seed", "1234"))
        .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(List.of(Seeds.format(0xdeadbeefL), Seeds.format(1234)), Samples.SEEN);
  }

  @Test
  @DisplayName("-Dhourglass.seeds scales the sweep and -Dhourglass.start moves it, without a code change")
  void countAndStartScale() {
    EngineExecutionResults more = run(Samples.Sweep.class, Map.of("hourglass.seeds", "12"));
    more.testEvents().assertStatistics(s -> s.started(12).succeeded(12));
    assertEquals("seed=0x0000000000000028", displayNames(more).get(0));
    assertEquals("seed=0x0000000000000033", displayNames(more).get(11));

    Samples.SEEN.clear();
    EngineExecutionResults moved = run(Samples.Sweep.class, Map.of("hourglass.seeds", "1_000", "hourglass.start", "0x10000"));
    moved.testEvents().assertStatistics(s -> s.started(1_000).succeeded(1_000));
    assertEquals(Seeds.format(0x10000), Samples.SEEN.get(0));
    assertEquals(Seeds.format(0x10000 + 999), Samples.SEEN.get(999));
  }

  @Test
  @DisplayName("the properties are also read from JVM system properties, under a launcher that does not pass them on")
  void systemProperties() {
    System.setProperty("hourglass.seed", "0x77"); // cleared again by restore()
    EngineExecutionResults results = run(Samples.Sweep.class, Map.of());
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(List.of("seed=0x0000000000000077"), displayNames(results));

    System.setProperty("hourglass.seeds", "0");
    assertEquals("seed=0x0000000000000028", displayNames(run(Samples.Sweep.class, Map.of("hourglass.seed", "40"))).get(0),
        "a configuration parameter wins over a system property");
  }

  @Test
  @DisplayName("a meta-annotation carrying @SimulationTest works like the annotation itself")
  void metaAnnotation() {
    EngineExecutionResults results = run(Samples.MetaAnnotated.class, Map.of());
    assertEquals(List.of("seed=0x0000000000000100", "seed=0x0000000000000101"), displayNames(results));
  }

  @Test
  @DisplayName("malformed properties and attributes fail the test with a message naming the value and the test")
  void badValues() {
    assertContainerFails(Samples.Sweep.class, Map.of("hourglass.seeds", "many"),
        "-Dhourglass.seeds for Samples$Sweep#sweep is not a seed count: hourglass.seeds='many'");
    assertContainerFails(Samples.Sweep.class, Map.of("hourglass.seeds", "0"),
        "-Dhourglass.seeds for Samples$Sweep#sweep must be positive: hourglass.seeds='0'");
    assertContainerFails(Samples.Sweep.class, Map.of("hourglass.seeds", "99999999999"),
        "is not a seed count");
    assertContainerFails(Samples.Sweep.class, Map.of("hourglass.seed", "0xzz"),
        "-Dhourglass.seed for Samples$Sweep#sweep is not a seed: hourglass.seed='0xzz'");
    assertContainerFails(Samples.Sweep.class, Map.of("hourglass.start", "forty"),
        "-Dhourglass.start for Samples$Sweep#sweep is not a seed: hourglass.start='forty'");
    assertContainerFails(Samples.DuplicateList.class, Map.of(),
        "@SimulationTest(seedList) on Samples$DuplicateList#list lists seed 0x0000000000000003 twice");
    assertTrue(Samples.SEEN.isEmpty(), "no invocation ran: " + Samples.SEEN);
  }

  @Test
  @DisplayName("a SimRandom parameter draws the same values for the same seed, different ones for another seed")
  void parametersFromTheSeed() {
    run(Samples.Parameters.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(3));
    List<String> first = new ArrayList<>(Samples.SEEN);
    Samples.SEEN.clear();
    run(Samples.Parameters.class, Map.of()).testEvents().assertStatistics(s -> s.succeeded(3));
    assertEquals(first, Samples.SEEN, "a second run draws the same parameters");
    Samples.SEEN.clear();
    run(Samples.Parameters.class, Map.of("hourglass.seed", "2")).testEvents().assertStatistics(s -> s.succeeded(1));
    assertEquals(first.get(1), Samples.SEEN.get(0), "re-running one seed draws what it drew in the sweep");

    SimRandom documented = new SimRandom(1).fork("junit/parameters");
    assertEquals(Seeds.format(1) + " " + documented.nextLong() + " " + documented.nextInt(1_000)
        + " same-stream=true same-seed=true", first.get(0), "the stream is the documented fork of the seed");
    assertNotEquals(first.get(0).split(" ")[1], first.get(1).split(" ")[1], "seeds 1 and 2 draw differently");
  }

  @Test
  @DisplayName("a failing assertion in the body keeps its message, expected and actual, and gains the reproduce command")
  void failingBodyNamesTheCommand() {
    EngineExecutionResults results = run(Samples.FailingBody.class, Map.of());
    results.testEvents().assertStatistics(s -> s.started(3).succeeded(1).failed(2));
    Throwable thrown = failures(results).get(0);
    AssertionFailedError afe = assertInstanceOf(AssertionFailedError.class, thrown);
    assertTrue(afe.getMessage().startsWith("the seed is even ==> expected: <0> but was: <1>"), afe.getMessage());
    assertTrue(afe.getMessage().contains(
        "\nreproduce with: mvn -pl sim-testkit test -Dtest='Samples$FailingBody#evenSeedsOnly' -Dhourglass.seed=0x0000000000000001"),
        afe.getMessage());
    assertEquals(0L, afe.getExpected().getValue());
    assertEquals(1L, afe.getActual().getValue());
    assertInstanceOf(AssertionFailedError.class, afe.getCause(), "the original is the cause");
    assertEquals(afe.getCause().getStackTrace()[0], afe.getStackTrace()[0], "points at the failing line");
    assertTrue(failures(results).get(1).getMessage().contains("-Dhourglass.seed=0x0000000000000003"));
  }

  @Test
  @DisplayName("an exception from the body or a @BeforeEach is wrapped with the command, the original kept as the cause")
  void exceptionsAreWrapped() {
    Throwable thrown = failures(run(Samples.ThrowingBody.class, Map.of())).get(0);
    SeedFailedException wrapped = assertInstanceOf(SeedFailedException.class, thrown);
    assertTrue(wrapped.getMessage().startsWith("java.lang.IllegalStateException: boom at 5\nseed=0x0000000000000005 failed\n"),
        wrapped.getMessage());
    assertTrue(wrapped.getMessage().endsWith("-Dtest='Samples$ThrowingBody#throwing' -Dhourglass.seed=0x0000000000000005"),
        wrapped.getMessage());
    assertInstanceOf(IllegalStateException.class, wrapped.getCause());

    EngineExecutionResults setUp = run(Samples.FailingBeforeEach.class, Map.of());
    Throwable setUpFailure = failures(setUp).get(0);
    assertTrue(setUpFailure.getMessage().contains("set-up failed at 6")
        && setUpFailure.getMessage().contains("-Dhourglass.seed=0x0000000000000006"), setUpFailure.getMessage());
    assertTrue(Samples.SEEN.isEmpty(), "the body did not run");
  }

  @Test
  @DisplayName("an assumption skips the seed and is not turned into a failure")
  void assumptionsAbort() {
    run(Samples.Assumption.class, Map.of()).testEvents().assertStatistics(s -> s.started(2).aborted(1).succeeded(1));
  }

  @Test
  @DisplayName("a failing run's message has outcome, reason, evidence, banner, artifact folder and command; the folder holds the artifacts")
  void failingRunReportsEverything() throws IOException {
    Path folder = Path.of("target", "hourglass", "Samples$UncoordinatedRegister-caught-0x0000000000000003").toAbsolutePath();
    deleteRecursively(folder);
    Throwable thrown = failures(run(Samples.UncoordinatedRegister.class, Map.of())).get(0);
    assertEquals(AssertionError.class, thrown.getClass());
    String message = thrown.getMessage();
    assertTrue(message.startsWith("test-register seed=0x0000000000000003 failed: SAFETY_VIOLATION: "), message);
    assertTrue(message.contains("evidence (linearizable(register), INVALID):\n"), message);
    assertTrue(message.contains("cannot linearize"), message);
    assertTrue(message.contains("banner: scenario=test-register seed=0x0000000000000003 bug=no-coordination "), message);
    assertTrue(message.contains("fault plan:\n"), message);
    assertTrue(message.contains("\nartifacts: " + folder + "\n"), message);
    assertTrue(message.endsWith("\nreproduce with: mvn -pl sim-testkit test -Dtest='Samples$UncoordinatedRegister#caught'"
        + " -Dhourglass.seed=0x0000000000000003"), message);
    assertEquals(1, message.split("reproduce with:", -1).length - 1, "the handler does not add the command twice");

    for (String file : List.of("banner.txt", "reproduce.txt", "plan.json", "history.jsonl", "verdict.json", "trace.txt")) {
      assertTrue(Files.size(folder.resolve(file)) > 0, "artifact " + file + " in " + folder);
    }
    assertTrue(Files.readString(folder.resolve("verdict.json")).contains("\"outcome\" : \"SAFETY_VIOLATION\""));
    assertTrue(Files.readString(folder.resolve("reproduce.txt")).contains("-Dhourglass.seed=0x0000000000000003"));
    assertTrue(Files.readString(folder.resolve("trace.txt")).lines().skip(1).findFirst().orElseThrow().startsWith("#0 t="));
  }

  @Test
  @DisplayName("a failing run asserted by hand still gets its artifacts written and named, beside the command")
  void runAssertedByHandGetsArtifacts() throws IOException {
    Path folder = Path.of("target", "hourglass", "Samples$OutcomeAssertedByHand-byHand-0x0000000000000004").toAbsolutePath();
    deleteRecursively(folder);
    Throwable thrown = failures(run(Samples.OutcomeAssertedByHand.class, Map.of())).get(0);
    assertInstanceOf(AssertionFailedError.class, thrown);
    assertTrue(thrown.getMessage().startsWith("outcome ==> expected: <PASS> but was: <SAFETY_VIOLATION>"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("\nartifacts: " + folder + "\n"), thrown.getMessage());
    assertTrue(Files.exists(folder.resolve("history.jsonl")));
  }

  @Test
  @DisplayName("with hourglass.shrink=true a failing run is shrunk: both runs side by side, the minimal one's artifacts and command")
  void failingRunIsShrunkWhenAsked() throws IOException {
    Path folder = Path.of("target", "hourglass", "Samples$UncoordinatedRegister-caught-0x0000000000000003").toAbsolutePath();
    deleteRecursively(folder);
    Throwable thrown = failures(run(Samples.UncoordinatedRegister.class, Map.of("hourglass.shrink", "true"))).get(0);
    String message = thrown.getMessage();
    assertTrue(message.startsWith("test-register seed=0x0000000000000003 failed: SAFETY_VIOLATION: "), message);
    assertTrue(message.contains("\nshrink (-Dhourglass.shrink=true): shrunk in "), message);
    assertTrue(message.contains("still fails as SAFETY_VIOLATION linearizable(register)"), message);
    assertTrue(message.lines().anyMatch(l -> l.contains("original") && l.contains("minimal")), message);
    assertTrue(message.contains("minimal run's artifacts: " + folder.resolve("minimal")), message);
    String prefix = "reproduce the minimal run with: ";
    String replay = message.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    assertTrue(replay.startsWith("./hourglass run test-register --seed 0x0000000000000003 --bug no-coordination --plan "), replay);
    assertTrue(Files.size(folder.resolve("minimal").resolve("plan.json")) > 0);
    assertTrue(Files.size(folder.resolve("history.jsonl")) > 0, "the original's artifacts are written too");

    CliRun again = CliRun.command(replay);
    assertEquals(1, again.exitCode(), again.out() + again.err());
    String minimalHash = Files.readString(folder.resolve("minimal").resolve("banner.txt")).lines()
        .filter(l -> l.startsWith("trace-hash=")).findFirst().orElseThrow();
    assertTrue(again.out().contains(minimalHash + "\n"), "the command replays the minimal run: " + again.out());
  }

  @Test
  @DisplayName("a malformed hourglass.shrink fails the test template, naming the property")
  void badShrinkValue() {
    assertContainerFails(Samples.UncoordinatedRegister.class, Map.of("hourglass.shrink", "maybe"),
        "hourglass.shrink=maybe is not a boolean (expected true or false)");
    assertContainerFails(Samples.UncoordinatedRegister.class, Map.of("hourglass.shrink", "true", "hourglass.shrink.runs", "x"),
        "hourglass.shrink.runs=x is not a number of runs");
  }

  @Test
  @DisplayName("passing runs pass and write nothing")
  void passingRuns() {
    run(Samples.CoordinatedRegister.class, Map.of()).testEvents().assertStatistics(s -> s.started(3).succeeded(3));
    assertEquals(List.of(Seeds.format(1) + " PASS", Seeds.format(2) + " PASS", Seeds.format(3) + " PASS"), Samples.SEEN);
    assertTrue(Files.notExists(Path.of("target", "hourglass", "Samples$CoordinatedRegister-passes-0x0000000000000001")));
  }

  private static EngineExecutionResults run(Class<?> sample, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(Samples.ENABLED, "true")
        .configurationParameters(parameters)
        .selectors(selectClass(sample))
        .execute();
  }

  private static List<String> displayNames(EngineExecutionResults results) {
    return results.testEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
  }

  private static List<Throwable> failures(EngineExecutionResults results) {
    return results.allEvents().failed().stream()
        .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .toList();
  }

  private static void assertContainerFails(Class<?> sample, Map<String, String> parameters, String expected) {
    EngineExecutionResults results = run(sample, parameters);
    results.testEvents().assertStatistics(s -> s.started(0));
    List<Throwable> thrown = failures(results);
    assertEquals(1, thrown.size(), "one failure, the template's: " + thrown);
    assertInstanceOf(IllegalArgumentException.class, thrown.get(0));
    assertTrue(thrown.get(0).getMessage().contains(expected), thrown.get(0).getMessage());
  }

  private static void deleteRecursively(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
