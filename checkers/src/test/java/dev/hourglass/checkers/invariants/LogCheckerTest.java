package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.linear.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LogCheckerTest {
  private static InvariantResult check(String history) {
    return LogChecker.check(H.of(history));
  }

  @Test
  @DisplayName("growing prefixes of one order, every acknowledged entry in the reads after it: valid")
  void valid() {
    InvariantResult r = check("0 ok! append 1; 1 ok! read [1]; 0 ok! append 2; 1 i read; 0 ok! append 3; 1 ok read [1 2]; 2 ok! read [1 2 3]");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(3, r.count("stable"));
    assertEquals(3, r.count("longest-read"));
    assertEquals(Verdict.VALID, check("0 ok! enqueue :a; 1 ok! read [:a]").verdict()); // enqueue is a synonym
  }

  @Test
  @DisplayName("lost: an acknowledged entry missing from the final read")
  void lost() {
    // append 1 #0-1, append 2 #2-3, read #4-5 has both, final read #6-7 has only 1 (a prefix: only the loss is reported)
    InvariantResult r = check("0 ok! append 1; 0 ok! append 2; 1 ok! read [1 2]; 1 ok! read [1]");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.LOST);
    assertTrue(e.explanation().startsWith("entry 2 was known present from #3 (append ok)"), e.explanation());
    assertEquals(List.of(2L, 4L, 6L), SetCheckerTest.invokes(e));
    assertEquals(0, r.count("incompatible-order"));
  }

  @Test
  @DisplayName("stale: a read invoked after an append's ok must contain it, even if a later read does")
  void staleIsAViolation() {
    InvariantResult r = check("0 ok! append 1; 1 ok! read []; 1 ok! read [1]");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.STALE);
    assertTrue(e.violation());
    assertEquals(List.of(0L, 2L, 4L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("reads concurrent with an append may or may not contain it; appended after every read: never-read")
  void concurrentAndNeverRead() {
    InvariantResult r = check("0 i append 1; 1 ok! read []; 1 ok! read [1]; 0 ok append 1; 2 i read; 0 ok! append 2; 2 ok read [1]");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(1, r.count("never-read"));
    assertEquals(Verdict.UNKNOWN, check("0 ok! append 1").verdict());
  }

  @Test
  @DisplayName("incompatible order: two reads of which neither is a prefix of the other")
  void incompatibleOrder() {
    InvariantResult r = check("0 i append 1; 1 i append 2; 0 ok append 1; 1 ok append 2; 2 ok! read [1 2]; 3 ok! read [2 1]");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.INCOMPATIBLE_ORDER);
    assertEquals("the read invoked at #6 has 2 at index 0 where the longest read (invoked at #4) has 1: "
        + "neither is a prefix of the other", e.explanation());
    assertEquals(List.of(6L, 4L), SetCheckerTest.invokes(e));

    // a fork after a common prefix, the longest read as reference
    InvariantResult fork = check("0 info! append 1; 0 info! append 2; 0 info! append 3; 0 info! append 4; "
        + "1 ok! read [1 2 3]; 2 ok! read [1 2 4 3]");
    Evidence f = SetCheckerTest.only(fork, Evidence.Kind.INCOMPATIBLE_ORDER);
    assertTrue(f.explanation().startsWith("the read invoked at #8 has 3 at index 2 where the longest read (invoked at #10) has 4"),
        f.explanation());
  }

  @Test
  @DisplayName("duplicated: an entry more often than it was appended")
  void duplicated() {
    Evidence e = SetCheckerTest.only(check("0 ok! append 1; 1 ok! read [1 1]"), Evidence.Kind.DUPLICATED);
    assertEquals("entry 1 appears 2 times in one read", e.explanation());
    assertEquals(Verdict.VALID, check("0 ok! append 1; 0 ok! append 1; 1 ok! read [1 1]").verdict());
    assertEquals("entry 1 appears 3 times in one read (appended 2 times)",
        SetCheckerTest.only(check("0 ok! append 1; 0 ok! append 1; 1 ok! read [1 1 1]"), Evidence.Kind.DUPLICATED).explanation());
  }

  @Test
  @DisplayName("unexpected: never appended, or only by failed appends; an info append may appear")
  void unexpectedAndInfo() {
    assertEquals("entry 7 was read but never appended",
        SetCheckerTest.only(check("0 ok! append 1; 1 ok! read [1 7]"), Evidence.Kind.UNEXPECTED).explanation());
    assertEquals("entry 1 was read but every append of it failed",
        SetCheckerTest.only(check("0 fail! append 1; 0 ok! append 2; 1 ok! read [1 2]"), Evidence.Kind.UNEXPECTED).explanation());
    assertEquals(Verdict.VALID, check("0 fail! append 1; 0 ok! append 2; 1 ok! read [2]").verdict());
    assertEquals(Verdict.VALID, check("0 info! append 1; 0 ok! append 2; 1 ok! read [2]").verdict());
    assertEquals(Verdict.VALID, check("0 info! append 1; 0 ok! append 2; 1 ok! read [1 2]").verdict());
    // shown by a read, then dropped
    assertEquals(1, check("0 info! append 1; 0 ok! append 2; 1 ok! read [1 2]; 1 ok! read [2]").count("lost"));
  }

  @Test
  @DisplayName("malformed: a log read is a vector; entries are not nil")
  void malformed() {
    HistoryFormatException set = assertThrows(HistoryFormatException.class, () -> check("0 ok! append 1; 1 i read; 1 ok read #{1}"));
    assertEquals("<test>:3: operation p1 read #{1} ok [#2..#3] does not fit the log checker: "
        + "expected a vector of entries [x ...], oldest first (an ok read returns the log) but found #{1}", set.getMessage());
    assertThrows(HistoryFormatException.class, () -> check("0 ok! append nil"));
    assertThrows(HistoryFormatException.class, () -> check("1 ok! read [1 nil]"));
    HistoryFormatException f = assertThrows(HistoryFormatException.class, () -> check("1 ok! dequeue 1"));
    assertTrue(f.getMessage().endsWith("(expected append, enqueue or read)"), f.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LogChecker.check(H.of("1 ok! read 3").operations()));
  }
}
