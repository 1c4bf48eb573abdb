package dev.hourglass.testkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.checkers.txn.TxnChecker;
import dev.hourglass.checkers.txn.TxnOptions;
import dev.hourglass.checkers.txn.TxnResult;
import dev.hourglass.checkers.txn.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass check-txn}: Elle-style transactional checking of one history file
 * (DESIGN.md, "Command line"). The first line is {@code valid}, {@code invalid} or {@code
 * unknown}; the second {@code anomalies: G1c,incompatible-order} (Elle's names and order, or
 * {@code none}); then the models ruled out and the evidence. Exit 0 valid, 1 invalid, 2 unknown,
 * 64 bad usage or bad input.
 */
@Command(
    name = "check-txn",
    description = "Check a transactional history (list-append or rw-register) for anomalies, the way Elle does.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:valid", "1:invalid", "2:unknown (nothing could be inferred, or the cycle search ran out of budget)",
        "64:bad usage or bad input"})
final class CheckTxnCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--workload", required = true, paramLabel = "WORKLOAD", description = "list-append or rw-register.")
  private String workload;

  @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl or edn.")
  private String format;

  @Option(names = "--consistency-models", split = ",", paramLabel = "MODEL",
      description = "Models the history should satisfy, e.g. serializable,snapshot-isolation; overrides the "
          + "options map's :consistency-models. Default: strict-serializable.")
  private List<String> consistencyModels;

  @Option(names = "--options", paramLabel = "EDN-MAP",
      description = "Elle's checker options, e.g. '{:consistency-models [:serializable] :linearizable-keys? true}' "
          + "or '{:consistency-models nil :anomalies [:G1]}' (keys :consistency-models, :anomalies, "
          + ":sequential-keys?, :linearizable-keys?, :wfr-keys?, :cycle-search-timeout).")
  private String options;

  @Option(names = "--search-steps", paramLabel = "N",
      description = "Steps the cycle search may take per strongly connected component before reporting "
          + "cycle-search-timeout (default: ${DEFAULT-VALUE}).", defaultValue = "" + TxnOptions.DEFAULT_CYCLE_SEARCH_STEPS)
  private long searchSteps;

  @Option(names = "--search-time-limit", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Wall-clock limit per component as well (e.g. 1s); default none, so results are reproducible.")
  private Duration searchTimeLimit;

  @Option(names = "--evidence", paramLabel = "N", defaultValue = "3",
      description = "Pieces of evidence printed per anomaly type (default: ${DEFAULT-VALUE}).")
  private int evidence;

  @Option(names = "--json", description = "Print the result and all its evidence as one JSON object instead of text.")
  private boolean json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The history file.")
  private Path file;

  @Override
  public Integer call() throws IOException {
    Workload w;
    try {
      w = Workload.parse(workload);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--workload: " + e.getMessage());
    }
    HistoryFormat historyFormat;
    try {
      historyFormat = HistoryFormat.parse(format);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
    }
    if (historyFormat != HistoryFormat.JSONL && historyFormat != HistoryFormat.EDN) {
      throw new ParameterException(spec.commandLine(), "--format: transactional histories are jsonl or edn, not " + format);
    }
    if (evidence < 0) {
      throw new ParameterException(spec.commandLine(), "--evidence must be >= 0: " + evidence);
    }
    TxnOptions o;
    try {
      o = options == null ? TxnOptions.defaults() : TxnOptions.fromEdn(options);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--options: " + e.getMessage());
    }
    try {
      if (consistencyModels != null) {
        List<String> models = new ArrayList<>();
        for (String m : consistencyModels) {
          String name = m.strip();
          if (!name.isEmpty()) {
            models.add(name.startsWith(":") ? name.substring(1) : name);
          }
        }
        o = o.withConsistencyModels(models);
      }
      o = o.withCycleSearchStepsMax(searchSteps);
      if (searchTimeLimit != null) {
        o = o.withCycleSearchTimeout(searchTimeLimit);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
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
    TxnResult result;
    try {
      result = TxnChecker.check(history, w, o);
    } catch (HistoryFormatException e) {
      throw new BadInputException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> map = result.toJson();
      map.put("file", file.toString());
      out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(map));
    } else {
      out.print(result.describe(evidence));
      out.printf("(%d transactions, %d dependencies, %d cyclic component%s, %.1f ms)%n", result.transactions(), result.edges(),
          result.cyclicComponents(), result.cyclicComponents() == 1 ? "" : "s", result.elapsedNanos() / 1e6);
    }
    return switch (result.validity()) {
      case VALID -> 0;
      case INVALID -> 1;
      case UNKNOWN -> 2;
    };
  }
}
