package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.OutsideSimulation;
import dev.hourglass.testkit.Campaign;
import dev.hourglass.testkit.SeedReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * What {@code hourglass fuzz} shows while a campaign runs. Results go to stdout: each failing
 * seed as it is found, with its reproduce command. Progress goes to stderr: on a terminal, one
 * line redrawn in place (seeds done/planned, failures, seeds per second, ETA); otherwise — a CI
 * log — a plain line every {@link #PLAIN_INTERVAL}, and one at the end.
 */
@OutsideSimulation("paces progress output by real time; runs in the CLI, outside every simulation")
final class CampaignPrinter implements Campaign.Listener {
  static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

  private final String scenario;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private long lastPlainNanos = System.nanoTime();
  private boolean lineOnScreen;

  CampaignPrinter(String scenario, PrintWriter out, PrintWriter err, boolean terminal) {
    this.scenario = scenario;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Whether stderr is probably a terminal: there is a console (JDK 22+: and it is a terminal). */
  static boolean onTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try { // Console.isTerminal() exists from JDK 22; the code is compiled for 21.
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void seedDone(SeedReport r) {
    if (!r.failed()) {
      return;
    }
    clearLine();
    out.println("FAIL " + r.describe());
    r.artifacts().ifPresent(a -> out.println("  artifacts: " + a));
    out.println("  reproduce with: " + r.reproduce());
    out.flush();
  }

  @Override
  public void progress(Campaign.Progress p) {
    if (terminal) {
      err.print("\r" + line(p) + "\u001b[K");
      lineOnScreen = true;
      if (p.finished()) {
        err.println();
        lineOnScreen = false;
      }
      err.flush();
      return;
    }
    long now = System.nanoTime();
    if (p.finished() || now - lastPlainNanos >= PLAIN_INTERVAL.toNanos()) {
      lastPlainNanos = now;
      err.println(line(p));
      err.flush();
    }
  }

  private void clearLine() {
    if (lineOnScreen) {
      err.print("\r\u001b[K");
      err.flush();
      lineOnScreen = false;
    }
  }

  /** {@code fuzz test-register: 1200/10000 seeds, 3 failed, 412.5 seeds/s, ETA 21s} */
  String line(Campaign.Progress p) {
    return String.format(Locale.ROOT, "fuzz %s: %d/%d seeds, %d failed, %.1f seeds/s, %s", scenario, p.seedsDone(),
        p.seedsPlanned(), p.failures(), p.seedsPerSecond(),
        p.finished() ? "done in " + human(p.elapsed()) : "ETA " + p.eta().map(CampaignPrinter::human).orElse("?"));
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", s / 60 % 60) + "m";
  }
}
