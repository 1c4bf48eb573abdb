package dev.hourglass.testkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The {@code check-txn} contract of DESIGN.md: validity line, anomalies line, evidence, exit 0/1/2/64. */
class CheckTxnCommandTest {
  private static final Path ELLE = Path.of("..", "..", "shared", "anchors", "elle");

  private record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "check-txn";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = HourglassCli.execute(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  private static String elle(String file) {
    return ELLE.resolve(file).toString();
  }

  @Test
  @DisplayName("write skew under serializable prints invalid, the G2-item line and the cycle, and exits 1")
  void invalid() {
    Run r = run("--workload", "list-append", "--format", "edn", "--consistency-models", "serializable", elle("cases/la-g2-item.edn"));
    assertEquals(1, r.code(), r.err());
    assertEquals("invalid", r.lines().get(0));
    assertEquals("anomalies: G2-item", r.lines().get(1));
    assertTrue(r.out().contains("T1 < T2 (rw)"), r.out());
  }

  @Test
  @DisplayName("the same history under read committed prints valid, anomalies: none, and exits 0")
  void valid() {
    Run r = run("--workload", "list-append", "--format", "edn", "--consistency-models", "read-committed", elle("cases/la-g2-item.edn"));
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("valid", "anomalies: none"), r.lines().subList(0, 2));
  }

  @Test
  @DisplayName("--options takes Elle's map; --consistency-models overrides its models")
  void optionsAndOverride() {
    String file = elle("cases/la-g2-item.edn");
    assertEquals(0, run("--workload", "list-append", "--format", "edn", "--options", "{:consistency-models [:read-committed]}", file).code());
    Run r = run("--workload", "list-append", "--format", "edn", "--options", "{:consistency-models [:read-committed]}",
        "--consistency-models", "repeatable-read", file);
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals("anomalies: G2-item", r.lines().get(1));
  }

  @Test
  @DisplayName("nothing inferable prints unknown and exits 2")
  void unknown() {
    Run r = run("--workload", "rw-register", "--format", "edn", "--options", "{:consistency-models nil, :anomalies [:G0]}",
        elle("cases/rw-g0-undetectable.edn"));
    assertEquals(2, r.code(), r.err());
    assertEquals(List.of("unknown", "anomalies: empty-transaction-graph"), r.lines().subList(0, 2));
  }

  @Test
  @DisplayName("a tiny search budget turns a big component into cycle-search-timeout")
  void searchBudget() {
    Run r = run("--workload", "list-append", "--format", "edn", "--search-steps", "1000", elle("histories/huge-scc.edn"));
    assertEquals(1, r.code(), r.err());
    assertEquals("anomalies: cycle-search-timeout,strong-snapshot-isolation-cycle-exists", r.lines().get(1));
  }

  @Test
  @DisplayName("--json prints one parseable object with the validity, anomaly types and evidence")
  void json() throws IOException {
    Run r = run("--workload", "list-append", "--format", "edn", "--json", elle("cases/la-lost-update.edn"));
    assertEquals(1, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("invalid", j.get("valid").asText());
    assertEquals("[\"G2-item\",\"lost-update\"]", j.get("anomalyTypes").toString());
    assertEquals("T1", j.get("anomalies").get("lost-update").get(0).get("transactions").get(0).get("name").asText());
  }

  @Test
  @DisplayName("JSON Lines histories are read with --format jsonl")
  void jsonl(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("h.jsonl");
    Files.writeString(f, """
        {"process":0,"type":"ok","f":"txn","value":[[":append",":x",1],[":r",":y",null]]}
        {"process":1,"type":"ok","f":"txn","value":[[":append",":y",1],[":r",":x",null]]}
        """);
    Run r = run("--workload", "list-append", "--format", "jsonl", "--consistency-models", "serializable", f.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals("anomalies: G2-item", r.lines().get(1));
  }

  @Test
  @DisplayName("a malformed micro-op exits 64 with the file and line")
  void malformed(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.edn");
    Files.writeString(f, "{:process 0 :type :ok :f :txn :value [[:append :x 1]]}\n{:process 0 :type :ok :f :txn :value [[:append :x]]}\n");
    Run r = run("--workload", "list-append", "--format", "edn", f.toString());
    assertEquals(64, r.code(), r.out());
    assertTrue(r.err().contains("bad.edn:2: "), r.err());
    assertTrue(r.err().contains("[:append :x] has no value"), r.err());
  }

  @Test
  @DisplayName("bad usage exits 64: unknown workload, non-transactional format, bad options, unknown model, missing file")
  void badUsage(@TempDir Path dir) {
    String file = elle("cases/la-g0.edn");
    assertEquals(64, run("--workload", "bank", "--format", "edn", file).code());
    assertEquals(64, run("--workload", "list-append", "--format", "porcupine-etcd", file).code());
    Run badOptions = run("--workload", "list-append", "--format", "edn", "--options", "{:consistency-models", file);
    assertEquals(64, badOptions.code());
    assertTrue(badOptions.err().contains("--options"), badOptions.err());
    Run badModel = run("--workload", "list-append", "--format", "edn", "--consistency-models", "serialisable", file);
    assertEquals(64, badModel.code());
    assertTrue(badModel.err().contains("unknown consistency model serialisable"), badModel.err());
    Run missing = run("--workload", "list-append", "--format", "edn", dir.resolve("nope.edn").toString());
    assertEquals(64, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
  }

  /** Every manifest row through the CLI: the first two lines and the exit code. */
  @TestFactory
  @DisplayName("every Elle manifest row: the validity line, the anomalies line and the exit code")
  Stream<DynamicTest> manifest() throws IOException {
    List<String> lines = Files.readAllLines(ELLE.resolve("MANIFEST.tsv"));
    List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] c = line.split("\t", -1);
      String notes = c[header.indexOf("notes")];
      if (notes.contains("depend on the cycle-search timeout")) {
        continue; // budget-dependent; covered in checkers (TxnAnchorsTest)
      }
      String file = c[0];
      String workload = c[header.indexOf("workload")];
      String options = c[header.indexOf("checker_options")];
      String valid = c[header.indexOf("expected_valid")];
      String types = c[header.indexOf("expected_anomaly_types")];
      tests.add(DynamicTest.dynamicTest(file + " " + options, () -> {
        Run r = run("--workload", workload, "--format", "edn", "--options", options, ELLE.resolve(file).toString());
        String first = switch (valid) {
          case "true" -> "valid";
          case "false" -> "invalid";
          default -> "unknown";
        };
        int code = switch (valid) {
          case "true" -> 0;
          case "false" -> 1;
          default -> 2;
        };
        String anomalies = types.equals("-") ? "none"
            : Arrays.stream(types.substring(1, types.length() - 1).split("\\s+")).map(k -> k.substring(1))
                .collect(Collectors.joining(","));
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(List.of(first, "anomalies: " + anomalies), r.lines().subList(0, 2));
      }));
    }
    return tests.stream();
  }
}
