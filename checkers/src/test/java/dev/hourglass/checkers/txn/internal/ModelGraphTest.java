package dev.hourglass.checkers.txn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The anomaly and consistency-model relations, checked against the boundaries Elle's own tests
 * state (elle.consistency-model-test).
 */
class ModelGraphTest {
  private static Set<String> friendly(Collection<String> models) {
    return models.stream().map(ModelGraph::friendly).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> set(String... s) {
    return new TreeSet<>(Set.of(s));
  }

  @Test
  @DisplayName("weakest models: the ones no other member of the set implies")
  void weakest() {
    assertEquals(set(), friendly(ModelGraph.weakest(List.of())));
    assertEquals(set("serializable"), friendly(ModelGraph.weakest(List.of("serializable", "strict-serializable"))));
    assertEquals(set("read-your-writes", "read-committed"),
        friendly(ModelGraph.weakest(List.of("repeatable-read", "read-committed", "sequential", "read-your-writes"))));
    assertEquals(set("read-atomic"), friendly(ModelGraph.weakest(List.of("serializable", "read-atomic"))));
  }

  @Test
  @DisplayName("read committed forbids G0, G1 and what implies them")
  void prohibitedByReadCommitted() {
    assertEquals(set("dirty-update", "G1a", "G1b", "G1c", "G1", "G0", "PL-1-cycle-exists", "PL-2-cycle-exists", "cyclic-versions",
        "duplicate-elements", "incompatible-order", "future-read"), ModelGraph.anomaliesProhibitedBy(List.of("read-committed")));
  }

  @Test
  @DisplayName("an unknown model is an error that lists the known ones")
  void unknownModel() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelGraph.anomaliesProhibitedBy(List.of("stricct-snappshot-isolation")));
    assertTrue(e.getMessage().contains("unknown consistency model stricct-snappshot-isolation"), e.getMessage());
    assertTrue(e.getMessage().contains("serializable"), e.getMessage());
  }

  @Test
  @DisplayName("models an anomaly rules out")
  void impossibleModels() {
    assertEquals(set("consistent-view", "forward-consistent-view", "strong-serializable", "serializable", "snapshot-isolation",
        "strong-session-serializable", "strong-session-snapshot-isolation", "strong-snapshot-isolation", "update-serializable"),
        friendly(ModelGraph.impossibleModels(List.of("G-single"))));
    assertEquals(set("snapshot-isolation", "serializable", "strong-serializable", "strong-session-serializable",
        "strong-session-snapshot-isolation", "strong-snapshot-isolation"), friendly(ModelGraph.impossibleModels(List.of("G-SI"))));
    assertEquals(set("read-committed", "monotonic-atomic-view", "snapshot-isolation", "repeatable-read", "update-atomic",
        "serializable", "strong-serializable", "update-serializable", "cursor-stability", "forward-consistent-view",
        "consistent-view", "monotonic-view", "monotonic-snapshot-read", "causal-cerone", "parallel-snapshot-isolation", "prefix",
        "read-atomic", "strong-session-read-committed", "strong-session-serializable", "strong-session-snapshot-isolation",
        "strong-read-committed", "strong-snapshot-isolation"), friendly(ModelGraph.impossibleModels(List.of("dirty-update"))));
    assertEquals(set("causal-cerone", "parallel-snapshot-isolation", "prefix", "read-atomic", "update-atomic", "serializable",
        "snapshot-isolation", "strong-serializable", "strong-session-serializable", "strong-session-snapshot-isolation",
        "strong-snapshot-isolation"), friendly(ModelGraph.impossibleModels(List.of("internal"))));
  }

  @Test
  @DisplayName("boundaries: :not is the weakest ruled-out models, :also-not the rest")
  void boundary() {
    assertEquals(set(), ModelGraph.boundary(List.of()).not());
    ModelGraph.Boundary cv = ModelGraph.boundary(List.of("cyclic-versions"));
    assertEquals(set("read-uncommitted"), cv.not());
    assertTrue(cv.alsoNot().containsAll(Set.of("read-committed", "strong-session-read-uncommitted", "update-atomic")));
    ModelGraph.Boundary internal = ModelGraph.boundary(List.of("internal"));
    assertEquals(set("read-atomic"), internal.not());
    assertEquals(set("causal-cerone", "parallel-snapshot-isolation", "prefix", "update-atomic", "serializable", "snapshot-isolation",
        "strong-serializable", "strong-session-serializable", "strong-session-snapshot-isolation", "strong-snapshot-isolation"),
        internal.alsoNot());
    assertEquals(set("read-committed"), ModelGraph.boundary(List.of("G1a")).not());
    ModelGraph.Boundary single = ModelGraph.boundary(List.of("G-single"));
    assertEquals(set("consistent-view"), single.not());
    assertEquals(set("snapshot-isolation", "serializable", "strong-serializable", "strong-session-snapshot-isolation",
        "strong-snapshot-isolation", "strong-session-serializable", "forward-consistent-view", "update-serializable"),
        single.alsoNot());
    assertEquals(set("read-atomic"), ModelGraph.boundary(List.of("G2", "internal")).not());
    assertEquals(set("update-atomic", "cursor-stability"), ModelGraph.boundary(List.of("lost-update")).not());
    ModelGraph.Boundary rt = ModelGraph.boundary(List.of("G-single-realtime"));
    assertEquals(set("strong-snapshot-isolation"), rt.not());
    assertEquals(set("strong-serializable"), rt.alsoNot());
  }

  @Test
  @DisplayName("a model is implied by the models stronger than it")
  void allImpossible() {
    assertEquals(set("strong-session-serializable", "PL-SS"), ModelGraph.allImpossibleModels(List.of("strong-session-serializable")));
  }

  @Test
  @DisplayName("cycle kinds are searched worst first, in Elle's order")
  void searchOrder() {
    assertEquals(List.of("G-single-item", "G0", "G-nonadjacent-item", "G-single-item-process", "G1c", "G-nonadjacent-item-process",
        "G-single-item-realtime", "G2-item", "G-nonadjacent-item-realtime", "G0-process", "G1c-process", "G2-item-process",
        "G0-realtime", "G1c-realtime", "G2-item-realtime"), CycleSearch.searchOrder());
  }

  @Test
  @DisplayName("classifying cycles by the relations that explain their edges")
  void classify() {
    int ww = Rels.WW;
    int wr = Rels.WR;
    int rw = Rels.RW;
    int rt = Rels.REALTIME;
    int pr = Rels.PROCESS;
    assertEquals("G0", CycleSpec.classify(new int[] {ww, ww}));
    assertEquals("G1c", CycleSpec.classify(new int[] {ww, wr}));
    assertEquals("G-single-item", CycleSpec.classify(new int[] {rw, wr, ww}));
    assertEquals("G-nonadjacent-item", CycleSpec.classify(new int[] {rw, wr, rw, wr}));
    assertEquals("G2-item", CycleSpec.classify(new int[] {rw, rw}));
    assertEquals("G2-item", CycleSpec.classify(new int[] {rw, wr, rw}), "the last and first rw edges are adjacent");
    assertEquals("G-single-item-realtime", CycleSpec.classify(new int[] {rw, rt}));
    assertEquals("G0-process", CycleSpec.classify(new int[] {ww, pr}));
    assertEquals("G1c-realtime", CycleSpec.classify(new int[] {wr, rt, pr}));
  }
}
