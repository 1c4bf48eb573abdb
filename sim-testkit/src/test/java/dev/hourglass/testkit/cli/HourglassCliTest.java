// Tests of the top-level `hourglass` command: help, version and the exit-code contract for bad
// usage (DESIGN.md, "Command line"). Output is captured through picocli's writers.
package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class HourglassCliTest {

  /** The exit code and both streams of one CLI invocation. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = HourglassCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  @DisplayName("--help exits 0 and prints the usage, with the exit codes, on stdout")
  void helpPrintsUsage() {
    Run run = run("--help");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("Usage: hourglass "), run::toString);
    assertTrue(run.out().contains("--version"), run::toString);
    assertTrue(run.out().contains("Exit codes:"), run::toString);
    assertTrue(run.out().contains("64   bad usage or unreadable input"), run::toString);
    assertEquals("", run.err(), run::toString);
  }

  @Test
  @DisplayName("--version exits 0 and prints the version in the pom and the Java version")
  void versionComesFromThePom() throws Exception {
    // sim-testkit inherits its version from the parent declared in its pom.xml; surefire runs
    // in the module's directory.
    String pomVersion = XPathFactory.newInstance().newXPath().evaluate(
        "/project/parent/version",
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile()));
    assertTrue(!pomVersion.isBlank(), "no /project/parent/version in sim-testkit/pom.xml");

    Run run = run("--version");

    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(
        "hourglass " + pomVersion + " (java " + System.getProperty("java.version") + ")",
        run.out().strip(),
        run::toString);
    assertEquals("", run.err(), run::toString);
  }

  @Test
  @DisplayName("an unknown option exits 64 and names the option, then shows the usage, on stderr")
  void unknownOptionIsBadUsage() {
    Run run = run("--no-such-option");

    assertEquals(HourglassCli.EXIT_USAGE, run.exitCode(), run::toString);
    assertEquals(64, HourglassCli.EXIT_USAGE);
    assertTrue(run.err().contains("hourglass: Unknown option: '--no-such-option'"), run::toString);
    assertTrue(run.err().contains("Usage: hourglass "), run::toString);
    assertEquals("", run.out(), run::toString);
  }

  @Test
  @DisplayName("no subcommand exits 64 and shows the usage on stderr")
  void noSubcommandIsBadUsage() {
    Run run = run();

    assertEquals(HourglassCli.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("hourglass: Missing subcommand"), run::toString);
    assertTrue(run.err().contains("Usage: hourglass "), run::toString);
    assertEquals("", run.out(), run::toString);
  }

  /** Stands in for the real subcommands, which are added later. */
  @Command(name = "probe", description = "Test-only subcommand.")
  static final class ProbeCommand implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "A required option.")
    long seed;

    @Option(names = "--fail", description = "Throw instead of returning.")
    boolean fail;

    @Override
    public Integer call() {
      if (fail) {
        throw new IllegalStateException("probe failed on purpose");
      }
      return 2;
    }
  }

  private static Run runWithProbe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new HourglassCli())
        .addSubcommand(new CommandLine(new ProbeCommand()));
    int exitCode = HourglassCli.configure(commandLine, new PrintWriter(out), new PrintWriter(err))
        .execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  @DisplayName("a subcommand's exit code is the CLI's exit code")
  void subcommandExitCodePassesThrough() {
    Run run = runWithProbe("probe", "--seed", "7");

    assertEquals(2, run.exitCode(), run::toString);
  }

  @Test
  @DisplayName("a subcommand with a missing required option exits 64 and shows its own usage")
  void missingOptionInSubcommandIsBadUsage() {
    Run run = runWithProbe("probe");

    assertEquals(HourglassCli.EXIT_USAGE, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Missing required option: '--seed=<seed>'"), run::toString);
    assertTrue(run.err().contains("Usage: hourglass probe "), run::toString);
    assertEquals("", run.out(), run::toString);
  }

  @Test
  @DisplayName("a subcommand that throws exits 70, not 1 (which would read as INVALID)")
  void exceptionIsInternalError() {
    Run run = runWithProbe("probe", "--seed", "7", "--fail");

    assertEquals(HourglassCli.EXIT_INTERNAL_ERROR, run.exitCode(), run::toString);
    assertTrue(run.err().contains("probe failed on purpose"), run::toString);
    assertTrue(run.err().contains("This is a bug in Hourglass"), run::toString);
  }

  @Test
  @DisplayName("the usage lists subcommands once there are any")
  void usageListsSubcommands() {
    Run run = runWithProbe("--help");

    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("Commands:"), run::toString);
    // picocli pads the names to the longest one (check-txn), so the gap varies
    assertTrue(run.out().matches("(?s).*\\n  probe +Test-only subcommand\\..*"), run::toString);
  }
}
