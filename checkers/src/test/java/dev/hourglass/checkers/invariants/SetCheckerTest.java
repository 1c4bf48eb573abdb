package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.checkers.linear.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SetCheckerTest {
  private static InvariantResult check(String history) {
    return SetChecker.check(H.of(history));
  }

  /** The invocation entry index of each operation of the evidence. */
  static List<Long> invokes(Evidence e) {
    return e.operations().stream().map(Operation::invokeIndex).toList();
  }

  static Evidence only(InvariantResult r, Evidence.Kind kind) {
    List<Evidence> found = r.evidence(kind);
    assertEquals(1, found.size(), r.describe());
    return found.get(0);
  }

  @Test
  @DisplayName("every acknowledged element in the final read: valid, all stable")
  void valid() {
    InvariantResult r = check("0 ok! add 1; 1 ok! add 2; 2 ok! read #{1 2}");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(2, r.count("stable"));
    assertEquals(2, r.count("acknowledged"));
    assertTrue(r.evidence().isEmpty());
  }

  @Test
  @DisplayName("a read concurrent with an add may or may not contain it")
  void concurrentReadMaySeeEither() {
    InvariantResult r = check("0 i add 1; 1 ok! read #{}; 1 ok! read #{1}; 0 ok add 1");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(0, r.count("stale"));
    assertEquals(Verdict.VALID, check("0 i add 1; 1 ok! read #{1}; 1 ok! read #{1}; 0 ok add 1").verdict());
  }

  @Test
  @DisplayName("lost: seen by a read, then absent from the final read invoked after that")
  void lostAfterSeen() {
    // add 1 #0-1, add 2 #2-3, read #4-5 sees both, final read #6-7 misses 2
    InvariantResult r = check("0 ok! add 1; 0 ok! add 2; 1 ok! read #{1 2}; 1 ok! read #{1}");
    assertEquals(Verdict.INVALID, r.verdict());
    assertEquals(1, r.count("lost"));
    assertEquals(1, r.count("stable"));
    Evidence e = only(r, Evidence.Kind.LOST);
    assertTrue(e.violation());
    assertEquals(List.of(2L, 4L, 6L), invokes(e), e.describe());
    assertTrue(e.explanation().startsWith("element 2 was known present from #3 (add ok), last seen by the read invoked at #4"),
        e.explanation());
    assertTrue(e.explanation().endsWith("the final read, invoked after that at #6, misses it"), e.explanation());
  }

  @Test
  @DisplayName("lost: an acknowledged add that no read invoked after it contains")
  void lostNeverSeen() {
    Evidence e = only(check("0 ok! add 1; 0 ok! add 2; 1 ok! read #{2}"), Evidence.Kind.LOST);
    assertEquals(List.of(0L, 4L), invokes(e));
    assertTrue(e.explanation().startsWith("element 1 "), e.explanation());
  }

  @Test
  @DisplayName("stale: missing from a read invoked after the add completed, present in a later one — reported, allowed by default")
  void staleAllowedByDefault() {
    // add #0-1, read #2-3 misses 1, read #4-5 has it
    String h = "0 ok! add 1; 1 ok! read #{}; 1 ok! read #{1}";
    InvariantResult r = check(h);
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(1, r.count("stale"));
    assertEquals(1, r.count("stable"));
    Evidence e = only(r, Evidence.Kind.STALE);
    assertFalse(e.violation());
    assertEquals(List.of(0L, 2L, 4L), invokes(e));
    assertTrue(r.describe().contains("stale (1, not a violation):"), r.describe());

    InvariantResult linearizable = SetChecker.check(H.of(h), new SetChecker.Options(true));
    assertEquals(Verdict.INVALID, linearizable.verdict());
    assertTrue(only(linearizable, Evidence.Kind.STALE).violation());
  }

  @Test
  @DisplayName("never-read: acknowledged, but every read was invoked before the add completed")
  void neverRead() {
    InvariantResult r = check("0 ok! add 1; 1 i read; 0 ok! add 2; 1 ok read #{1}");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(1, r.count("never-read"));
    assertEquals(1, r.count("stable"));
  }

  @Test
  @DisplayName("nothing confirmed by a read is unknown, not valid (Jepsen's rule)")
  void unknownWhenNothingConfirmed() {
    InvariantResult noReads = check("0 ok! add 1");
    assertEquals(Verdict.UNKNOWN, noReads.verdict());
    assertEquals("no read completed ok", noReads.unknownReason().orElseThrow());
    InvariantResult allNeverRead = check("1 i read; 0 ok! add 1; 1 ok read #{}");
    assertEquals(Verdict.UNKNOWN, allNeverRead.verdict());
    assertTrue(allNeverRead.describe().startsWith("UNKNOWN: no read confirmed any element"), allNeverRead.describe());
    assertEquals(Verdict.UNKNOWN, check("1 ok! read #{}").verdict());
  }

  @Test
  @DisplayName("unexpected: an element read that was never added")
  void unexpectedNeverAdded() {
    InvariantResult r = check("0 ok! add 1; 1 ok! read #{1 9}");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = only(r, Evidence.Kind.UNEXPECTED);
    assertEquals("element 9 was read but never added", e.explanation());
    assertEquals(List.of(2L), invokes(e));
  }

  @Test
  @DisplayName("a failed add must never appear; absent, it is fine")
  void failedAdd() {
    InvariantResult seen = check("0 fail! add 1; 0 ok! add 2; 1 ok! read #{1 2}");
    assertEquals(Verdict.INVALID, seen.verdict());
    Evidence e = only(seen, Evidence.Kind.UNEXPECTED);
    assertEquals("element 1 was read but every add of it failed", e.explanation());
    assertEquals(List.of(0L, 4L), invokes(e));

    InvariantResult absent = check("0 fail! add 1; 0 ok! add 2; 1 ok! read #{2}");
    assertEquals(Verdict.VALID, absent.verdict(), absent.describe());
    assertEquals(1, absent.count("failed"));
    assertEquals(1, absent.count("attempted"));
  }

  @Test
  @DisplayName("an info add may be present or absent; once shown by a read it must stay")
  void infoAdd() {
    assertEquals(Verdict.VALID, check("0 info! add 1; 0 ok! add 2; 1 ok! read #{2}").verdict());
    InvariantResult present = check("0 info! add 1; 0 ok! add 2; 1 ok! read #{1 2}");
    assertEquals(Verdict.VALID, present.verdict());
    assertEquals(2, present.count("stable"));
    assertEquals(1, check("0 info! add 1; 0 ok! add 2; 1 ok! read #{2}").count("never-read"));
    // an invocation that never completes is info too
    assertEquals(Verdict.VALID, check("0 i add 1; 1 ok! read #{1}").verdict());

    // shown by the read at #2-3, missing from the final read at #4-5
    InvariantResult lost = check("0 info! add 1; 1 ok! read #{1}; 1 ok! read #{}");
    Evidence e = only(lost, Evidence.Kind.LOST);
    assertTrue(e.explanation().contains("(a read showed it)"), e.explanation());
    assertEquals(List.of(2L, 4L), invokes(e));
  }

  @Test
  @DisplayName("unexpected: a read that completed before any add of the element was invoked")
  void readFromTheFuture() {
    InvariantResult r = check("1 ok! read #{1}; 0 ok! add 1; 1 ok! read #{1}");
    Evidence e = only(r, Evidence.Kind.UNEXPECTED);
    assertEquals("element 1 was read by a read that completed (#1) before any add of it was invoked (#2)", e.explanation());
    assertEquals(List.of(0L, 2L), invokes(e));
  }

  @Test
  @DisplayName("duplicated: an element twice in one read given as a vector")
  void duplicated() {
    InvariantResult r = check("0 ok! add 1; 0 ok! add 2; 1 ok! read [1 2 1 1]");
    assertEquals(Verdict.INVALID, r.verdict());
    Evidence e = only(r, Evidence.Kind.DUPLICATED);
    assertEquals("element 1 appears 3 times in one read", e.explanation());
    assertEquals(List.of(4L), invokes(e));
    assertEquals(Verdict.VALID, check("0 ok! add 1; 0 ok! add 1; 1 ok! read [1]").verdict());
  }

  @Test
  @DisplayName("info and fail reads say nothing and are only counted")
  void indeterminateReadsSkipped() {
    InvariantResult r = check("0 ok! add 1; 1 info! read; 1 fail! read; 2 i read; 1 ok! read #{1}");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(1, r.count("reads"));
    assertEquals(3, r.count("reads-not-ok"));
  }

  @Test
  @DisplayName("integers compare as longs whatever their boxing")
  void integerBoxing() {
    History h = History.builder("<test>")
        .add(0, OpType.INVOKE, "add", 1)
        .add(0, OpType.OK, "add", 1)
        .add(1, OpType.INVOKE, "read", null)
        .add(1, OpType.OK, "read", Set.of(1L))
        .build();
    assertEquals(Verdict.VALID, SetChecker.check(h).verdict());
  }

  @Test
  @DisplayName("describe and toJson carry the verdict, counts and evidence")
  void describeAndJson() {
    InvariantResult r = check("0 ok! add 1; 0 ok! add 2; 1 ok! read #{1 2}; 1 ok! read #{1}");
    String text = r.describe();
    assertTrue(text.startsWith("INVALID\nset: attempted=2 acknowledged=2"), text);
    assertTrue(text.contains("\nlost (1):\n  element 2 was known present from #3"), text);
    assertTrue(text.contains("\n    p1 read #{1} ok [#6..#7]"), text);
    Map<String, Object> json = r.toJson();
    assertEquals("INVALID", json.get("verdict"));
    assertEquals("set", json.get("checker"));
    List<?> evidence = (List<?>) json.get("evidence");
    Map<?, ?> first = (Map<?, ?>) evidence.get(0);
    assertEquals("lost", first.get("kind"));
    assertEquals(true, first.get("violation"));
    assertEquals(3, ((List<?>) first.get("operations")).size());
  }

  @Test
  @DisplayName("malformed operations name the operation and the line")
  void malformed() {
    HistoryFormatException nil = assertThrows(HistoryFormatException.class, () -> check("0 ok! add 1; 0 ok! add nil"));
    assertEquals("<test>:2: operation p0 add nil ok [#2..#3] does not fit the set checker: "
        + "expected the element to add but found nil", nil.getMessage());
    HistoryFormatException number = assertThrows(HistoryFormatException.class, () -> check("0 ok! add 1; 1 i read; 1 ok read 3"));
    assertEquals(3, number.line());
    assertTrue(number.getMessage().contains("expected a set or vector of elements"), number.getMessage());
    HistoryFormatException function = assertThrows(HistoryFormatException.class, () -> check("0 ok! remove 1"));
    assertTrue(function.getMessage().endsWith("unknown function 'remove' (expected add or read)"), function.getMessage());

    History edn = HistoryReader.readText("""
        {:process 0, :type :invoke, :f :add, :value 1}
        {:process 0, :type :ok, :f :add, :value 1}
        {:process 1, :type :invoke, :f :read, :value nil}
        {:process 1, :type :ok, :f :read, :value "oops"}
        """, "set.edn", HistoryFormat.EDN);
    HistoryFormatException fromFile = assertThrows(HistoryFormatException.class, () -> SetChecker.check(edn));
    assertTrue(fromFile.getMessage().startsWith("set.edn:4: operation p1 read \"oops\" ok [#2..#3]"), fromFile.getMessage());

    List<Operation> ops = H.of("0 ok! add nil").operations();
    IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
        () -> SetChecker.check(ops, SetChecker.Options.defaults()));
    assertTrue(plain.getMessage().startsWith("operation p0 add nil ok [#0..#1] does not fit the set checker"),
        plain.getMessage());
  }
}
