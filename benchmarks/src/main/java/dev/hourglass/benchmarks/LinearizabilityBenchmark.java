package dev.hourglass.benchmarks;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.checkers.linear.CheckOptions;
import dev.hourglass.checkers.linear.LinearizabilityChecker;
import dev.hourglass.checkers.linear.LinearizabilityResult;
import dev.hourglass.checkers.linear.Model;
import dev.hourglass.checkers.linear.Models;
import dev.hourglass.checkers.linear.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Linearizability checking of the reference histories (../shared/anchors/porcupine and knossos),
 * one JMH parameter per file, the same semantics as the anchor test. The history is read once in
 * setup; the benchmark is the check alone, as Porcupine's {@code CheckEvents} time in the
 * manifests is. Average time per check, in milliseconds; docs/PERFORMANCE.md puts it beside
 * {@code porcupine_median_ms} (tools: {@code AnchorTable}).
 *
 * <p>{@code -Dhourglass.anchors=DIR} points at the anchors folder (default ../shared/anchors,
 * relative to the repository root).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class LinearizabilityBenchmark {
  /** Folder/file under the anchors folder; the full list is {@link AnchorFiles#ALL}. */
  @Param({"porcupine/jepsen/etcd_007.log"})
  public String file;

  private History history;
  private Model<?, ?> model;
  private Verdict expected;

  @Setup
  public void setup() {
    AnchorFiles.Entry e = AnchorFiles.entry(file);
    try {
      history = HistoryReader.read(e.path(), e.format());
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    model = e.model();
    expected = e.expected();
    Verdict got = check().verdict();
    if (got != expected) {
      throw new IllegalStateException(file + ": expected " + expected + " but got " + got);
    }
  }

  @Benchmark
  public LinearizabilityResult check() {
    return checkWith(history, model);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LinearizabilityResult checkWith(History h, Model<?, ?> m) {
    return LinearizabilityChecker.check(h, (Model) m, CheckOptions.defaults().withTimeLimit(Duration.ofMinutes(5)));
  }

  /** The anchor files with their format, model and expected verdict, from the manifests. */
  public static final class AnchorFiles {
    private AnchorFiles() {}

    /** One anchor file. */
    public record Entry(String name, Path path, HistoryFormat format, Model<?, ?> model, Verdict expected, double porcupineMillis) {}

    public static Path root() {
      return Path.of(System.getProperty("hourglass.anchors", "../shared/anchors"));
    }

    public static List<Entry> all() {
      try {
        List<Entry> out = new java.util.ArrayList<>();
        for (String folder : List.of("porcupine", "knossos")) {
          List<String> lines = Files.readAllLines(root().resolve(folder).resolve("MANIFEST.tsv"));
          List<String> header = List.of(lines.get(0).split("\t", -1));
          for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
              continue;
            }
            String[] c = line.split("\t", -1);
            out.add(entry(folder, c, header));
          }
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the anchors under " + root().toAbsolutePath(), e);
      }
    }

    static Entry entry(String file) {
      return all().stream().filter(e -> e.name().equals(file)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not in a manifest: " + file));
    }

    private static Entry entry(String folder, String[] c, List<String> header) {
      String relative = c[0];
      Verdict expected = c[header.indexOf("expected_verdict")].equals("linearizable") ? Verdict.VALID : Verdict.INVALID;
      String ms = c[header.indexOf("porcupine_median_ms")];
      double porcupine = ms.equals("-") ? Double.NaN : Double.parseDouble(ms);
      Path path = root().resolve(folder).resolve(relative);
      if (folder.equals("porcupine")) {
        boolean kv = relative.startsWith("kv/");
        return new Entry(folder + "/" + relative, path, kv ? HistoryFormat.PORCUPINE_KV : HistoryFormat.PORCUPINE_ETCD,
            kv ? Models.keyValue(Map.of()) : Models.casRegister(null, false), expected, porcupine);
      }
      Object initial = HistoryReader.parseEdnValue(c[header.indexOf("initial_state")], "initial_state");
      String model = c[header.indexOf("model")].split(" ")[0];
      return new Entry(folder + "/" + relative, path, HistoryFormat.EDN, Models.byName(model, initial, true), expected, porcupine);
    }
  }
}
