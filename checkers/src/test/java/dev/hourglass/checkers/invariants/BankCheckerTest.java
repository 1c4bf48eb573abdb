package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.linear.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BankCheckerTest {
  private static final String T = "0 ok! transfer {:from :a :to :b :amount 5}; ";

  private static InvariantResult check(String history) {
    return BankChecker.check(H.of(history));
  }

  private static InvariantResult check(String history, BankChecker.Options options) {
    return BankChecker.check(H.of(history), options);
  }

  @Test
  @DisplayName("reads that conserve the total, inferred from the first read, are valid")
  void valid() {
    InvariantResult r = check(T + "1 ok! read {:a 45 :b 55}; 0 fail! transfer {:from :b :to :a :amount 99}; "
        + "0 info! transfer {:from :b :to :a :amount 5}; 1 ok! read {:a 50 :b 50}");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(100, r.count("total"));
    assertEquals(3, r.count("transfers"));
    assertEquals(1, r.count("transfers-fail"));
    assertEquals(1, r.count("transfers-info"));
  }

  @Test
  @DisplayName("wrong total against a given total: the difference is reported")
  void wrongGivenTotal() {
    InvariantResult r = check(T + "1 ok! read {:a 45 :b 50}", BankChecker.Options.defaults().withTotal(100));
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.WRONG_TOTAL);
    assertEquals("balances sum to 95, not the total 100: -5", e.explanation());
    assertEquals(List.of(2L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("wrong total against the first read's: both reads are evidence")
  void wrongInferredTotal() {
    InvariantResult r = check("1 ok! read {:a 50 :b 50}; " + T + "1 ok! read {:a 50 :b 55}");
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.WRONG_TOTAL);
    assertEquals("balances sum to 105, not the total 100 (inferred from the first read, invoked at #0): +5", e.explanation());
    assertEquals(List.of(4L, 0L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("negative balances are violations unless allowed")
  void negative() {
    String h = T + "1 ok! read {:a -5 :b 105}";
    InvariantResult r = check(h, BankChecker.Options.defaults().withTotal(100));
    assertEquals("negative balance: a has -5", SetCheckerTest.only(r, Evidence.Kind.NEGATIVE_BALANCE).explanation());
    assertEquals(0, r.count("wrong-total"));
    assertEquals(Verdict.VALID, check(h, BankChecker.Options.defaults().withTotal(100).allowingNegativeBalances()).verdict());
  }

  @Test
  @DisplayName("a nil balance is reported and its read's total is not checked")
  void nilBalance() {
    InvariantResult r = check("1 ok! read {:a nil :b 100}; 1 ok! read {:a 50 :b 50}");
    assertEquals("account(s) a read nil; the total of this read is not checked",
        SetCheckerTest.only(r, Evidence.Kind.NIL_BALANCE).explanation());
    assertEquals(100, r.count("total")); // inferred from the first read without nil
    assertEquals(0, r.count("wrong-total"));
  }

  @Test
  @DisplayName("known accounts: unexpected and missing accounts; keywords and strings name the same account")
  void accounts() {
    Map<Object, Object> initial = new LinkedHashMap<>();
    initial.put("a", 50L);
    initial.put(new Keyword("b"), 50L);
    BankChecker.Options options = BankChecker.Options.defaults().withInitialBalances(initial);
    assertEquals(Verdict.VALID, check("1 ok! read {\"a\" 40 :b 60}", options).verdict());
    InvariantResult r = check("1 ok! read {:a 50 :c 50}", options);
    assertEquals("account(s) c are not among the bank's accounts a, b",
        SetCheckerTest.only(r, Evidence.Kind.UNEXPECTED_ACCOUNT).explanation());
    assertEquals("account(s) b are missing from the read", SetCheckerTest.only(r, Evidence.Kind.MISSING_ACCOUNT).explanation());
    assertEquals(0, r.count("wrong-total"));
    // integer accounts, as Jepsen's bank writes them
    assertEquals(Verdict.VALID, check("0 ok! transfer {:from 0 :to 1 :amount 3}; 1 ok! read {0 7 1 13}; 1 ok! read {0 10 1 10}").verdict());
  }

  @Test
  @DisplayName("info and fail reads are skipped; no ok read is unknown")
  void unknown() {
    InvariantResult r = check(T + "1 info! read; 1 fail! read");
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(2, r.count("reads-not-ok"));
  }

  @Test
  @DisplayName("string keys in transfers are accepted")
  void stringKeys() {
    assertEquals(Verdict.VALID, check("0 ok! transfer {\"from\" \"a\" \"to\" \"b\" \"amount\" 1}; 1 ok! read {:a 1}").verdict());
  }

  @Test
  @DisplayName("malformed transfers and reads name the operation and line")
  void malformed() {
    HistoryFormatException amount = assertThrows(HistoryFormatException.class,
        () -> check("1 ok! read {:a 1}; 0 ok! transfer {:from :a :to :b}"));
    assertEquals("<test>:2: operation p0 transfer {:from :a, :to :b} ok [#2..#3] does not fit the bank checker: "
        + "expected a map {:from a :to b :amount n} but found no :amount in {:from :a, :to :b}", amount.getMessage());
    HistoryFormatException vector = assertThrows(HistoryFormatException.class, () -> check("1 ok! read [50 50]"));
    assertTrue(vector.getMessage().contains("expected a map {account balance ...}"), vector.getMessage());
    HistoryFormatException balance = assertThrows(HistoryFormatException.class, () -> check("1 ok! read {:a \"50\"}"));
    assertTrue(balance.getMessage().endsWith("expected the balance of account a (an integer) but found \"50\""), balance.getMessage());
    HistoryFormatException twice = assertThrows(HistoryFormatException.class, () -> check("1 ok! read {:a 1 \"a\" 2}"));
    assertTrue(twice.getMessage().endsWith("account a appears twice (as a keyword and a string)"), twice.getMessage());
    assertThrows(HistoryFormatException.class, () -> check("0 ok! withdraw 5"));
    assertThrows(IllegalArgumentException.class, () -> BankChecker.Options.defaults().withInitialBalances(Map.of("a", "x")));
    assertThrows(IllegalArgumentException.class,
        () -> BankChecker.check(H.of("0 ok! transfer 5").operations(), BankChecker.Options.defaults()));
  }
}
