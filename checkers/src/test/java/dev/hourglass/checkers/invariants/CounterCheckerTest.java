package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.linear.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {
  private static InvariantResult check(String history) {
    return CounterChecker.check(H.of(history));
  }

  @Test
  @DisplayName("reads equal to the sum of completed increments are valid")
  void valid() {
    InvariantResult r = check("0 ok! add 1; 0 ok! add 2; 1 ok! read 3; 1 ok! add 4; 0 ok! read 7");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(3, r.count("adds-ok"));
    assertEquals(2, r.count("reads"));
  }

  @Test
  @DisplayName("a read concurrent with an increment may or may not include it")
  void concurrent() {
    assertEquals(Verdict.VALID, check("0 i add 5; 1 ok! read 0; 1 ok! read 5; 0 ok add 5").verdict());
  }

  @Test
  @DisplayName("too high: more than every increment invoked before the read completed")
  void tooHigh() {
    InvariantResult r = check("0 ok! add 1; 1 ok! read 2");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.OUT_OF_BOUNDS);
    assertEquals("read 2, outside the allowed [1, 1] (1 too high): 1 add(s) were acknowledged before it was invoked (#2)"
        + " and 0 more may have applied before it completed (#3)", e.explanation());
    assertEquals(List.of(2L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("too low: less than the increments acknowledged before the read was invoked")
  void tooLow() {
    InvariantResult r = check("0 ok! add 1; 0 ok! add 1; 0 i add 3; 1 ok! read 1");
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.OUT_OF_BOUNDS);
    assertTrue(e.explanation().startsWith("read 1, outside the allowed [2, 5] (1 too low)"), e.explanation());
    assertEquals(1, r.count("out-of-bounds"));
  }

  @Test
  @DisplayName("an info increment may count or not, but not before it was invoked")
  void infoIncrement() {
    assertEquals(Verdict.VALID, check("0 info! add 5; 1 ok! read 0; 1 ok! read 5; 1 ok! read 0").verdict());
    assertEquals(Verdict.INVALID, check("0 info! add 5; 1 ok! read 6").verdict());
    assertEquals(Verdict.INVALID, check("1 ok! read 5; 0 info! add 5").verdict());
    assertEquals(Verdict.VALID, check("0 i add 5; 1 ok! read 5").verdict()); // never completed: info
  }

  @Test
  @DisplayName("a failed increment never counts")
  void failedIncrement() {
    InvariantResult r = check("0 fail! add 5; 1 ok! read 5");
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.count("adds-fail"));
    assertEquals(Verdict.VALID, check("0 fail! add 5; 1 ok! read 0").verdict());
  }

  @Test
  @DisplayName("decrements: an optional decrement lowers the lower bound, an acknowledged one the upper")
  void decrements() {
    String pending = "0 ok! add 10; 0 i add -3; ";
    assertEquals(Verdict.VALID, check(pending + "1 ok! read 7; 1 ok! read 10; 0 ok add -3; 1 ok! read 7").verdict());
    Evidence low = SetCheckerTest.only(check(pending + "1 ok! read 6"), Evidence.Kind.OUT_OF_BOUNDS);
    assertTrue(low.explanation().startsWith("read 6, outside the allowed [7, 10] (1 too low)"), low.explanation());
    Evidence high = SetCheckerTest.only(check(pending + "0 ok add -3; 1 ok! read 10"), Evidence.Kind.OUT_OF_BOUNDS);
    assertTrue(high.explanation().startsWith("read 10, outside the allowed [7, 7] (3 too high)"), high.explanation());
    // mixed optional adds: [10 - 3, 10 + 4]
    Evidence mixed = SetCheckerTest.only(check(pending + "2 i add 4; 1 ok! read 15"), Evidence.Kind.OUT_OF_BOUNDS);
    assertTrue(mixed.explanation().startsWith("read 15, outside the allowed [7, 14]"), mixed.explanation());
  }

  @Test
  @DisplayName("an initial value shifts both bounds")
  void initialValue() {
    assertEquals(Verdict.VALID, CounterChecker.check(H.of("0 ok! add 1; 1 ok! read 101"), 100).verdict());
    assertEquals(Verdict.INVALID, CounterChecker.check(H.of("0 ok! add 1; 1 ok! read 1"), 100).verdict());
  }

  @Test
  @DisplayName("no ok read: unknown; info and fail reads are skipped")
  void unknown() {
    InvariantResult r = check("0 ok! add 1; 1 info! read; 1 fail! read");
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(2, r.count("reads-not-ok"));
    assertEquals("no read completed ok", r.unknownReason().orElseThrow());
  }

  @Test
  @DisplayName("malformed: non-integer amounts and reads name the operation and line")
  void malformed() {
    HistoryFormatException amount = assertThrows(HistoryFormatException.class, () -> check("0 ok! add 1; 0 ok! add :x"));
    assertEquals("<test>:2: operation p0 add :x ok [#2..#3] does not fit the counter checker: "
        + "expected the amount to add (an integer) but found :x", amount.getMessage());
    HistoryFormatException read = assertThrows(HistoryFormatException.class, () -> check("1 i read; 1 ok read 1.5"));
    assertEquals(2, read.line());
    HistoryFormatException nil = assertThrows(HistoryFormatException.class, () -> check("1 ok! read nil"));
    assertTrue(nil.getMessage().endsWith("expected the value read (an integer) but found nil"), nil.getMessage());
    assertThrows(HistoryFormatException.class, () -> check("0 ok! increment 1"));
    assertThrows(IllegalArgumentException.class, () -> CounterChecker.check(H.of("0 ok! add \"1\"").operations(), 0));
  }
}
