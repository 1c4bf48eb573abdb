package dev.hourglass.testkit.internal;

import dev.hourglass.runtime.Seeds;
import dev.hourglass.testkit.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one-line command that reruns a seed exactly: {@code ./hourglass run <scenario> --seed 0x…
 * [--bug NAME] [--plan FILE] [--check-determinism]}. It assumes the scenario's default run
 * options, which is what the CLI runs; arguments a shell would split or expand are quoted.
 */
public final class ReproduceCommand {
  private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ReproduceCommand() {}

  /**
   * @param plan the explicit plan's file, when the run's plan was explicit (not drawn from the seed)
   * @param nondeterministic add {@code --check-determinism}, which runs the seed twice and shows
   *     where the runs part
   */
  public static String of(String scenario, long seed, Optional<String> bug, Optional<Path> plan, boolean nondeterministic) {
    List<String> args = new ArrayList<>(List.of("./hourglass", "run", scenario, "--seed", Seeds.format(seed)));
    bug.ifPresent(b -> args.addAll(List.of("--bug", b)));
    plan.ifPresent(p -> args.addAll(List.of("--plan", p.toString())));
    if (nondeterministic) {
      args.add("--check-determinism");
    }
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      sb.append(sb.length() == 0 ? "" : " ").append(quote(a));
    }
    return sb.toString();
  }

  /**
   * Like {@link #of}, plus {@code --operations}, {@code --clients} and {@code --safety} for each of
   * the workload and phase settings in which {@code options} differ from the scenario's {@code
   * defaults} (a shrunk run's).
   */
  public static String of(String scenario, long seed, RunOptions options, RunOptions defaults, Optional<Path> plan,
      boolean nondeterministic) {
    StringBuilder sb = new StringBuilder(of(scenario, seed, options.bug(), plan, nondeterministic));
    if (!options.operationsMax().equals(defaults.operationsMax()) && options.operationsMax().isPresent()) {
      sb.append(" --operations ").append(options.operationsMax().getAsInt());
    }
    if (!options.clients().equals(defaults.clients()) && options.clients().isPresent()) {
      sb.append(" --clients ").append(options.clients().getAsInt());
    }
    if (options.safetyNanos() != defaults.safetyNanos()) {
      sb.append(" --safety ").append(durationArgument(options.safetyNanos()));
    }
    return sb.toString();
  }

  /** A duration as the CLI reads it: {@code 1500ms}, or ISO-8601 when not whole milliseconds. */
  public static String durationArgument(long nanos) {
    return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : java.time.Duration.ofNanos(nanos).toString();
  }

  static String quote(String arg) {
    return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }
}
