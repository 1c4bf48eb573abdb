package dev.hourglass.testkit.cli;

import dev.hourglass.runtime.DeterminismCheck;
import dev.hourglass.runtime.Seeds;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.testkit.demo.PingPong;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hourglass demo}: the kernel demo. Runs the ping-pong cluster of the getting-started
 * guide for a few seeds, each twice, and prints each seed's trace hash and whether the replay
 * matched. Exit 0 when every seed passed and replayed exactly, 1 otherwise.
 */
@Command(
    name = "demo",
    description = "Run the kernel demo: a simulated ping-pong cluster for a few seeds, printing "
        + "each seed's trace hash and checking that it replays exactly.")
final class DemoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--seeds", paramLabel = "N", defaultValue = "8", description = "Seeds to run (default: ${DEFAULT-VALUE}).")
  private int seeds;

  @Option(names = "--start", paramLabel = "S", defaultValue = "1", converter = SeedConverter.class,
      description = "First seed, decimal or 0x hex (default: ${DEFAULT-VALUE}).")
  private long start;

  @Option(names = "--servers", paramLabel = "K", defaultValue = "3", description = "Servers in the cluster (default: ${DEFAULT-VALUE}).")
  private int servers;

  @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "1000",
      description = "Virtual time to simulate per seed, in milliseconds (default: ${DEFAULT-VALUE}).")
  private long durationMillis;

  @Override
  public Integer call() {
    if (seeds < 1 || seeds > 100_000) {
      throw new ParameterException(spec.commandLine(), "--seeds must be in 1..100000: --seeds=" + seeds);
    }
    if (servers < 1 || servers > 64) {
      throw new ParameterException(spec.commandLine(), "--servers must be in 1..64: --servers=" + servers);
    }
    if (durationMillis < 1 || durationMillis > 3_600_000) {
      throw new ParameterException(
          spec.commandLine(), "--duration-ms must be in 1..3600000: --duration-ms=" + durationMillis);
    }
    PrintWriter out = spec.commandLine().getOut();
    Duration duration = Duration.ofMillis(durationMillis);
    int failed = 0;
    for (long i = 0; i < seeds; i++) {
      long seed = start + i;
      Simulation[] first = new Simulation[1];
      DeterminismCheck.Report report =
          DeterminismCheck.check(
              seed,
              s -> {
                Simulation sim = PingPong.run(s, servers, duration);
                if (first[0] == null) {
                  first[0] = sim;
                }
                return sim.trace();
              });
      Simulation sim = first[0];
      boolean ok = report.deterministic() && sim.failure().isEmpty();
      out.printf(
          "seed=%s events=%d pongs=%d replay=%s trace-hash=%s%n",
          Seeds.format(seed),
          sim.trace().eventCount(),
          PingPong.pongs(sim),
          report.deterministic() ? "same" : "DIFFERENT",
          sim.trace().hashHex());
      if (!ok) {
        failed++;
        sim.failure().ifPresent(f -> out.println("  " + f.describe()));
        if (!report.deterministic()) {
          out.println("  " + report.describe());
        }
        out.printf("  reproduce with: ./hourglass demo --seeds 1 --start %s --servers %d --duration-ms %d%n",
            Seeds.format(seed), servers, durationMillis);
      }
    }
    out.printf("%d seeds, %d passed, %d failed%n", seeds, seeds - failed, failed);
    return failed == 0 ? 0 : 1;
  }
}
