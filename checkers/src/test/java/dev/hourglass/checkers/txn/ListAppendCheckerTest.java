package dev.hourglass.checkers.txn;

import static dev.hourglass.checkers.txn.Expect.result;
import static dev.hourglass.checkers.txn.Expect.valid;
import static dev.hourglass.checkers.txn.Validity.INVALID;
import static dev.hourglass.checkers.txn.Validity.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * List-append: one scenario per anomaly, most after Elle's own test cases, in the compact
 * notation of {@link TxnHist} ({@code ax1} appends 1 to :x, {@code rx12} reads [1 2]).
 */
class ListAppendCheckerTest {
  private static TxnResult check(TxnHist h, String options) {
    return Expect.check(h.build(), Workload.LIST_APPEND, options);
  }

  private static TxnHist la() {
    return TxnHist.listAppend();
  }

  @Test
  @DisplayName("G0: :x orders T1 before T2 and :y orders T2 before T1, a cycle of writes")
  void g0() {
    TxnHist h = la().ok("ax1ay1").ok("ax2ay2").ok("rx12ry21");
    TxnResult r = result(check(h, "{:consistency-models nil, :anomalies [:G0]}"), INVALID, List.of("G0"), "read-uncommitted");
    Anomaly a = r.anomalies().get("G0").get(0);
    assertEquals(2, a.transactions().size());
    assertEquals(List.of("ww", "ww"), a.details().get("relations"));
    assertTrue(a.describe().contains("T2 appended 2 to :x after T1's append of 1"), a.describe());
    result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G0"), "read-uncommitted");
    valid(check(h, "{:consistency-models nil, :anomalies [:G2]}"));
  }

  @Test
  @DisplayName("G1a: a committed read sees an append of a failed transaction")
  void g1a() {
    TxnHist h = la().fail(0, "ax1").ok("rx1");
    result(check(h, "{:consistency-models [:read-uncommitted]}"), UNKNOWN, List.of("empty-transaction-graph"), "read-committed");
    result(check(h, "{:consistency-models [:read-committed]}"), INVALID, List.of("G1a", "empty-transaction-graph"), "read-committed");
    result(check(h, "{:consistency-models nil, :anomalies [:G2]}"), UNKNOWN, List.of("empty-transaction-graph"), "read-committed");
    TxnResult r = result(check(h, "{:consistency-models [:repeatable-read]}"), INVALID, List.of("G1a", "empty-transaction-graph"),
        "read-committed");
    Anomaly a = r.anomalies().get("G1a").get(0);
    assertEquals(1L, a.details().get("element"));
    assertEquals(List.of("T1", "T2"), a.transactions().stream().map(Anomaly.Txn::name).toList());
  }

  @Test
  @DisplayName("G1b: T2 reads [1], the state between T1's appends of 1 and 2 — also a G-single-item")
  void g1b() {
    TxnHist h = la().pair(0, "ax1ax2").pair(0, "rx1");
    valid(check(h, "{:consistency-models nil, :anomalies [:G0]}"));
    result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G1b"), "read-committed");
    result(check(h, "{:consistency-models nil, :anomalies [:G2]}"), INVALID, List.of("G-single-item"), "read-committed");
    result(check(h, "{:consistency-models [:strict-serializable]}"), INVALID, List.of("G-single-item", "G1b"), "read-committed");
  }

  @Test
  @DisplayName("G1b: a transaction may read its own intermediate state")
  void g1bInternalRead() {
    valid(check(la().ok("ax1rx1ax2").ok("rx12"), "{:consistency-models [:strict-serializable]}"));
  }

  @Test
  @DisplayName("G1c: T2 appends to :x after T1, yet T1 read T2's append to :y")
  void g1c() {
    TxnHist h = la().ok("ax1ry1").ok("ax2ay1").ok("rx12ry1");
    valid(check(h, "{:consistency-models nil, :anomalies [:G0]}"));
    TxnResult r = result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G1c"), "read-committed");
    assertEquals(List.of("wr", "ww").stream().sorted().toList(),
        ((List<?>) r.anomalies().get("G1c").get(0).details().get("relations")).stream().map(Object::toString).sorted().toList());
    valid(check(h, "{:consistency-models nil, :anomalies [:G2]}"));
  }

  @Test
  @DisplayName("G-single-item: T2 read :y empty but T1 appended to :y and T1's append to :x precedes T2's")
  void gSingle() {
    TxnHist h = la().ok("ax1ay1").ok("ax2ry").ok("rx12");
    valid(check(h, "{:consistency-models nil, :anomalies [:G0]}"));
    valid(check(h, "{:consistency-models nil, :anomalies [:G1]}"));
    TxnResult r = result(check(h, "{:consistency-models nil, :anomalies [:G-single]}"), INVALID, List.of("G-single-item"),
        "consistent-view", "repeatable-read");
    Anomaly a = r.anomalies().get("G-single-item").get(0);
    assertEquals("rw", a.steps().get(0).relation(), "the cycle starts at its anti-dependency");
    assertTrue(a.steps().get(0).text().startsWith("T1 < T2 (rw): T1 read :y as empty"), a.describe());
    result(check(h, "{:consistency-models nil, :anomalies [:G2]}"), INVALID, List.of("G-single-item"), "consistent-view",
        "repeatable-read");
  }

  @Test
  @DisplayName("G2-item: each transaction misses the other's append (write skew)")
  void g2Item() {
    TxnHist h = la().ok("ax1ry").ok("ay1rx");
    valid(check(h, "{:consistency-models nil, :anomalies [:G0]}"));
    valid(check(h, "{:consistency-models nil, :anomalies [:G1]}"));
    valid(check(h, "{:consistency-models [:read-committed]}"));
    for (String o : List.of("{:consistency-models nil, :anomalies [:G2]}", "{:consistency-models [:serializable]}",
        "{:consistency-models [:repeatable-read]}")) {
      result(check(h, o), INVALID, List.of("G2-item"), "repeatable-read");
    }
  }

  @Test
  @DisplayName("G-single-item-realtime: a read of [1] begins after the append of 2 completed")
  void realtime() {
    TxnHist h = la().pair(0, "ax1").pair(1, "ax2").pair(2, "rx1").pair(3, "rx12");
    valid(check(h, "{:consistency-models nil, :anomalies [:G2]}"));
    valid(check(h, "{:consistency-models [:serializable]}"));
    TxnResult r = result(check(h, "{:consistency-models [:strict-serializable]}"), INVALID, List.of("G-single-item-realtime"),
        "strong-snapshot-isolation");
    assertEquals(List.of("rw", "realtime"), r.anomalies().get("G-single-item-realtime").get(0).details().get("relations"));
  }

  @Test
  @DisplayName("G-single-item-process: process 1 appended 2 and then read [1]")
  void process() {
    TxnHist h = la().pair(0, "ax1").pair(1, "ax2").pair(1, "rx1").pair(2, "rx12");
    valid(check(h, "{:consistency-models [:serializable]}"));
    result(check(h, "{:consistency-models [:strong-session-snapshot-isolation]}"), INVALID, List.of("G-single-item-process"),
        "strong-session-snapshot-isolation");
  }

  @Test
  @DisplayName("G-nonadjacent-item-process: two anti-dependencies apart, closed by process order")
  void nonadjacentProcess() {
    TxnHist h = la().pair(0, "rxrz1").pair(1, "ax1").pair(1, "rz").pair(2, "az1");
    valid(check(h, "{:consistency-models [:serializable]}"));
    result(check(h, "{:consistency-models [:strong-session-snapshot-isolation]}"), INVALID,
        List.of("G-nonadjacent-item-process"), "strong-session-snapshot-isolation");
  }

  @Test
  @DisplayName("G1c-process: T1 read T3's append, and process 2 ran T2 (which read T1's) before T3")
  void g1cProcess() {
    TxnHist h = la().pair(1, "rx1ay1").pair(2, "ry1").pair(2, "ax1");
    result(check(h, "{:consistency-models [:strong-session-snapshot-isolation]}"), INVALID, List.of("G1c-process"),
        "strong-session-read-committed");
  }

  @Test
  @DisplayName("G-nonadjacent-item: rw, wr, rw, wr — no two anti-dependencies adjacent")
  void nonadjacent() {
    TxnHist h = la().pair(0, "ax1").pair(0, "rx1ry").pair(0, "ay1").pair(0, "ry1rx");
    TxnResult r = result(check(h, "{}"), INVALID, List.of("G-nonadjacent-item"), "repeatable-read", "snapshot-isolation");
    assertEquals(List.of("rw", "wr", "rw", "wr"), r.anomalies().get("G-nonadjacent-item").get(0).details().get("relations"));
    result(check(la().pair(0, "ax1at1").pair(0, "rx1ry").pair(0, "ay1az2").pair(0, "rz2rt"), "{:consistency-models [:repeatable-read]}"),
        INVALID, List.of("G-nonadjacent-item"), "repeatable-read", "snapshot-isolation");
  }

  @Test
  @DisplayName("rw rw wr rw wr: two anti-dependencies are adjacent, so snapshot isolation holds")
  void adjacentAntiDependenciesAreNotNonadjacent() {
    TxnHist h = la().pair(0, "rx5ay1").pair(0, "ryaz2").pair(0, "rzat3").pair(0, "rt3au4").pair(0, "ruax5");
    valid(check(h, "{:consistency-models [:snapshot-isolation]}"));
  }

  @Test
  @DisplayName("G-single-item and G0 together: appends never read come after the last element read")
  void unobservedAppends() {
    TxnHist h = la().invoke(0, "ax1ay1").invoke(0, "ax2ay2").invoke(0, "ax3ay3").invoke(0, "rx12").invoke(0, "ry2")
        .complete(0, dev.hourglass.checkers.OpType.OK, "ax1ay1").complete(0, dev.hourglass.checkers.OpType.OK, "ax2ay2")
        .complete(0, dev.hourglass.checkers.OpType.OK, "ax3ay3").complete(0, dev.hourglass.checkers.OpType.OK, "rx12")
        .complete(0, dev.hourglass.checkers.OpType.OK, "ry2");
    result(check(h, "{:consistency-models [:serializable]}"), INVALID, List.of("G-single-item", "G0"), "read-uncommitted");
  }

  @Test
  @DisplayName("repeatable read: G-single-item is ruled out by it, not only by consistent view")
  void repeatableReadGSingle() {
    result(check(la().pair(0, "ax1ay1").pair(0, "rx1ry"), "{:consistency-models [:repeatable-read]}"), INVALID,
        List.of("G-single-item"), "consistent-view", "repeatable-read");
  }

  @Test
  @DisplayName("lost update: two transactions read :x = [0] and both append to it")
  void lostUpdate() {
    TxnResult r = result(check(la().pair(0, "ax0").pair(0, "rx0ax1").pair(0, "rx0ax2"), "{}"), INVALID,
        List.of("G2-item", "lost-update"), "cursor-stability", "update-atomic");
    Anomaly a = r.anomalies().get("lost-update").get(0);
    assertEquals(List.of(0L), a.details().get("value"));
    assertEquals(2, a.transactions().size());
    valid(check(la().pair(0, "rxax1ax2").pair(0, "rx12"), "{}"));
  }

  @Test
  @DisplayName("incompatible-order: [1 3] and [1 2 3] cannot both be prefixes of one order")
  void incompatibleOrder() {
    TxnHist h = la().ok("ax1ry1").ok("ax2").ok("ax3ay1").ok("rx13").ok("rx123");
    TxnResult r = result(check(h, "{:consistency-models nil, :anomalies [:G1]}"), INVALID, List.of("G1c", "incompatible-order"),
        "read-committed");
    assertEquals(List.of(List.of(1L, 3L), List.of(1L, 2L, 3L)), r.anomalies().get("incompatible-order").get(0).details().get("values"));
  }

  @Test
  @DisplayName("dirty update: a committed append follows a failed one in the version order")
  void dirtyUpdate() {
    String o = "{:consistency-models nil, :anomalies [:dirty-update]}";
    result(check(la().fail(0, "ax1"), o), UNKNOWN, List.of("empty-transaction-graph"));
    TxnResult direct = result(check(la().fail(0, "ax1").ok(1, "ax2").ok(2, "rx12"), o), INVALID, List.of("dirty-update"),
        "read-committed");
    assertEquals(List.of(1L, 2L), direct.anomalies().get("dirty-update").get(0).details().get("values"));
    TxnResult indirect = result(check(la().fail(0, "ax1").info(1, "ax2").ok(2, "ax3").ok(3, "rx123"), o), INVALID,
        List.of("dirty-update"), "read-committed");
    assertEquals(List.of(1L, 2L, 3L), indirect.anomalies().get("dirty-update").get(0).details().get("values"));
  }

  @Test
  @DisplayName("duplicate-elements: a read returns 1 twice")
  void duplicateElements() {
    TxnResult r = result(check(la().ok("ax1ry1").ok("ax2ay1").ok("rx121"), "{:consistency-models [:read-committed]}"), INVALID,
        List.of("G1c", "duplicate-elements"), "read-uncommitted");
    assertEquals(Map.of("1", 2), r.anomalies().get("duplicate-elements").get(0).details().get("duplicates"));
  }

  @Test
  @DisplayName("internal: after appending 3, a transaction reads :x ending in 4")
  void internal() {
    result(check(la().ok("ax1ax2ax4").ok("ax3rx1234"), "{:consistency-models nil, :anomalies [:internal]}"), INVALID,
        List.of("internal"), "read-uncommitted");
  }

  @Test
  @DisplayName("internal: reads that disagree with the transaction's own read and append")
  void internalCases() {
    String o = "{:consistency-models nil, :anomalies [:internal]}";
    for (String bad : List.of("rx12ax3rx12", "rx12ax3rx023", "rx12ax3rx1234", "rx12ax3rx1", "ax3rx1234", "ax3rx.")) {
      TxnResult r = check(la().ok(bad).ok("rx0123"), o);
      assertTrue(r.anomalyTypes().contains("internal"), bad + "\n" + r.describe());
    }
    TxnResult good = check(la().ok("ry56ax3rx123ax4rx1234"), o);
    assertTrue(!good.anomalyTypes().contains("internal"), good.describe());
  }

  @Test
  @DisplayName("internal: appending 6 to key 0 and then reading it as nil (integer keys)")
  void internalIntegerKeys() {
    History h = HistoryReader.readText("""
        {:type :invoke, :f :txn, :value [[:append 0 6] [:r 0 nil]], :process 1, :index 20, :time 1}
        {:type :ok, :f :txn, :value [[:append 0 6] [:r 0 nil]], :process 1, :index 21, :time 2}
        """, "fauna.edn", HistoryFormat.EDN);
    TxnResult r = Expect.check(h, Workload.LIST_APPEND, "{:consistency-models nil, :anomalies [:internal]}");
    assertEquals("[... 6]", r.anomalies().get("internal").get(0).details().get("expected"));
  }

  @Test
  @DisplayName("future-read: a transaction reads an element it only appends later")
  void futureRead() {
    result(check(la().pair(0, "rx1ax1"), "{:consistency-models [:read-committed]}"), INVALID,
        List.of("empty-transaction-graph", "future-read"), "read-committed");
    TxnResult r = check(la().pair(0, "ax1rx01ax0ax3"), "{:consistency-models [:read-committed]}");
    assertEquals(0L, r.anomalies().get("future-read").get(0).details().get("element"));
  }

  @Test
  @DisplayName("an info transaction's nil read says nothing: no anti-dependency from it")
  void infoNilReads() {
    valid(check(la().info(0, "ax2ry").ok(1, "ax1ay1").ok(2, "rx12ry1"), "{:consistency-models [:serializable]}"));
  }

  @Test
  @DisplayName("a key appended once and never read still has an order: [] then [x]")
  void singleAppendWithoutReads() {
    result(check(la().ok("rxay1").ok("ryax1"), "{:consistency-models [:serializable]}"), INVALID, List.of("G2-item"),
        "repeatable-read");
  }

  @Test
  @DisplayName("evidence is data: the JSON map names the transactions and each step's relation")
  void evidenceJson() {
    TxnResult r = check(la().ok("ax1ay1").ok("ax2ry").ok("rx12"), "{:consistency-models [:serializable]}");
    Map<String, Object> json = r.anomalies().get("G-single-item").get(0).toJson();
    assertEquals("G-single-item", json.get("type"));
    List<?> txns = (List<?>) json.get("transactions");
    assertEquals("T1", ((Map<?, ?>) txns.get(0)).get("name"));
    List<?> steps = (List<?>) json.get("steps");
    Map<?, ?> first = (Map<?, ?>) steps.get(0);
    assertEquals("rw", first.get("relation"));
    assertEquals(":y", first.get("key"));
    Map<String, Object> all = r.toJson();
    assertEquals("invalid", all.get("valid"));
    assertEquals(List.of("G-single-item"), all.get("anomalyTypes"));
  }
}
