// The `hourglass` command line: the entry point of hourglass-cli.jar, started by ./hourglass.
//
// The CLI lives outside the simulated world. It parses arguments, reads files and prints
// results on the real machine, and starts simulations; nothing here runs inside one, so the
// determinism rules (build/determinism-signatures.txt) are about the code it calls, not about it.
package dev.hourglass.testkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The top-level {@code hourglass} command. Each subcommand is its own picocli {@code @Command}
 * class in this package, added by one entry in {@code subcommands} below; it inherits the exit
 * code handling and the output streams configured here.
 *
 * <p>Exit codes (the contract in DESIGN.md, "Command line"): a subcommand returns 0, 1 or 2 from
 * its {@code call()}. Bad usage and unreadable input exit {@value #EXIT_USAGE}: picocli reports
 * unknown options and missing parameters that way, and a subcommand that cannot read its input
 * throws {@code new ParameterException(spec.commandLine(), "cannot read FILE: why")}, which is
 * reported the same way. Any other exception is a bug in Hourglass and exits
 * {@value #EXIT_INTERNAL_ERROR} (picocli's default, 1, would read as INVALID / fail).
 */
@Command(
    name = "hourglass",
    mixinStandardHelpOptions = true,
    versionProvider = HourglassCli.ProjectVersion.class,
    description = "Deterministic simulation testing for the JVM: run and fuzz scenarios, "
        + "check histories.",
    subcommands = {
        // One line per subcommand.
        CheckCommand.class,
        CheckTxnCommand.class,
        DemoCommand.class,
        ListCommand.class,
        RunCommand.class,
        FuzzCommand.class,
        CorpusCommand.class,
        ShrinkCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:valid / passed",
        "1:invalid / failed",
        "2:unknown (a search limit was reached)",
        HourglassCli.EXIT_USAGE + ":bad usage or unreadable input",
        HourglassCli.EXIT_INTERNAL_ERROR + ":internal error in Hourglass (a bug: please report it)",
    })
public final class HourglassCli implements Callable<Integer> {

  /** Bad usage or unreadable input (sysexits.h EX_USAGE). */
  public static final int EXIT_USAGE = 64;

  /** An unexpected exception: a bug in Hourglass, not a verdict (sysexits.h EX_SOFTWARE). */
  public static final int EXIT_INTERNAL_ERROR = 70;

  @Spec
  private CommandSpec spec;

  /** Runs the CLI and exits the JVM with its exit code. */
  public static void main(String... args) {
    quietThirdPartyLogs();
    System.exit(execute(args));
  }

  /**
   * Systems under test log through SLF4J at INFO (Kafka logs every state transition), which
   * would bury the CLI's own output on stderr: their loggers start at WARN. A user's {@code
   * -Dorg.slf4j.simpleLogger.defaultLogLevel=…} wins. Must run before the first logger is made.
   */
  static void quietThirdPartyLogs() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  /** Runs the CLI on {@code System.out} / {@code System.err} and returns its exit code. */
  public static int execute(String... args) {
    return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the CLI with results written to {@code out} and messages, usage errors and progress to
   * {@code err}; returns the exit code. Both writers are flushed before returning.
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    if (out == null || err == null || args == null) {
      throw new IllegalArgumentException(
          "out, err and args must not be null: out=" + out + ", err=" + err + ", args=" + args);
    }
    try {
      return configure(new CommandLine(new HourglassCli()), out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * Applies the streams and the exit-code policy to {@code commandLine} and the subcommands it
   * already has. Package-private so tests can configure a command line with extra subcommands.
   */
  static CommandLine configure(CommandLine commandLine, PrintWriter out, PrintWriter err) {
    return commandLine
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(HourglassCli::reportBadUsage)
        .setExecutionExceptionHandler(HourglassCli::reportInternalError)
        .setExitCodeExceptionMapper(HourglassCli::exitCodeOf);
  }

  /** {@code hourglass} without a subcommand is bad usage: there is nothing to do. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand");
  }

  private static int reportBadUsage(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println(commandLine.getColorScheme().errorText("hourglass: " + e.getMessage()));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println();
    commandLine.usage(err, commandLine.getColorScheme());
    return EXIT_USAGE;
  }

  private static int reportInternalError(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof BadInputException) {
      err.println(commandLine.getColorScheme().errorText("hourglass: " + e.getMessage()));
      return EXIT_USAGE;
    }
    err.println(commandLine.getColorScheme().errorText(
        "hourglass: internal error in '" + commandLine.getCommandSpec().qualifiedName()
            + "': " + e));
    e.printStackTrace(err);
    err.println("This is a bug in Hourglass; please report it with the command line and the "
        + "stack trace above.");
    return EXIT_INTERNAL_ERROR;
  }

  /** Used by picocli when an exception escapes the handlers above. */
  private static int exitCodeOf(Throwable t) {
    return t instanceof ParameterException || t instanceof BadInputException ? EXIT_USAGE : EXIT_INTERNAL_ERROR;
  }

  /**
   * {@code hourglass <project version> (java <runtime version>)}. The project version comes from
   * {@code version.properties}, which Maven filters from the pom at build time.
   */
  static final class ProjectVersion implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
      return new String[] {
          "hourglass " + projectVersion() + " (java " + System.getProperty("java.version") + ")"
      };
    }

    static String projectVersion() {
      Properties properties = new Properties();
      try (InputStream in = HourglassCli.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing next to "
              + HourglassCli.class.getName() + " on the class path: rebuild with Maven");
        }
        properties.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
      String version = properties.getProperty("version", "");
      if (version.isBlank() || version.contains("${")) {
        throw new IllegalStateException(RESOURCE + " was not filtered by Maven: version="
            + version + "; rebuild with Maven");
      }
      return version;
    }
  }
}
