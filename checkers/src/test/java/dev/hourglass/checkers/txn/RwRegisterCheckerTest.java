package dev.hourglass.checkers.txn;

import static dev.hourglass.checkers.txn.Expect.result;
import static dev.hourglass.checkers.txn.Expect.valid;
import static dev.hourglass.checkers.txn.Validity.INVALID;
import static dev.hourglass.checkers.txn.Validity.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rw-register: one scenario per anomaly and per version-order source, most after Elle's own
 * test cases, in the notation of {@link TxnHist} ({@code wx1} writes 1, {@code rx_} reads nil).
 */
class RwRegisterCheckerTest {
  private static TxnResult check(TxnHist h, String options) {
    return Expect.check(h.build(), Workload.RW_REGISTER, options);
  }

  private static TxnHist rw() {
    return TxnHist.rwRegister();
  }

  @Test
  @DisplayName("internal: a read must return the transaction's own last read or write of the key")
  void internal() {
    String o = "{:consistency-models nil, :anomalies [:internal]}";
    valid(check(rw().ok("ry2wx2rx2wx1rx1").ok("wy2"), o));
    TxnResult stale = check(rw().ok("rx1wx2rx1"), o);
    assertEquals(2L, stale.anomalies().get("internal").get(0).details().get("expected"));
    TxnResult nilRead = check(rw().ok("rx_rx2"), o);
    assertTrue(nilRead.anomalyTypes().contains("internal"), nilRead.describe());
    assertEquals(null, nilRead.anomalies().get("internal").get(0).details().get("expected"));
    result(check(rw().ok("rx1rx2"), o), INVALID, List.of("empty-transaction-graph", "internal"), "read-atomic");
  }

  @Test
  @DisplayName("G1a: a committed read of a value only a failed transaction wrote")
  void g1a() {
    result(check(rw().ok("rx1").fail(0, "wx1"), "{:consistency-models nil, :anomalies [:G1]}"), INVALID,
        List.of("G1a", "empty-transaction-graph"), "read-committed");
    assertFalse(check(rw().ok("wx1").ok("rx1"), "{:consistency-models nil, :anomalies [:G1]}").anomalyTypes().contains("G1a"));
  }

  @Test
  @DisplayName("G1b: a read of a value its writer overwrote within itself")
  void g1b() {
    TxnHist h = rw().ok("wx1wx2").ok("rx1");
    result(check(h, "{:consistency-models nil, :anomalies [:G0]}"), UNKNOWN, List.of("empty-transaction-graph"), "read-committed");
    result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G1b", "empty-transaction-graph"),
        "read-committed");
    result(check(h, "{:consistency-models [:repeatable-read]}"), INVALID, List.of("G1b", "empty-transaction-graph"),
        "read-committed");
    assertFalse(check(rw().ok("wx1wx2").ok("rx_rx2"), "{:consistency-models nil, :anomalies [:G1]}").anomalyTypes().contains("G1b"));
  }

  @Test
  @DisplayName("G0: writes of :x and :y in opposite orders, visible only with sequential keys")
  void g0SequentialKeys() {
    TxnHist invocations = rw().invoke(0, "wx1wy2").invoke(1, "wx2wy1");
    result(check(invocations, "{:consistency-models nil, :anomalies [:G0]}"), UNKNOWN, List.of("empty-transaction-graph"));
    TxnHist h = rw().pair(0, "wx1wy2").pair(1, "wx2wy1").pair(0, "rx2").pair(1, "ry2");
    result(check(h, "{:consistency-models nil, :anomalies [:G0], :sequential-keys? true}"), INVALID, List.of("G0"),
        "read-uncommitted");
  }

  @Test
  @DisplayName("G1c: each transaction reads the other's write")
  void g1c() {
    TxnHist h = rw().ok("wx1ry1").ok("wy1rx1");
    valid(check(h, "{:consistency-models nil, :anomalies [:G0]}"));
    valid(check(h, "{:consistency-models [:read-uncommitted]}"));
    result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G1c"), "read-committed");
    result(check(h, "{:consistency-models [:read-committed]}"), INVALID, List.of("G1c"), "read-committed");
    valid(check(h, "{:consistency-models nil, :anomalies [:G2]}"));
    TxnResult r = result(check(h, "{:consistency-models [:serializable]}"), INVALID, List.of("G1c"), "read-committed");
    assertTrue(r.describe().contains("T2 read :x = 1, which T1 wrote."), r.describe());
  }

  @Test
  @DisplayName("G-single-item from the initial state: nil precedes every value")
  void initialState() {
    // One process with two operations open at once: Elle's test history, read leniently.
    TxnHist h = rw().invoke(0, "rx_ry1").invoke(0, "wy1wx2").complete(0, OpType.OK, "wy1wx2").complete(0, OpType.OK, "rx_ry1");
    result(check(h, "{:consistency-models [:serializable]}"), INVALID, List.of("G-single-item"), "consistent-view",
        "repeatable-read");
  }

  @Test
  @DisplayName("writes follow reads: reading y=1 and writing y=2 orders 1 before 2")
  void wfr() {
    TxnHist h = rw().ok("ry1wx1wy2").ok("rx1ry1");
    valid(check(h, "{:wfr-keys? false, :consistency-models [:serializable]}"));
    result(check(h, "{:wfr-keys? true, :consistency-models [:serializable]}"), INVALID, List.of("G-single-item"),
        "consistent-view", "repeatable-read");
  }

  @Test
  @DisplayName("cyclic-versions: sequential keys order 1 < 2 and then 2 < 1")
  void cyclicVersions() {
    TxnResult r = result(check(rw().pair(0, "wx1").pair(0, "wx2").pair(0, "rx1"), "{:sequential-keys? true}"), INVALID,
        List.of("cyclic-versions"), "read-uncommitted");
    Anomaly a = r.anomalies().get("cyclic-versions").get(0);
    assertEquals(List.of("initial-state", "sequential-keys"), a.details().get("sources"));
  }

  @Test
  @DisplayName("linearizable keys: a read of 2 between a write of 1 and a read of 1 makes the version order cyclic")
  void linearizableKeys() {
    valid(check(rw().pair(0, "wx1").pair(0, "rx2"), "{:consistency-models [:strict-serializable], :linearizable-keys? true}"));
    result(check(rw().pair(0, "wx1").pair(0, "rx2").pair(0, "rx1"),
        "{:consistency-models [:strict-serializable], :linearizable-keys? true}"), INVALID, List.of("cyclic-versions"),
        "read-uncommitted");
  }

  @Test
  @DisplayName("a rejected version source is reported once per cycle; the rest still yields G1c-realtime")
  void rejectedSource() {
    TxnHist h = rw().pair(0, "rx1").pair(0, "rx_").pair(0, "rx4wx3").pair(0, "wx4");
    TxnResult r = result(check(h, "{:consistency-models [:strong-serializable], :wfr-keys? true, :linearizable-keys? true}"),
        INVALID, List.of("G1c-realtime", "cyclic-versions"), "read-uncommitted");
    assertEquals(2, r.anomalies().get("cyclic-versions").size());
    assertEquals(List.of("initial-state", "wfr-keys", "linearizable-keys"),
        r.anomalies().get("cyclic-versions").get(0).details().get("sources"));
  }

  @Test
  @DisplayName("G2-item under linearizable keys is not a read-committed violation")
  void g2ItemLinearizable() {
    TxnHist h = rw().invoke(0, "rx1ry1").complete(0, OpType.OK, "rx1ry1").invoke(1, "rx1wy2").invoke(2, "ry1wx2")
        .complete(2, OpType.OK, "ry1wx2").complete(1, OpType.OK, "rx1wy2");
    valid(check(h, "{:consistency-models [:read-committed], :linearizable-keys? true}"));
    result(check(h, "{:consistency-models nil, :anomalies [:G2], :linearizable-keys? true}"), INVALID, List.of("G2-item"),
        "repeatable-read");
  }

  @Test
  @DisplayName("lost update: two committed transactions read x=0 and both write x")
  void lostUpdate() {
    result(check(rw().pair(0, "rx0wx1").pair(1, "rx0wx2"), "{}"), INVALID, List.of("lost-update"), "cursor-stability",
        "update-atomic");
  }

  @Test
  @DisplayName("real-time version inference sees through empty and unrelated transactions")
  void linearizableThroughEmptyTransactions() {
    History h = HistoryReader.readText("""
        {:index 1, :time 33189116, :type :invoke, :process 0, :f :txn, :value []}
        {:index 2, :time 34621247, :type :ok, :process 0, :f :txn, :value []}
        {:index 3, :time 36022782, :type :invoke, :process 0, :f :txn, :value [[:r 1 nil]]}
        {:index 4, :time 36230324, :type :invoke, :process 1, :f :txn, :value [[:w 1 4]]}
        {:index 5, :time 36827540, :type :invoke, :process 2, :f :txn, :value []}
        {:index 320, :time 37708797, :type :ok, :process 0, :f :txn, :value [[:r 1 nil]]}
        {:index 322, :time 37894295, :type :ok, :process 1, :f :txn, :value [[:w 1 4]]}
        {:index 323, :time 37992467, :type :ok, :process 2, :f :txn, :value []}
        {:index 324, :time 38532405, :type :invoke, :process 0, :f :txn, :value []}
        {:index 325, :time 39475568, :type :ok, :process 0, :f :txn, :value []}
        {:index 326, :time 39956694, :type :invoke, :process 0, :f :txn, :value [[:r 1 nil]]}
        {:index 327, :time 40746079, :type :ok, :process 0, :f :txn, :value [[:r 1 4]]}
        """, "elle-cyclic-versions-bug.edn", HistoryFormat.EDN);
    valid(Expect.check(h, Workload.RW_REGISTER, "{:consistency-models [:serializable], :linearizable-keys? true}"));
  }

  @Test
  @DisplayName("a value written by two committed transactions and read is an input error")
  void duplicateWrites() {
    History h = rw().ok("wx1").ok("wx1").ok("rx1").build();
    var e = org.junit.jupiter.api.Assertions.assertThrows(dev.hourglass.checkers.HistoryFormatException.class,
        () -> TxnChecker.check(h, Workload.RW_REGISTER));
    assertTrue(e.getMessage().contains("written by two ok transactions"), e.getMessage());
  }
}
