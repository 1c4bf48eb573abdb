package dev.hourglass.testkit;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.internal.Nemesis;
import dev.hourglass.testkit.internal.SeedRecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One run kept in the seed corpus ({@code seeds/}, see {@link SeedCorpus}): which scenario, seed
 * and options, what it showed when it was recorded, and why it was kept. Stored as one small
 * pretty-printed JSON file ({@link #toJson()}, {@link #read(Path)}), named by {@link #fileName()}.
 *
 * <p>A record says what a replay must show — the outcome and the {@linkplain
 * RunResult#failureClass() failure class} — not the exact run: the trace hash is kept only to tell
 * whether the seed still means the same run. A change to the system or to Hourglass may turn the
 * seed into a different run that still fails the same way (the record still holds) or into one
 * that passes ({@code hourglass corpus refind} then looks for a new seed).
 *
 * @param scenario the scenario's registered name
 * @param seed the seed (written as {@code 0x} and 16 hex digits; read in decimal or {@code 0x} hex)
 * @param bug the planted bug switched on; empty for the correct system
 * @param plan an explicit fault plan (a shrunk run's); empty: the plan is drawn from the seed
 * @param operationsMax overrides the workload's operation count (≥ 0); empty: the scenario's
 * @param clients overrides the workload's client count (1..1024); empty: the scenario's
 * @param safetyNanos overrides the safety phase's virtual length (> 0); empty: the scenario's
 * @param expected the outcome a replay must show
 * @param failureClass the failure class a replay must show; empty exactly when {@code expected}
 *     is {@link Outcome#PASS}
 * @param traceHash the run's trace hash when it was recorded (informational)
 * @param recorded when it was recorded (wall-clock time, UTC)
 * @param why who recorded it and why (free text, not blank)
 */
public record SeedRecord(
    String scenario,
    long seed,
    Optional<String> bug,
    Optional<FaultPlan> plan,
    OptionalInt operationsMax,
    OptionalInt clients,
    OptionalLong safetyNanos,
    Outcome expected,
    String failureClass,
    long traceHash,
    Instant recorded,
    String why) {

  /** Scenario and bug names become part of a file name: no separators, spaces or shell characters. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public SeedRecord {
    checkNotNull(scenario, "scenario");
    checkArgument(NAME.matcher(scenario).matches(),
        "scenario must be a name of letters, digits, '.', '_' and '-': scenario=%s", scenario);
    checkNotNull(bug, "bug");
    bug.ifPresent(b -> checkArgument(NAME.matcher(b).matches(),
        "bug must be a name of letters, digits, '.', '_' and '-': bug=%s", b));
    checkNotNull(plan, "plan");
    checkNotNull(operationsMax, "operationsMax");
    operationsMax.ifPresent(n -> checkArgument(n >= 0, "operationsMax must be >= 0: operationsMax=%s", n));
    checkNotNull(clients, "clients");
    clients.ifPresent(n -> checkArgument(n >= 1 && n <= 1024, "clients must be in 1..1024: clients=%s", n));
    checkNotNull(safetyNanos, "safetyNanos");
    safetyNanos.ifPresent(n -> checkArgument(n > 0, "safetyNanos must be positive: safetyNanos=%s", n));
    checkNotNull(expected, "expected");
    checkNotNull(failureClass, "failureClass");
    checkArgument(expected.failed() || failureClass.isEmpty(),
        "failureClass must be empty when expected=PASS: failureClass=%s", failureClass);
    checkArgument(!expected.failed() || failureClass.equals(expected.name()) || failureClass.startsWith(expected.name() + " "),
        "failureClass must start with the expected outcome: expected=%s failureClass=%s", expected, failureClass);
    checkArgument(failureClass.lines().count() <= 1, "failureClass must be one line: failureClass=%s", failureClass);
    checkNotNull(recorded, "recorded");
    checkNotNull(why, "why");
    checkArgument(!why.isBlank(), "why must say who recorded the seed and why: why=\"%s\"", why);
  }

  /**
   * The record of {@code result}: its scenario, seed, bug, plan (if it was explicit) and the
   * workload and phase settings in which its options differ from the scenario's defaults, and
   * what it showed.
   *
   * @param why who records it and why, e.g. {@code found by hourglass fuzz raft-kv --bug
   *     stale-leader-read}
   * @param recorded when (wall-clock time)
   * @throws IllegalArgumentException if the scenario is not registered ({@link Scenarios}), or the
   *     run's options differ from the scenario's defaults in something a record cannot hold (the
   *     liveness phase, kernel, network or disk options): such a record would replay another run
   */
  public static SeedRecord of(RunResult result, String why, Instant recorded) {
    checkNotNull(result, "result");
    Scenario scenario = Scenarios.byName(result.scenario());
    RunOptions defaults = scenario.defaultOptions();
    RunOptions options = result.options();
    SeedRecord record = new SeedRecord(result.scenario(), result.seed(), options.bug(), options.plan(),
        options.operationsMax(), options.clients(),
        options.safetyNanos() == defaults.safetyNanos() ? OptionalLong.empty() : OptionalLong.of(options.safetyNanos()),
        result.outcome(), result.failureClass(), result.traceHash(), recorded, why);
    checkArgument(record.runOptions(scenario).equals(options),
        "the run of %s seed=%s was made with options a seed record cannot hold (it keeps the bug, the plan, "
            + "operationsMax, clients and safetyNanos over the scenario's defaultOptions()): options=%s defaults=%s",
        result.scenario(), Seeds.format(result.seed()), options, defaults);
    return record;
  }

  /**
   * The options to replay this record with: {@code scenario}'s {@link Scenario#defaultOptions()}
   * with the bug, the plan and the overrides applied.
   *
   * @throws IllegalArgumentException if {@code scenario} is not this record's, lacks the bug, or
   *     the plan names a node that is not one of its servers
   */
  public RunOptions runOptions(Scenario scenario) {
    checkNotNull(scenario, "scenario");
    checkArgument(scenario.name().equals(this.scenario), "this record is of scenario %s, not %s", this.scenario, scenario.name());
    RunOptions options = scenario.defaultOptions();
    if (bug.isPresent()) {
      checkArgument(scenario.bugs().contains(bug.get()), "scenario %s has no planted bug '%s' (its bugs: %s)",
          scenario.name(), bug.get(), scenario.bugs().isEmpty() ? "none" : String.join(", ", scenario.bugs()));
      options = options.withBug(bug.get());
    }
    if (operationsMax.isPresent()) {
      options = options.withOperationsMax(operationsMax.getAsInt());
    }
    if (clients.isPresent()) {
      options = options.withClients(clients.getAsInt());
    }
    if (safetyNanos.isPresent()) {
      options = options.withSafetyNanos(safetyNanos.getAsLong());
    }
    if (plan.isPresent()) {
      Nemesis.validate(plan.get(), ScenarioRunner.servers(scenario, options));
      options = options.withPlan(plan.get());
    }
    return options;
  }

  /**
   * {@code raft-kv--stale-leader-read--0x1f.json}: scenario, bug (or {@code correct}) and seed in
   * short hex, with {@code --shrunk} before the extension when the record has an explicit plan.
   * Sorting the corpus's files groups a scenario's records by bug.
   */
  public String fileName() {
    return scenario + "--" + bug.orElse("correct") + "--0x" + Long.toHexString(seed)
        + (plan.isPresent() ? "--shrunk" : "") + ".json";
  }

  /** {@code PASS}, or the failure class a replay must show ({@code SAFETY_VIOLATION linearizable(kv)}). */
  public String expectation() {
    return expected.failed() ? failureClass : Outcome.PASS.name();
  }

  /** The trace hash as 16 lower-case hex digits, as the CLI prints it. */
  public String traceHashHex() {
    return "%016x".formatted(traceHash);
  }

  /** {@code raft-kv seed=0x… bug=stale-leader-read plan=explicit operationsMax=40}: what runs. */
  public String describe() {
    return scenario + " seed=" + Seeds.format(seed) + bug.map(b -> " bug=" + b).orElse("")
        + (plan.isPresent() ? " plan=explicit (" + plan.get().size() + " faults)" : "")
        + (operationsMax.isPresent() ? " operationsMax=" + operationsMax.getAsInt() : "")
        + (clients.isPresent() ? " clients=" + clients.getAsInt() : "")
        + (safetyNanos.isPresent() ? " safety=" + Seeds.formatNanos(safetyNanos.getAsLong()) : "");
  }

  /** The record as pretty-printed JSON, fields in a fixed order, absent options left out. */
  public String toJson() {
    return SeedRecordJson.write(this);
  }

  /**
   * Parses a record; {@code source} names it in messages (a file name).
   *
   * @throws IllegalArgumentException naming {@code source}, the line and column, what is wrong and
   *     what was expected: malformed or truncated JSON, an empty text, an unknown field, a missing
   *     one, a wrong type, an unknown outcome, a bad seed, trace hash or time
   */
  public static SeedRecord fromJson(String json, String source) {
    checkNotNull(json, "json");
    checkNotNull(source, "source");
    return SeedRecordJson.read(json, source);
  }

  /**
   * Reads a record file.
   *
   * @throws IllegalArgumentException if the file is not a valid record (see {@link #fromJson}); the
   *     message starts with {@code file:line:column}
   * @throws UncheckedIOException if it cannot be read; the message names the file
   */
  public static SeedRecord read(Path file) {
    checkNotNull(file, "file");
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read seed record " + file + ": no such file", e);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not a seed record: not UTF-8 text (expected a JSON object, "
          + "see seeds/README.md)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed record " + file + ": " + e, e);
    }
    return fromJson(text, file.toString());
  }
}
