package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.linear.Verdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExactlyOnceCheckerTest {
  private static InvariantResult check(String history) {
    return ExactlyOnceChecker.check(H.of(history));
  }

  private static String send(String type, String key, int seq) {
    return "0 " + type + "! send {:key " + key + " :seq " + seq + "}; ";
  }

  private static final String SENT = send("ok", ":a", 1) + send("ok", ":a", 2) + send("ok", ":b", 1);

  @Test
  @DisplayName("one output per acknowledged input, in order per key: valid")
  void valid() {
    InvariantResult r = check(SENT + "1 ok! receive [{:key :a :seq 1} {:key :b :seq 1}]; 1 ok! receive {:key :a :seq 2}");
    assertEquals(Verdict.VALID, r.verdict(), r.describe());
    assertEquals(3, r.count("delivered"));
    assertEquals(3, r.count("outputs"));
    assertEquals(2, r.count("receives"));
  }

  @Test
  @DisplayName("missing: an acknowledged input without output")
  void missing() {
    InvariantResult r = check(SENT + "1 ok! receive [{:key :a :seq 1} {:key :a :seq 2}]");
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.MISSING);
    assertEquals("key b seq 1 was sent ok but never output", e.explanation());
    assertEquals(List.of(4L), SetCheckerTest.invokes(e));
  }

  @Test
  @DisplayName("duplicated: an input output twice (across receives or in one)")
  void duplicated() {
    InvariantResult r = check(SENT + "1 ok! receive [{:key :a :seq 1} {:key :b :seq 1}]; 2 ok! receive [{:key :a :seq 2} {:key :a :seq 1}]");
    Evidence e = SetCheckerTest.only(r, Evidence.Kind.DUPLICATED);
    assertEquals("key a seq 1 was output 2 times", e.explanation());
    assertEquals(List.of(0L, 6L, 8L), SetCheckerTest.invokes(e));
    assertEquals(0, r.count("reordered")); // the late copy is a duplicate, not a reordering
  }

  @Test
  @DisplayName("unexpected: never sent, sent only by failed sends, or output before it was sent")
  void unexpected() {
    assertEquals("key c seq 9 was output but never sent",
        SetCheckerTest.only(check(send("ok", ":a", 1) + "1 ok! receive [{:key :a :seq 1} {:key :c :seq 9}]"),
            Evidence.Kind.UNEXPECTED).explanation());
    assertEquals("key a seq 1 was output but every send of it failed",
        SetCheckerTest.only(check(send("fail", ":a", 1) + "1 ok! receive [{:key :a :seq 1}]"), Evidence.Kind.UNEXPECTED)
            .explanation());
    assertEquals("key a seq 1 was received by a receive that completed (#1) before any send of it was invoked (#2)",
        SetCheckerTest.only(check("1 ok! receive [{:key :a :seq 1}]; " + send("ok", ":a", 1)), Evidence.Kind.UNEXPECTED)
            .explanation());
  }

  @Test
  @DisplayName("reordered: a smaller sequence after a larger one of the same key, in one receive or in later ones")
  void reordered() {
    InvariantResult batch = check(SENT + "1 ok! receive [{:key :a :seq 2} {:key :b :seq 1} {:key :a :seq 1}]");
    assertEquals("key a seq 1 comes after seq 2 in the same receive",
        SetCheckerTest.only(batch, Evidence.Kind.REORDERED).explanation());

    // receive #6-7 sees seq 2; receive #8-9, invoked after it completed, sees seq 1
    InvariantResult later = check(SENT + "1 ok! receive [{:key :a :seq 2}]; 2 ok! receive [{:key :a :seq 1} {:key :b :seq 1}]");
    Evidence e = SetCheckerTest.only(later, Evidence.Kind.REORDERED);
    assertEquals("key a seq 1 was received (invoked at #8) after seq 2 had been (completed at #7)", e.explanation());
    assertEquals(List.of(6L, 8L), SetCheckerTest.invokes(e));

    // concurrent receives are not ordered
    assertEquals(Verdict.VALID, check(SENT + "1 i receive; 2 ok! receive [{:key :a :seq 1} {:key :b :seq 1}]; "
        + "1 ok receive [{:key :a :seq 2}]").verdict());
    assertEquals(Verdict.VALID, check(SENT + "1 i receive; 2 ok! receive [{:key :a :seq 2}]; "
        + "1 ok receive [{:key :a :seq 1} {:key :b :seq 1}]").verdict());
  }

  @Test
  @DisplayName("an info send may have no output, but at most one; a retried send is the same input")
  void infoSends() {
    assertEquals(Verdict.VALID, check(send("info", ":a", 1) + "1 ok! receive []").verdict());
    assertEquals(Verdict.VALID, check(send("info", ":a", 1) + "1 ok! receive [{:key :a :seq 1}]").verdict());
    assertEquals(1, check(send("info", ":a", 1) + "1 ok! receive [{:key :a :seq 1} {:key :a :seq 1}]").count("duplicated"));
    InvariantResult retried = check(send("info", ":a", 1) + send("ok", ":a", 1) + "1 ok! receive [{:key :a :seq 1}]");
    assertEquals(Verdict.VALID, retried.verdict());
    assertEquals(1, retried.count("inputs"));
    assertEquals(2, retried.count("sends"));
  }

  @Test
  @DisplayName("keys: keywords and strings name the same key, as map keys and as stream keys")
  void keywordsAndStrings() {
    assertEquals(Verdict.VALID, check("0 ok! send {\"key\" \"a\" \"seq\" 1}; 1 ok! receive {:key :a :seq 1}").verdict());
  }

  @Test
  @DisplayName("no ok receive: nothing was audited, unknown")
  void unknown() {
    InvariantResult r = check(SENT + "1 info! receive; 1 fail! receive");
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertEquals(2, r.count("receives-not-ok"));
  }

  @Test
  @DisplayName("malformed: missing :seq, a nil receive, a non-integer sequence")
  void malformed() {
    HistoryFormatException seq = assertThrows(HistoryFormatException.class, () -> check("0 ok! send {:key :a}"));
    assertEquals("<test>:1: operation p0 send {:key :a} ok [#0..#1] does not fit the exactly-once checker: "
        + "expected a map {:key k :seq n} but found no :seq in {:key :a}", seq.getMessage());
    HistoryFormatException nil = assertThrows(HistoryFormatException.class, () -> check("1 ok! receive nil"));
    assertTrue(nil.getMessage().endsWith("expected an output {:key k :seq n} or a vector of them but found nil"), nil.getMessage());
    HistoryFormatException text = assertThrows(HistoryFormatException.class,
        () -> check("0 ok! send {:key :a :seq 1}; 1 i receive; 1 ok receive [{:key :a :seq \"1\"}]"));
    assertEquals(3, text.line());
    assertThrows(HistoryFormatException.class, () -> check("0 ok! produce {:key :a :seq 1}"));
    assertThrows(IllegalArgumentException.class, () -> ExactlyOnceChecker.check(H.of("0 ok! send 1").operations()));
  }
}
