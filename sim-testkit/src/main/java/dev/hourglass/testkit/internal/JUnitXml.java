package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.SeedReport;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's JUnit XML in the format Maven Surefire writes (one {@code <testsuite>}, one
 * {@code <testcase>} per seed that ran, a {@code <failure>} with the outcome, reason, reproduce
 * command and artifact folder for a failing one), which CI systems read. Streamed: test cases go
 * to a temporary file as seeds finish, so memory stays flat over millions of seeds; {@link
 * #finish} writes the suite header (whose counts are known only then), appends the test cases and
 * moves the whole into place. Test cases are in the order seeds finished.
 */
final class JUnitXml implements Closeable {
  private final Path target;
  private final Path body;
  private final Writer out;

  JUnitXml(Path target) throws IOException {
    this.target = target;
    this.body = AtomicFiles.newTempFile(target, ".cases.tmp");
    this.out = Files.newBufferedWriter(body, StandardCharsets.UTF_8);
  }

  /** Adds {@code r}'s test case; {@code evidence} (the checker's counterexample, may be empty) goes into a failure's text. */
  void add(String className, SeedReport r, String evidence) throws IOException {
    out.write("  <testcase name=\"" + attr("seed=" + Seeds.format(r.seed())) + "\" classname=\"" + attr(className)
        + "\" time=\"" + seconds(r.wallNanos()) + "\"");
    if (!r.failed()) {
      out.write("/>\n");
      return;
    }
    out.write(">\n    <failure message=\"" + attr(r.outcome() + ": " + r.reason()) + "\" type=\"" + r.outcome() + "\">");
    out.write(text("seed=" + Seeds.format(r.seed()) + " outcome=" + r.outcome() + " trace-hash=" + r.traceHashHex() + "\n"
        + "reason: " + r.reason() + "\n"
        + "reproduce with: " + r.reproduce() + "\n"
        + r.artifacts().map(a -> "artifacts: " + a + "\n").orElse("")
        + (evidence.isBlank() ? "" : "evidence:\n" + evidence.strip() + "\n")));
    out.write("</failure>\n  </testcase>\n");
  }

  /**
   * Writes the file: a suite named {@code suiteName} with these counts and properties, then the
   * test cases added so far.
   */
  @OutsideSimulation("stamps the report with the real date, as Surefire does; never read by a simulation")
  void finish(String suiteName, long tests, long failures, long elapsedNanos, Map<String, String> properties) throws IOException {
    out.close();
    AtomicFiles.write(target, w -> {
      w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      w.write("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
          + " xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd\""
          + " version=\"3.0\" name=\"" + attr(suiteName) + "\" time=\"" + seconds(elapsedNanos) + "\" tests=\"" + tests
          + "\" errors=\"0\" skipped=\"0\" failures=\"" + failures + "\" timestamp=\""
          + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\">\n");
      w.write("  <properties>\n");
      for (Map.Entry<String, String> p : properties.entrySet()) {
        w.write("    <property name=\"" + attr(p.getKey()) + "\" value=\"" + attr(p.getValue()) + "\"/>\n");
      }
      w.write("  </properties>\n");
      try (var in = Files.newBufferedReader(body, StandardCharsets.UTF_8)) {
        in.transferTo(w);
      }
      w.write("</testsuite>\n");
    });
    Files.deleteIfExists(body);
  }

  /** Drops the temporary test-case file (after {@link #finish}, or instead of it when a campaign aborts). */
  @Override
  public void close() throws IOException {
    out.close();
    Files.deleteIfExists(body);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
  }

  /** Escapes for an attribute value; line breaks become spaces. */
  static String attr(String s) {
    return escape(s, true);
  }

  /** Escapes for element text. */
  static String text(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\n', '\r', '\t' -> sb.append(attribute ? ' ' : c);
        default -> {
          // XML 1.0 forbids most control characters even as references: replace them.
          boolean allowed = c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
          sb.append(allowed ? c : '\uFFFD');
        }
      }
    }
    return sb.toString();
  }
}
