package dev.hourglass.checkers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private static Verdict check(Model<?, ?> model, String history) {
    return result(model, history).verdict();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static LinearizabilityResult result(Model<?, ?> model, String history) {
    return LinearizabilityChecker.check(Hist.of(history), (Model) model, CheckOptions.defaults());
  }

  private static final Model<?, ?> REGISTER = Models.register(null, false);
  private static final Model<?, ?> CAS = Models.casRegister(0L, false);

  @Test
  @DisplayName("register: a read concurrent with a write may see either value")
  void concurrentReadSeesEither() {
    assertEquals(Verdict.VALID, check(REGISTER, "0 i w 1; 1 i r; 1 ok r nil; 0 ok w 1"));
    assertEquals(Verdict.VALID, check(REGISTER, "0 i w 1; 1 i r; 1 ok r 1; 0 ok w 1"));
  }

  @Test
  @DisplayName("register: a read after a completed write must see it (no stale read)")
  void staleReadIsInvalid() {
    LinearizabilityResult r = result(REGISTER, "0 i w 1; 0 ok w 1; 1 i r; 1 ok r nil");
    assertEquals(Verdict.INVALID, r.verdict());
    Counterexample c = r.counterexample().orElseThrow();
    assertEquals(1, c.longestPrefix().size(), c.describe());
    assertEquals("read", c.unplaceable().get(0).function());
    assertEquals(List.of("1"), c.candidateStates());
  }

  @Test
  @DisplayName("register: nil reads are empty-register reads, unless nilReadMatchesAny (Knossos)")
  void nilReadSemantics() {
    String h = "0 i w 1; 0 ok w 1; 1 i r; 1 ok r nil";
    assertEquals(Verdict.INVALID, check(Models.register(null, false), h));
    assertEquals(Verdict.VALID, check(Models.register(null, true), h));
  }

  @Test
  @DisplayName("a failed operation never happened: a read of its value is invalid")
  void failedWriteNeverHappened() {
    assertEquals(Verdict.INVALID, check(REGISTER, "0 i w 1; 0 fail w 1; 1 i r; 1 ok r 1"));
  }

  @Test
  @DisplayName("an info write may take effect late (after later operations) ...")
  void infoWriteMayTakeEffectLate() {
    assertEquals(Verdict.VALID, check(REGISTER, "0 i w 1; 0 info w 1; 1 i r; 1 ok r nil; 1 i r; 1 ok r 1"));
  }

  @Test
  @DisplayName("... or never, but not before it was invoked")
  void infoWriteNeverOrAfterInvoke() {
    assertEquals(Verdict.VALID, check(REGISTER, "0 i w 1; 0 info w 1; 1 i r; 1 ok r nil"));
    assertEquals(Verdict.INVALID, check(REGISTER, "1 i r; 1 ok r 1; 0 i w 1; 0 info w 1"));
  }

  @Test
  @DisplayName("an invocation that never completes counts as info")
  void openInvocationIsInfo() {
    assertEquals(Verdict.VALID, check(REGISTER, "0 i w 1; 1 i r; 1 ok r 1"));
  }

  @Test
  @DisplayName("an info write takes effect at most once")
  void infoTakesEffectOnce() {
    assertEquals(Verdict.INVALID,
        check(REGISTER, "0 i w 1; 0 info w 1; 1 i w 2; 1 ok w 2; 1 i r; 1 ok r 1; 1 i w 2; 1 ok w 2; 1 i r; 1 ok r 1"));
  }

  @Test
  @DisplayName("identical info writes: symmetry pruning keeps every linearization")
  void identicalInfoWrites() {
    // Two unknown writes of 1; the reads need 1, then 2, then 1 again: both must be used.
    String h = "0 i w 1; 0 info w 1; 1 i w 1; 1 info w 1; 2 i r; 2 ok r 1; 2 i w 2; 2 ok w 2; 2 i r; 2 ok r 1";
    assertEquals(Verdict.VALID, check(REGISTER, h));
    String tooMany = h + "; 2 i w 2; 2 ok w 2; 2 i r; 2 ok r 1";
    assertEquals(Verdict.INVALID, check(REGISTER, tooMany));
  }

  @Test
  @DisplayName("cas-register: cas succeeds only on the expected value")
  void casSemantics() {
    assertEquals(Verdict.VALID, check(CAS, "0 i cas 0/1; 0 ok cas 0/1; 1 i r; 1 ok r 1"));
    assertEquals(Verdict.INVALID, check(CAS, "0 i cas 5/1; 0 ok cas 5/1"));
    assertEquals(Verdict.VALID, check(CAS, "0 i cas 5/1; 0 fail cas 5/1; 1 i r; 1 ok r 0"));
    assertEquals(Verdict.VALID, check(CAS, "0 i cas 0/2; 0 info cas 0/2; 1 i r; 1 ok r 2"));
  }

  @Test
  @DisplayName("mutex: two overlapping-free acquires without a release are invalid")
  void mutex() {
    Model<?, ?> m = Models.mutex();
    assertEquals(Verdict.VALID, check(m, "0 i acquire; 0 ok acquire; 0 i release; 0 ok release; 1 i acquire; 1 ok acquire"));
    assertEquals(Verdict.INVALID, check(m, "0 i acquire; 0 ok acquire; 1 i acquire; 1 ok acquire"));
  }

  @Test
  @DisplayName("kv: partitions by key, appends concatenate, a missing key reads as empty")
  void keyValue() {
    Model<?, ?> m = Models.keyValue(Map.of());
    LinearizabilityResult ok = result(m, "0 i put x:\"a\"; 0 ok put x:\"a\"; 1 i append x:\"b\"; 1 ok append x:\"b\";"
        + " 2 i get x:nil; 2 ok get x:\"ab\"; 2 i get y:nil; 2 ok get y:\"\"");
    assertEquals(Verdict.VALID, ok.verdict());
    assertEquals(2, ok.partitions().size());
    LinearizabilityResult bad = result(m, "0 i put x:\"a\"; 0 ok put x:\"a\"; 1 i get y:nil; 1 ok get y:\"\"; 2 i get x:nil; 2 ok get x:\"\"");
    assertEquals(Verdict.INVALID, bad.verdict());
    assertEquals("\"x\"", bad.counterexample().orElseThrow().partition());
  }

  @Test
  @DisplayName("set: a read must return exactly the added elements")
  void set() {
    Model<?, ?> m = Models.set(List.of());
    assertEquals(Verdict.VALID, check(m, "0 i add 1; 0 ok add 1; 1 i add 2; 2 i read; 2 ok read [1]; 1 ok add 2"));
    assertEquals(Verdict.INVALID, check(m, "0 i add 1; 0 ok add 1; 1 i read; 1 ok read []"));
  }

  @Test
  @DisplayName("queue: dequeues return elements in FIFO order")
  void queue() {
    Model<?, ?> m = Models.queue(List.of());
    assertEquals(Verdict.VALID, check(m, "0 i enqueue 1; 0 ok enqueue 1; 0 i enqueue 2; 0 ok enqueue 2; 1 i dequeue; 1 ok dequeue 1"));
    assertEquals(Verdict.INVALID, check(m, "0 i enqueue 1; 0 ok enqueue 1; 0 i enqueue 2; 0 ok enqueue 2; 1 i dequeue; 1 ok dequeue 2"));
    assertEquals(Verdict.VALID, check(m, "0 i enqueue 1; 0 ok enqueue 1; 1 i dequeue; 1 info dequeue; 2 i dequeue; 2 ok dequeue nil"));
  }

  @Test
  @DisplayName("multi-register: a transaction's reads and writes are atomic")
  void multiRegister() {
    Model<?, ?> m = Models.multiRegister(Map.of("x", 0L, "y", 0L));
    History ok = History.builder("t")
        .add(0, OpType.INVOKE, "txn", List.of(List.of("write", "x", 1L), List.of("write", "y", 1L)))
        .add(0, OpType.OK, "txn", List.of(List.of("write", "x", 1L), List.of("write", "y", 1L)))
        .add(1, OpType.INVOKE, "txn", List.of(List.of("read", "x", 1L), List.of("read", "y", 1L)))
        .add(1, OpType.OK, "txn", List.of(List.of("read", "x", 1L), List.of("read", "y", 1L)))
        .build();
    History torn = History.builder("t")
        .add(0, OpType.INVOKE, "txn", List.of(List.of("write", "x", 1L), List.of("write", "y", 1L)))
        .add(1, OpType.INVOKE, "txn", List.of(List.of("read", "x", 1L), List.of("read", "y", 0L)))
        .add(1, OpType.OK, "txn", List.of(List.of("read", "x", 1L), List.of("read", "y", 0L)))
        .add(0, OpType.OK, "txn", List.of(List.of("write", "x", 1L), List.of("write", "y", 1L)))
        .build();
    assertEquals(Verdict.VALID, checkHistory(m, ok));
    assertEquals(Verdict.INVALID, checkHistory(m, torn));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Verdict checkHistory(Model<?, ?> m, History h) {
    return LinearizabilityChecker.check(h, (Model) m, CheckOptions.defaults()).verdict();
  }

  @Test
  @DisplayName("a tiny memory budget gives UNKNOWN with the reason, not an error")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void memoryBudgetGivesUnknown() {
    StringBuilder h = new StringBuilder();
    for (int p = 0; p < 12; p++) {
      h.append(p).append(" i w ").append(p).append("; ");
    }
    for (int p = 0; p < 12; p++) {
      h.append(p).append(" ok w ").append(p).append("; ");
    }
    h.append("20 i r; 20 ok r 99");
    LinearizabilityResult r = LinearizabilityChecker.check(Hist.of(h.toString()), (Model) REGISTER,
        CheckOptions.defaults().withCacheBytesMax(10_000));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.unknownReason().orElseThrow().contains("memory"), r.unknownReason().toString());
  }

  @Test
  @DisplayName("a tiny time budget gives UNKNOWN with the reason")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void timeBudgetGivesUnknown() {
    StringBuilder h = new StringBuilder();
    for (int p = 0; p < 40; p++) {
      h.append(p).append(" i w ").append(p).append("; ");
    }
    for (int p = 0; p < 40; p++) {
      h.append(p).append(" ok w ").append(p).append("; ");
    }
    h.append("50 i r; 50 ok r 99");
    LinearizabilityResult r = LinearizabilityChecker.check(Hist.of(h.toString()), (Model) REGISTER,
        CheckOptions.defaults().withTimeLimit(Duration.ofMillis(50)));
    assertEquals(Verdict.UNKNOWN, r.verdict());
    assertTrue(r.unknownReason().orElseThrow().contains("time"), r.unknownReason().toString());
  }

  @Test
  @DisplayName("an operation the model cannot read is an input error naming the line")
  void badOperationNamesLine() {
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> result(CAS, "0 i w 1; 0 ok w 1; 1 i frob 2; 1 ok frob 2"));
    assertTrue(e.getMessage().contains("<test>:3"), e.getMessage());
    assertTrue(e.getMessage().contains("frob"), e.getMessage());
  }

  @Test
  @DisplayName("models reject initial states of the wrong shape")
  void badInitialState() {
    assertThrows(IllegalArgumentException.class, () -> Models.byName("kv", 3L, false));
    assertThrows(IllegalArgumentException.class, () -> Models.byName("nope", null, false));
    assertEquals("set", Models.byName("set", Set.of(1L), false).name());
  }
}
