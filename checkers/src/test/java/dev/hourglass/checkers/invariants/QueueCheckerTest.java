package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.linear.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueueCheckerTest {
  private static InvariantResult check(String history) {
    return QueueChecker.check(H.of(history));
  }

  @Test
  @DisplayName("everything enqueued comes out once: valid")
  void valid() {
    InvariantResult r = check("0 ok! enqueue 1; 0 ok! enqueue 2; 1 ok! dequeue 1; 1 ok! dequeue 2; 1 ok! dequeue nil");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(2, r.count("dequeued"));
    assertEquals(1, r.count("dequeues-empty"));
  }

  @Test
  @DisplayName("not drained: an element still in the queue is not lost; drained: it is")
  void lostOnlyWhenDrained() {
    String h = "0 ok! enqueue 1; 0 ok! enqueue 2; 1 ok! dequeue 1";
    InvariantResult open = check(h);
    assertEquals(Verdict.VALID, open.verdict());
    assertEquals(1, open.count("not-dequeued"));
    InvariantResult drained = QueueChecker.check(H.of(h), true);
    assertEquals(Verdict.INVALID, drained.verdict());
    Evidence e = SetCheckerTest.only(drained, Evidence.Kind.LOST);
    assertEquals("element 2 was enqueued ok once and never dequeued, though the queue was drained at the end", e.explanation());
    assertEquals(List.of(2L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("an ok drain marks the history drained and counts as dequeues")
  void drainOperation() {
    InvariantResult r = check("0 ok! enqueue 1; 0 ok! enqueue 2; 0 ok! enqueue 3; 1 ok! dequeue 1; 1 ok! drain [3]");
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.count("drained-at-end"));
    assertTrue(SetCheckerTest.only(r, Evidence.Kind.LOST).explanation().startsWith("element 2 "));
    assertEquals(Verdict.VALID, QueueChecker.check(H.of("0 ok! enqueue 1; 0 ok! enqueue 2; 1 ok! drain [2]"), false).verdict());
  }

  @Test
  @DisplayName("info dequeues may have taken missing elements, up to one each")
  void infoDequeuesExcuse() {
    InvariantResult excused = check("0 ok! enqueue 1; 0 ok! enqueue 2; 1 info! dequeue; 1 ok! drain [2]");
    assertEquals(Verdict.VALID, excused.verdict(), excused.describe());
    assertEquals(1, excused.count("missing-excused"));
    InvariantResult tooMany = check("0 ok! enqueue 1; 0 ok! enqueue 2; 0 ok! enqueue 3; 1 info! dequeue; 1 ok! drain [3]");
    assertEquals(2, tooMany.count("lost"));
    assertTrue(tooMany.evidence(Evidence.Kind.LOST).get(0).explanation()
        .endsWith("(1 info dequeue(s) could account for at most 1 of the 2 missing)"));
    assertEquals(Verdict.VALID, check("0 ok! enqueue 1; 0 ok! enqueue 2; 1 info! drain; 1 ok! drain []").verdict());
  }

  @Test
  @DisplayName("duplicated: dequeued more often than enqueued")
  void duplicated() {
    InvariantResult r = check("0 ok! enqueue 1; 1 ok! dequeue 1; 2 ok! dequeue 1");
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.DUPLICATED);
    assertEquals("element 1 was dequeued 2 times but enqueued once", e.explanation());
    assertEquals(List.of(0L, 2L, 4L), SetCheckerTest.invokes(e));
    assertEquals(Verdict.VALID, check("0 ok! enqueue 1; 0 ok! enqueue 1; 1 ok! dequeue 1; 2 ok! dequeue 1").verdict());
  }

  @Test
  @DisplayName("unexpected: never enqueued, enqueue failed, or dequeued before it was enqueued")
  void unexpected() {
    assertEquals("element 9 was dequeued but never enqueued",
        SetCheckerTest.only(check("0 ok! enqueue 1; 1 ok! dequeue 9"), Evidence.Kind.UNEXPECTED).explanation());
    Evidence failed = SetCheckerTest.only(check("0 fail! enqueue 1; 1 ok! dequeue 1"), Evidence.Kind.UNEXPECTED);
    assertEquals("element 1 was dequeued but every enqueue of it failed", failed.explanation());
    assertEquals(List.of(0L, 2L), SetCheckerTest.invokes(failed));
    assertEquals("element 1 was dequeued by an operation that completed (#1) before any enqueue of it was invoked (#2)",
        SetCheckerTest.only(check("1 ok! dequeue 1; 0 ok! enqueue 1"), Evidence.Kind.UNEXPECTED).explanation());
    assertEquals(Verdict.VALID, check("0 fail! enqueue 1; 1 ok! dequeue nil").verdict());
  }

  @Test
  @DisplayName("an info enqueue may come out (recovered) or not, even when drained")
  void infoEnqueue() {
    InvariantResult recovered = check("0 info! enqueue 1; 1 ok! dequeue 1; 1 ok! drain []");
    assertEquals(Verdict.VALID, recovered.verdict());
    assertEquals(1, recovered.count("recovered"));
    assertEquals(Verdict.VALID, check("0 info! enqueue 1; 1 ok! drain []").verdict());
    assertEquals(Verdict.VALID, check("0 i enqueue 1; 1 ok! drain []").verdict());
  }

  @Test
  @DisplayName("a queue never observed is unknown")
  void unknown() {
    InvariantResult r = check("0 ok! enqueue 1; 1 fail! dequeue");
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals("nothing was dequeued or drained: the queue was never observed", r.unknownReason().orElseThrow());
  }

  @Test
  @DisplayName("malformed: enqueue nil, a drain that is not a vector, a foreign function")
  void malformed() {
    HistoryFormatException nil = assertThrows(HistoryFormatException.class, () -> check("0 ok! enqueue nil"));
    assertEquals("<test>:1: operation p0 enqueue nil ok [#0..#1] does not fit the queue checker: "
        + "expected the element to enqueue but found nil", nil.getMessage());
    HistoryFormatException drain = assertThrows(HistoryFormatException.class, () -> check("0 ok! enqueue 1; 1 i drain; 1 ok drain 1"));
    assertEquals(3, drain.line());
    HistoryFormatException f = assertThrows(HistoryFormatException.class, () -> check("1 ok! read [1]"));
    assertTrue(f.getMessage().endsWith("(expected enqueue, dequeue or drain)"), f.getMessage());
    assertThrows(IllegalArgumentException.class, () -> QueueChecker.check(H.of("0 ok! enqueue nil").operations()));
  }
}
