package dev.hourglass.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryWriter;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The artifact folder of a failing seed, {@code <out>/<scenario>-<seed hex>/}:
 *
 * <ul>
 *   <li>{@code banner.txt} — the run's banner (seed, bug, swarm settings), the fault plan, the
 *       outcome, the reason and the reproduce command;
 *   <li>{@code trace.txt} — one event per line with virtual time and node ({@link TraceText});
 *   <li>{@code history.jsonl} — the client operations ({@link HistoryWriter}, JSON Lines);
 *   <li>{@code verdict.json} — outcome, reason, trace hash and the checker's verdict, explanation
 *       and evidence (the same fields as the JUnit extension's verdict.json);
 *   <li>{@code plan.json} — the fault plan ({@code FaultPlan.toJson}), which {@code --plan} replays;
 *   <li>{@code reproduce.txt} — the one-line reproduce command.
 * </ul>
 *
 * Each file is written atomically; the files of an earlier run of the same seed are replaced.
 */
public final class ArtifactFolder {
  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ArtifactFolder() {}

  /** {@code <out>/<scenario>-<seed hex>}. */
  public static Path of(Path outDir, String scenario, long seed) {
    return outDir.resolve(scenario + "-" + Seeds.format(seed));
  }

  /** Writes every file of {@code result}'s folder under {@code folder}. */
  public static void write(Path folder, RunResult result, String reproduce) throws IOException {
    Files.createDirectories(folder);
    AtomicFiles.writeString(folder.resolve("plan.json"), result.plan().toJson() + "\n");
    AtomicFiles.writeString(folder.resolve("reproduce.txt"), reproduce + "\n");
    AtomicFiles.writeString(folder.resolve("banner.txt"), banner(result, reproduce));
    AtomicFiles.writeString(folder.resolve("verdict.json"), verdictJson(result, reproduce) + "\n");
    AtomicFiles.write(folder.resolve("history.jsonl"), out -> HistoryWriter.write(result.history(), out, HistoryFormat.JSONL));
    AtomicFiles.write(folder.resolve("trace.txt"),
        out -> TraceText.write(result.trace(), result.scenario() + " seed=" + Seeds.format(result.seed()), out));
  }

  static String banner(RunResult r, String reproduce) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.banner()).append('\n');
    sb.append("swarm: ").append(r.swarm().describe()).append('\n');
    sb.append("plan: ").append(r.plan().size()).append(" faults, ")
        .append(r.options().plan().isPresent() ? "explicit" : "drawn from the seed").append('\n');
    r.plan().describe().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    sb.append("outcome=").append(r.outcome()).append('\n');
    sb.append("trace-hash=").append(r.trace().hashHex()).append('\n');
    if (!r.reason().isEmpty()) {
      sb.append("reason: ").append(r.reason()).append('\n');
    }
    sb.append("reproduce with: ").append(reproduce).append('\n');
    return sb.toString();
  }

  static String verdictJson(RunResult r, String reproduce) {
    Map<String, Object> verdict = new LinkedHashMap<>();
    verdict.put("scenario", r.scenario());
    verdict.put("seed", Seeds.format(r.seed()));
    verdict.put("bug", r.options().bug().orElse(null));
    verdict.put("outcome", r.outcome().name());
    verdict.put("reason", r.reason());
    verdict.put("traceHash", r.trace().hashHex());
    verdict.put("virtualTime", Seeds.formatNanos(r.virtualNanos()));
    if (r.check().isPresent()) {
      CheckOutcome check = r.check().get();
      verdict.put("checker", check.checker());
      verdict.put("verdict", check.verdict().name());
      verdict.put("explanation", check.explanation());
      verdict.put("evidence", check.json());
    }
    verdict.put("reproduce", reproduce);
    try {
      return JSON.writeValueAsString(verdict);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a verdict of strings and JSON-ready evidence always serialises: " + e.getMessage(), e);
    }
  }
}
