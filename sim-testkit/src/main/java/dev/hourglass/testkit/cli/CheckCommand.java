package dev.hourglass.testkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.checkers.linear.CheckOptions;
import dev.hourglass.checkers.linear.LinearizabilityChecker;
import dev.hourglass.checkers.linear.LinearizabilityResult;
import dev.hourglass.checkers.linear.Model;
import dev.hourglass.checkers.linear.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass check}: linearizability of one history file (DESIGN.md, "Command line").
 * Prints the verdict on the first line ({@code VALID}, {@code INVALID}, {@code UNKNOWN: reason})
 * and, for INVALID, the counterexample; exit 0 VALID, 1 INVALID, 2 UNKNOWN, 64 bad usage or
 * unreadable input.
 */
@Command(
    name = "check",
    description = "Check a history for linearizability against a model.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:VALID", "1:INVALID", "2:UNKNOWN (a budget ran out)", "64:bad usage or unreadable input"})
final class CheckCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "register, cas-register, multi-register, mutex, kv, set or queue.")
  private String model;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "jsonl, edn, porcupine-etcd or porcupine-kv.")
  private String format;

  @Option(names = "--initial", paramLabel = "EDN",
      description = "The model's initial state as an EDN literal, e.g. 0, nil, {:x 0 :y 0}. "
          + "Default: nil for registers, empty for kv/set/queue, free for mutex.")
  private String initial;

  @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
      description = "Wall-clock budget; past it the verdict is UNKNOWN (default: ${DEFAULT-VALUE}).")
  private Duration timeLimit;

  @Option(names = "--memory", paramLabel = "SIZE", converter = ByteSizeConverter.class,
      description = "Memory budget for the search's memo, e.g. 512m; past it the verdict is UNKNOWN "
          + "(default: a quarter of the JVM's maximum heap).")
  private Long memoryBytes;

  @Option(names = "--json", description = "Print the result as one JSON object instead of text.")
  private boolean json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The history file.")
  private Path file;

  @Override
  public Integer call() throws IOException {
    HistoryFormat historyFormat;
    try {
      historyFormat = HistoryFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
    if (!Models.NAMES.contains(model)) {
      throw new ParameterException(spec.commandLine(),
          "--model: unknown model '" + model + "' (expected one of " + String.join(", ", Models.NAMES) + ")");
    }
    Object initialState = null;
    if (initial != null) {
      try {
        initialState = HistoryReader.parseEdnValue(initial, "--initial");
      } catch (HistoryFormatException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    // Knossos's EDN histories leave unknown reads nil (a wildcard); Porcupine's etcd logs and our
    // own JSON Lines mean "never written" by it.
    boolean nilReadMatchesAny = historyFormat == HistoryFormat.EDN;
    Model<?, ?> m;
    try {
      m = Models.byName(model, initialState, nilReadMatchesAny);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--initial: " + e.getMessage());
    }
    History history;
    try {
      history = HistoryReader.read(file, historyFormat);
    } catch (NoSuchFileException e) {
      throw new BadInputException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new BadInputException("cannot read " + file + ": " + e);
    } catch (HistoryFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    CheckOptions options = CheckOptions.defaults().withTimeLimit(timeLimit);
    if (memoryBytes != null) {
      options = options.withCacheBytesMax(memoryBytes);
    }
    LinearizabilityResult result;
    try {
      result = check(history, m, options);
    } catch (HistoryFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      var map = result.toJson();
      map.put("file", file.toString());
      out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map));
    } else {
      out.println(result.describe());
      if (Files.isRegularFile(file)) {
        out.printf("(%d operations, %d partitions, %.1f ms)%n",
            history.operations().size(), result.partitions().size(), result.elapsedNanos() / 1e6);
      }
    }
    return switch (result.verdict()) {
      case VALID -> 0;
      case INVALID -> 1;
      case UNKNOWN -> 2;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LinearizabilityResult check(History h, Model<?, ?> m, CheckOptions options) {
    return LinearizabilityChecker.check(h, (Model) m, options);
  }
}
