package dev.hourglass.checkers.txn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.io.Anchors;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of ../shared/anchors/elle/MANIFEST.tsv: the history checked with the row's Elle
 * options gives the row's validity, anomaly types (in Elle's order) and {@code :not} set.
 */
class TxnAnchorsTest {

  /** A manifest row's expectation, parsed. */
  record Expected(Validity validity, List<String> types, Set<String> not) {
    static Expected of(Anchors.Row row) {
      Validity v = switch (row.get("expected_valid")) {
        case "true" -> Validity.VALID;
        case "false" -> Validity.INVALID;
        case ":unknown" -> Validity.UNKNOWN;
        default -> throw new IllegalArgumentException("expected_valid? " + row.get("expected_valid"));
      };
      return new Expected(v, keywords(row.get("expected_anomaly_types"), "[", "]"), new TreeSet<>(keywords(row.get("expected_not"), "#{", "}")));
    }

    private static List<String> keywords(String cell, String open, String close) {
      if (cell.equals("-")) {
        return List.of();
      }
      assertTrue(cell.startsWith(open) && cell.endsWith(close), cell);
      String inner = cell.substring(open.length(), cell.length() - close.length()).strip();
      if (inner.isEmpty()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String k : inner.split("\\s+")) {
        assertTrue(k.startsWith(":"), k);
        out.add(k.substring(1));
      }
      return out;
    }
  }

  static TxnResult check(Anchors.Row row, TxnOptions options) throws IOException {
    History h = HistoryReader.read(row.file(), HistoryFormat.EDN);
    return TxnChecker.check(h, Workload.parse(row.get("workload")), options);
  }

  /** Rows whose exact anomaly types depend on how far Elle's cycle search got before its timeout. */
  static boolean budgetDependent(Anchors.Row row) {
    return row.get("notes").contains("depend on the cycle-search timeout");
  }

  @TestFactory
  @DisplayName("every Elle manifest row: validity, anomaly types in Elle's order, and the :not set")
  Stream<DynamicTest> manifest() {
    return Anchors.manifest("elle").stream()
        .filter(row -> !budgetDependent(row))
        .map(row -> DynamicTest.dynamicTest(row.relative() + " " + row.get("checker_options"), () -> {
          Expected e = Expected.of(row);
          TxnResult r = check(row, TxnOptions.fromEdn(row.get("checker_options")));
          assertAll(
              () -> assertEquals(e.validity(), r.validity(), "validity"),
              () -> assertEquals(e.types(), r.anomalyTypes(), "anomaly types, in Elle's order"),
              () -> assertEquals(e.not(), r.validity() == Validity.VALID ? Set.of() : r.not(), ":not"));
        }));
  }

  /**
   * huge-scc.edn: one strongly connected component of 1,161 transactions. Elle's search for
   * G-single-item-realtime (exponential) ran out of its one second, so it reported the timeout,
   * the strong-snapshot-isolation cycle its cycle-exists test proved, and its fallback cycle
   * (a G2-item-realtime). Our search finds the G-single-item-realtime within the default
   * budget: a read of key 7 as empty long after an append to 7 had committed.
   */
  @Test
  @DisplayName("huge-scc: the default budget finds the G-single-item-realtime that Elle's timed-out search missed")
  void hugeSccDefaultBudget() throws IOException {
    Anchors.Row row = hugeScc();
    Expected e = Expected.of(row);
    TxnResult r = check(row, TxnOptions.fromEdn(row.get("checker_options")));
    assertEquals(e.validity(), r.validity());
    assertEquals(e.not(), r.not());
    assertEquals(List.of("G-single-item-realtime"), r.anomalyTypes());
    Anomaly a = r.anomalies().get("G-single-item-realtime").get(0);
    assertEquals(1, a.steps().stream().filter(s -> "rw".equals(s.relation())).count(), a.describe());
    assertTrue(a.steps().stream().anyMatch(s -> "realtime".equals(s.relation())), a.describe());
  }

  @Test
  @DisplayName("huge-scc: a budget that runs out in the first search reports the timeout and the model a cycle violates, as Elle")
  void hugeSccTimeout() throws IOException {
    Anchors.Row row = hugeScc();
    Expected e = Expected.of(row);
    TxnResult r = check(row, TxnOptions.fromEdn(row.get("checker_options")).withCycleSearchStepsMax(1_000));
    assertEquals(e.validity(), r.validity());
    assertEquals(e.not(), r.not());
    // Elle's list also has the type of its fallback cycle (G2-item-realtime); ours is evidence
    // inside the timeout anomaly, not a type of its own: it is an arbitrary cycle, not the worst.
    List<String> expected = new ArrayList<>(e.types());
    expected.remove("G2-item-realtime");
    assertEquals(expected, r.anomalyTypes());
    Anomaly timeout = r.anomalies().get("cycle-search-timeout").get(0);
    assertEquals("G-single-item-realtime", timeout.details().get("anomalySpecType"));
    assertEquals(List.of(), timeout.details().get("doesNotContain"));
    assertTrue(((Number) timeout.details().get("sccSize")).intValue() > 1000, timeout.details().toString());
    assertTrue(timeout.transactions().size() >= 2, "the example cycle is evidence");
  }

  private static Anchors.Row hugeScc() {
    return Anchors.manifest("elle").stream().filter(TxnAnchorsTest::budgetDependent).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the manifest's expected anomaly lists are sorted by name, the order Elle reports them in")
  void manifestOrderIsByName() {
    for (Anchors.Row row : Anchors.manifest("elle")) {
      List<String> types = Expected.of(row).types();
      String[] sorted = types.toArray(new String[0]);
      Arrays.sort(sorted);
      assertEquals(Arrays.asList(sorted), types, row.relative());
    }
  }
}
