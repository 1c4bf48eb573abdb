package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.linear.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvariantResultTest {
  /** {@code n} acknowledged adds, then one read that contains none of them: n lost elements. */
  private static InvariantResult manyLost(int n) {
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < n; i++) {
      h.append("0 ok! add ").append(i).append("; ");
    }
    return SetChecker.check(H.of(h + "1 ok! read #{}"));
  }

  @Test
  @DisplayName("describe prints at most 10 findings per kind and counts the rest")
  void describeIsBounded() {
    InvariantResult r = manyLost(25);
    assertEquals(25, r.count("lost"));
    assertEquals(25, r.evidence(Evidence.Kind.LOST).size());
    String text = r.describe();
    assertTrue(text.contains("\nlost (25):\n"), text);
    assertTrue(text.endsWith("\n  ... and 15 more"), text);
    assertEquals(InvariantResult.DESCRIBE_PER_KIND_MAX, text.split("\n  element ").length - 1, text);
  }

  @Test
  @DisplayName("toJson writes at most 100 findings per kind and says how many it left out")
  void jsonIsBounded() {
    Map<String, Object> json = manyLost(130).toJson();
    assertEquals(InvariantResult.JSON_PER_KIND_MAX, ((List<?>) json.get("evidence")).size());
    assertEquals(Map.of("lost", 30), json.get("omitted"));
    assertEquals(130L, ((Map<?, ?>) json.get("counts")).get("lost"));
  }

  @Test
  @DisplayName("long read values are abbreviated in evidence")
  void longValuesAbbreviated() {
    List<Object> big = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      big.add(i);
    }
    History h = History.builder("<test>")
        .add(0, OpType.INVOKE, "add", 5000L).add(0, OpType.OK, "add", 5000L)
        .add(1, OpType.INVOKE, "read", null).add(1, OpType.OK, "read", big)
        .build();
    InvariantResult r = SetChecker.check(h);
    String text = r.describe();
    assertTrue(text.contains("…+"), text);
    assertTrue(text.length() < 2000, text);
  }

  @Test
  @DisplayName("the verdict agrees with the evidence; an unknown count name is an error naming the counts")
  void invariants() {
    assertThrows(IllegalArgumentException.class,
        () -> new InvariantResult("set", Verdict.VALID, Optional.empty(), Map.of(), manyLost(1).evidence()));
    assertThrows(IllegalArgumentException.class,
        () -> new InvariantResult("set", Verdict.INVALID, Optional.empty(), Map.of(), List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new InvariantResult("set", Verdict.UNKNOWN, Optional.empty(), Map.of(), List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> manyLost(1).count("gone"));
    assertTrue(e.getMessage().startsWith("no count named 'gone' in the set checker's result (counts: [attempted,"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Evidence(Evidence.Kind.LOST, true, "x", List.of()));
    assertEquals("wrong-total", Evidence.Kind.WRONG_TOTAL.wireName());
  }

  @Test
  @DisplayName("a 20,000-element set read 200 times (2 million read elements) is checked within seconds")
  void largeSet() {
    int elements = 20_000;
    int reads = 200;
    History.Builder b = History.builder("<large>");
    List<Object> contents = new ArrayList<>();
    int perRead = elements / reads;
    long next = 0;
    for (int r = 0; r < reads; r++) {
      for (int i = 0; i < perRead; i++) {
        b.add(i % 10, OpType.INVOKE, "add", next);
        b.add(i % 10, OpType.OK, "add", next);
        contents.add(next++);
      }
      b.add(10, OpType.INVOKE, "read", null);
      b.add(10, OpType.OK, "read", List.copyOf(r == reads - 1 ? contents.subList(1, contents.size()) : contents));
    }
    History h = b.build();
    InvariantResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> SetChecker.check(h));
    assertEquals(Verdict.INVALID, result.verdict());
    assertEquals(1, result.count("lost"));
    assertEquals(elements - 1, result.count("stable"));
  }
}
