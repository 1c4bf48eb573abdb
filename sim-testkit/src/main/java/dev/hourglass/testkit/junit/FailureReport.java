package dev.hourglass.testkit.junit;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.CheckOutcome;
import dev.hourglass.testkit.RunResult;
import java.util.Arrays;

/**
 * The assertion message of a failing run, read top to bottom by someone who has only the test
 * report: what failed and why, the evidence, what the run drew, where the artifacts are, and how
 * to re-run it. Long evidence is cut (the artifact folder keeps all of it).
 */
final class FailureReport {
  /** Characters of the checker's explanation kept in the message; verdict.json has the rest. */
  static final int EVIDENCE_CHARS_MAX = 4_000;
  /** Faults of the plan listed in the message; plan.json has the rest. */
  static final int PLAN_LINES_MAX = 20;

  private FailureReport() {}

  static String message(RunResult result, String artifactsLine, String reproduceCommand) {
    StringBuilder sb = new StringBuilder();
    sb.append(result.scenario()).append(" seed=").append(Seeds.format(result.seed())).append(" failed: ")
        .append(result.outcome());
    if (!result.reason().isEmpty()) {
      sb.append(": ").append(result.reason());
    }
    sb.append('\n');
    if (result.check().isPresent()) {
      CheckOutcome check = result.check().get();
      sb.append("evidence (").append(check.checker()).append(", ").append(check.verdict()).append("):\n");
      if (check.explanation().isEmpty()) {
        sb.append("  (none)\n");
      } else {
        sb.append(indent(cut(check.explanation(), EVIDENCE_CHARS_MAX, "verdict.json")));
      }
    } else {
      sb.append("evidence: none (the run stopped before its history was checked)\n");
    }
    sb.append("banner: ").append(result.banner()).append('\n');
    sb.append("summary: ").append(result.summary()).append('\n');
    sb.append("fault plan:\n").append(indent(planLines(result)));
    sb.append(artifactsLine).append('\n');
    sb.append("reproduce with: ").append(reproduceCommand);
    return sb.toString();
  }

  private static String planLines(RunResult result) {
    String[] lines = result.plan().describe().split("\n");
    if (lines.length <= PLAN_LINES_MAX) {
      return String.join("\n", lines);
    }
    return String.join("\n", Arrays.copyOf(lines, PLAN_LINES_MAX))
        + "\n... " + (lines.length - PLAN_LINES_MAX) + " more faults in plan.json";
  }

  private static String cut(String text, int charsMax, String file) {
    if (text.length() <= charsMax) {
      return text;
    }
    return text.substring(0, charsMax) + "\n... " + (text.length() - charsMax) + " more characters in " + file;
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    text.lines().forEach(line -> sb.append("  ").append(line).append('\n'));
    return sb.toString();
  }
}
