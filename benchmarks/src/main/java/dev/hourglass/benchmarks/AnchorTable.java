package dev.hourglass.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result of {@link LinearizabilityBenchmark} into the side-by-side table of
 * docs/PERFORMANCE.md: per file our median, Porcupine's median from the manifest, the ratio;
 * and per manifest the totals. Usage: {@code java -cp benchmarks.jar
 * dev.hourglass.benchmarks.AnchorTable result.json}.
 */
public final class AnchorTable {
  private AnchorTable() {}

  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Map<String, Double> ours = new LinkedHashMap<>();
    for (JsonNode r : results) {
      String file = r.get("params").get("file").asText();
      JsonNode raw = r.get("primaryMetric").get("rawData").get(0);
      double[] v = new double[raw.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = raw.get(i).asDouble();
      }
      java.util.Arrays.sort(v);
      ours.put(file, v[v.length / 2]);
    }
    Map<String, double[]> totals = new LinkedHashMap<>();
    System.out.println("| file | ours (ms, median) | Porcupine (ms, median) | ours / Porcupine |");
    System.out.println("|---|---:|---:|---:|");
    for (LinearizabilityBenchmark.AnchorFiles.Entry e : LinearizabilityBenchmark.AnchorFiles.all()) {
      Double ms = ours.get(e.name());
      if (ms == null) {
        continue;
      }
      String manifest = e.name().substring(0, e.name().indexOf('/'));
      double[] t = totals.computeIfAbsent(manifest, k -> new double[3]);
      t[0] += ms;
      if (!Double.isNaN(e.porcupineMillis())) {
        t[1] += e.porcupineMillis();
        t[2] = Math.max(t[2], ms / e.porcupineMillis());
      }
      System.out.printf(Locale.ROOT, "| %s | %.3f | %s | %s |%n", e.name(), ms,
          Double.isNaN(e.porcupineMillis()) ? "-" : String.format(Locale.ROOT, "%.3f", e.porcupineMillis()),
          Double.isNaN(e.porcupineMillis()) ? "-" : String.format(Locale.ROOT, "%.2f", ms / e.porcupineMillis()));
    }
    System.out.println();
    System.out.println("| manifest | ours total (ms) | Porcupine total (ms) | total ratio | worst file ratio |");
    System.out.println("|---|---:|---:|---:|---:|");
    totals.forEach((m, t) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.2f |%n", m, t[0], t[1], t[0] / t[1], t[2]));
  }
}
