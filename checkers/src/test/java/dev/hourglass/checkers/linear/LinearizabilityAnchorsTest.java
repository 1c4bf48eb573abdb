package dev.hourglass.checkers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.io.Anchors;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every history in the Porcupine and Knossos manifests gets its expected verdict, with the
 * semantics their FORMAT.md notes give: etcd logs from an empty register with nil reads meaning
 * "never written"; Knossos histories from 0 (cas-register) or {:x 0 :y 0} (multi-register) with
 * nil reads as wildcards; kv logs from an empty map.
 */
class LinearizabilityAnchorsTest {
  private static final CheckOptions OPTIONS = CheckOptions.defaults().withTimeLimit(Duration.ofSeconds(60));

  @TestFactory
  Stream<DynamicTest> porcupineManifest() {
    return Anchors.manifest("porcupine").stream().map(row -> DynamicTest.dynamicTest(row.relative(), () -> {
      HistoryFormat format = Anchors.formatOf("porcupine", row.relative());
      Model<?, ?> model = format == HistoryFormat.PORCUPINE_KV ? Models.keyValue(Map.of()) : Models.casRegister(null, false);
      assertVerdict(row, format, model);
    }));
  }

  @TestFactory
  Stream<DynamicTest> knossosManifest() {
    return Anchors.manifest("knossos").stream().map(row -> DynamicTest.dynamicTest(row.relative(), () -> {
      String initial = row.get("initial_state");
      Object state = HistoryReader.parseEdnValue(initial, "initial_state of " + row.relative());
      String modelName = row.get("model").split(" ")[0];
      Model<?, ?> model = Models.byName(modelName, state, true);
      assertVerdict(row, HistoryFormat.EDN, model);
    }));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertVerdict(Anchors.Row row, HistoryFormat format, Model<?, ?> model) throws IOException {
    History h = HistoryReader.read(row.file(), format);
    LinearizabilityResult r = LinearizabilityChecker.check(h, (Model) model, OPTIONS);
    Verdict expected = row.get("expected_verdict").equals("linearizable") ? Verdict.VALID : Verdict.INVALID;
    assertEquals(expected, r.verdict(), () -> row.relative() + ": " + r.describe());
    if (expected == Verdict.INVALID) {
      assertTrue(r.counterexample().isPresent(), "an invalid verdict carries a counterexample");
      assertTrue(!r.counterexample().orElseThrow().unplaceable().isEmpty(), "the counterexample names an operation");
    }
  }

  @Test
  @DisplayName("cas-failure.edn: the operation that cannot be linearized is process 70's ok read of 0 at entry 491 (Knossos's own assertion)")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void casFailureCounterexample() throws IOException {
    History h = HistoryReader.read(Anchors.root().resolve("knossos/cas-register/bad/cas-failure.edn"), HistoryFormat.EDN);
    LinearizabilityResult r = LinearizabilityChecker.check(h, (Model) Models.casRegister(0L, true), OPTIONS);
    assertEquals(Verdict.INVALID, r.verdict());
    Operation op = r.counterexample().orElseThrow().unplaceable().get(0);
    assertEquals(70, op.process(), r.describe());
    assertEquals("read", op.function());
    assertEquals(0L, op.value());
    assertEquals(491, op.completeIndex(), r.describe());
  }
}
