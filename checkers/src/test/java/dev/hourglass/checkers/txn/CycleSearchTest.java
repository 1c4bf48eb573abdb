package dev.hourglass.checkers.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cycle search at scale: large components, its budget, and evidence after a timeout. */
class CycleSearchTest {
  private static final Keyword APPEND = Keyword.of("append");
  private static final Keyword READ = Keyword.of("r");

  private static List<Object> mop(Keyword f, Object k, Object v) {
    return Collections.unmodifiableList(Arrays.asList(f, k, v));
  }

  /**
   * Elle's "unfindable G-single": a ring of 1,000 transactions chained by appends to :ring, the
   * last failing to see the first's append to :anti (one rw edge), awash in ~28,000 transactions
   * forming spurious G2-item cycles through the ring's first transaction.
   */
  static History hiddenGSingle() {
    int n = 1000;
    int noise = 30;
    History.Builder b = History.builder("unfindable-g-single");
    List<List<Object>> txns = new ArrayList<>();
    List<Integer> procs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object second = i == 0 ? mop(APPEND, Keyword.of("anti"), Keyword.of("first"))
          : i == n - 1 ? mop(READ, Keyword.of("anti"), null) : mop(APPEND, (long) i, 0L);
      txns.add(List.of(mop(APPEND, Keyword.of("ring"), (long) i), second));
      procs.add(0);
    }
    List<Object> all = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      all.add(i);
    }
    txns.add(List.of(mop(READ, Keyword.of("ring"), List.copyOf(all))));
    procs.add(1);
    for (int i = 1; i < n - 1; i++) {
      for (int j = 1; j < noise; j++) {
        List<Object> t;
        if (j == noise - 2) {
          List<Object> seen = new ArrayList<>();
          for (long e = 0; e < noise - 2; e++) {
            seen.add(e);
          }
          t = List.of(mop(READ, (long) i, List.copyOf(seen)), mop(READ, Keyword.of("anti-" + i), null));
        } else if (j == noise - 1) {
          t = List.of(mop(APPEND, Keyword.of("anti-" + i), 0L), mop(READ, Keyword.of("ring"), null));
        } else {
          t = List.of(mop(APPEND, (long) i, (long) j));
        }
        txns.add(t);
        procs.add(2);
      }
    }
    for (int k = 0; k < txns.size(); k++) {
      List<Object> invoke = new ArrayList<>();
      for (Object o : txns.get(k)) {
        List<?> m = (List<?>) o;
        invoke.add(m.get(0).equals(READ) ? mop(READ, m.get(1), null) : m);
      }
      b.add(procs.get(k), OpType.INVOKE, "txn", List.copyOf(invoke));
      b.add(procs.get(k), OpType.OK, "txn", txns.get(k));
    }
    return b.build();
  }

  @Test
  @DisplayName("a G-single among thousands of spurious G2-item cycles is found within the default budget")
  void hiddenGSingleIsFound() {
    TxnResult r = TxnChecker.check(hiddenGSingle(), Workload.LIST_APPEND, TxnOptions.fromEdn("{:consistency-models [:snapshot-isolation]}"));
    Expect.result(r, Validity.INVALID, List.of("G-single-item"), "consistent-view", "repeatable-read");
    Anomaly a = r.anomalies().get("G-single-item").get(0);
    assertTrue(a.transactions().size() >= 2, a.describe());
  }

  @Test
  @DisplayName("past its budget the search reports what it proved: the model a cycle violates, and the timeout")
  void budgetExhausted() {
    TxnResult r = TxnChecker.check(hiddenGSingle(), Workload.LIST_APPEND,
        TxnOptions.fromEdn("{:consistency-models [:snapshot-isolation]}").withCycleSearchStepsMax(10_000));
    // Elle's own result for this history (its search times out).
    Expect.result(r, Validity.INVALID, List.of("PL-SI-cycle-exists", "cycle-search-timeout"), "repeatable-read", "snapshot-isolation");
    Anomaly timeout = r.anomalies().get("cycle-search-timeout").get(0);
    assertEquals("G-single-item", timeout.details().get("anomalySpecType"));
    assertTrue(timeout.describe().contains("For example, this cycle"), timeout.describe());
    Anomaly exists = r.anomalies().get("PL-SI-cycle-exists").get(0);
    assertEquals("snapshot-isolation", exists.details().get("not"));
  }

  @Test
  @DisplayName("a write cycle through 100,000 transactions is found without deep recursion")
  void hugeWriteCycle() {
    int n = 100_000;
    History.Builder b = History.builder("ring");
    for (int j = 0; j < n; j++) {
      // T_j appends 1 to key j and 2 to key j-1: key j-1 is [1 2] = T_{j-1} then T_j.
      b.add(0, OpType.OK, "txn", List.of(mop(APPEND, (long) j, 1L), mop(APPEND, (long) ((j + n - 1) % n), 2L)));
    }
    for (int j = 0; j < n; j++) {
      b.add(1, OpType.OK, "txn", List.of(mop(READ, (long) j, List.of(1L, 2L))));
    }
    TxnResult r = TxnChecker.check(b.build(), Workload.LIST_APPEND, TxnOptions.fromEdn("{:consistency-models [:read-uncommitted]}"));
    Expect.result(r, Validity.INVALID, List.of("G0"), "read-uncommitted");
    assertEquals(n, r.anomalies().get("G0").get(0).transactions().size());
    assertEquals(1, r.cyclicComponents());
  }

  @Test
  @DisplayName("a single process running 200,000 transactions in a row: one long real-time chain, no stack overflow")
  void longChain() {
    History h = ListAppendGenerator.generate(ListAppendGenerator.Options.of(200_000, 1, 100, 7));
    TxnResult r = TxnChecker.check(h, Workload.LIST_APPEND);
    assertEquals(Validity.VALID, r.validity(), r.describe());
    assertEquals(0, r.cyclicComponents());
  }

  @Test
  @DisplayName("generated histories are strictly serializable; a planted stale read is caught")
  void generator() {
    for (long seed = 1; seed <= 5; seed++) {
      History h = ListAppendGenerator.generate(5_000, 10, 20, seed);
      TxnResult r = TxnChecker.check(h, Workload.LIST_APPEND);
      assertEquals(Validity.VALID, r.validity(), "seed " + seed + "\n" + r.describe());
      assertTrue(r.edges() > 5_000, "dependencies were inferred: " + r.edges());
    }
    History bad = ListAppendGenerator.generate(ListAppendGenerator.Options.of(5_000, 10, 20, 1).withPlantStaleRead(true));
    TxnResult r = TxnChecker.check(bad, Workload.LIST_APPEND);
    assertEquals(Validity.INVALID, r.validity(), r.describe());
    assertNotEquals(List.of(), r.anomalyTypes());
  }
}
