package dev.hourglass.checkers.txn;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hourglass.checkers.History;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Assertions on transactional check results, for the checker tests. */
final class Expect {
  private Expect() {}

  static TxnResult check(History h, Workload w, String options) {
    return TxnChecker.check(h, w, TxnOptions.fromEdn(options));
  }

  /** The result is {@code validity} with exactly {@code types} (Elle's order) and {@code :not} = {@code not}. */
  static TxnResult result(TxnResult r, Validity validity, List<String> types, String... not) {
    assertAll(
        () -> assertEquals(validity, r.validity(), "validity\n" + r.describe()),
        () -> assertEquals(types, r.anomalyTypes(), "anomaly types\n" + r.describe()),
        () -> assertEquals(new TreeSet<>(Set.of(not)), r.not(), ":not\n" + r.describe()));
    return r;
  }

  static TxnResult valid(TxnResult r) {
    return result(r, Validity.VALID, List.of());
  }
}
