package dev.hourglass.testkit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The exit code and both streams of one CLI invocation through {@link HourglassCli#execute}, for
 * tests in any package.
 */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HourglassCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * Runs a printed command line such as a reproduce command, {@code ./hourglass run …}: split as
   * a POSIX shell would split it (spaces, single quotes), without the leading {@code ./hourglass}.
   */
  public static CliRun command(String line) {
    List<String> words = shellSplit(line);
    if (words.isEmpty() || !words.get(0).equals("./hourglass")) {
      throw new IllegalArgumentException("not an ./hourglass command: " + line);
    }
    return of(words.subList(1, words.size()).toArray(String[]::new));
  }

  static List<String> shellSplit(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '\'') {
        quoted = true;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
