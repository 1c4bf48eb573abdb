package dev.hourglass.checkers.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.io.Anchors;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Elle's option maps, as the manifest writes them. */
class TxnOptionsTest {
  @Test
  @DisplayName("every option map in the Elle manifest parses")
  void manifestOptions() {
    for (Anchors.Row row : Anchors.manifest("elle")) {
      TxnOptions.fromEdn(row.get("checker_options"));
    }
  }

  @Test
  @DisplayName("{} means strict serializability; :consistency-models nil means no model at all")
  void defaultsAndNil() {
    assertEquals(List.of("strict-serializable"), TxnOptions.fromEdn("{}").consistencyModels());
    TxnOptions o = TxnOptions.fromEdn("{:consistency-models nil, :anomalies [:G1]}");
    assertEquals(List.of(), o.consistencyModels());
    assertEquals(List.of("G1"), o.anomalies());
  }

  @Test
  @DisplayName("the version-order flags and Elle's timeout (milliseconds) are read")
  void flags() {
    TxnOptions o = TxnOptions.fromEdn("{:wfr-keys? true, :sequential-keys? true, :linearizable-keys? false, "
        + ":cycle-search-timeout 250, :directory \"out\"}");
    assertTrue(o.wfrKeys());
    assertTrue(o.sequentialKeys());
    assertFalse(o.linearizableKeys());
    assertEquals(Duration.ofMillis(250), o.cycleSearchTimeout());
  }

  @Test
  @DisplayName("mistakes are reported by name: unknown keys, models, anomalies, wrong value types")
  void errors() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:consistency-model [:serializable]}"))
        .getMessage().contains("unknown key :consistency-model"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:consistency-models [:serialisable]}"))
        .getMessage().contains("unknown consistency model serialisable; known models: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:anomalies [:G3]}"))
        .getMessage().contains("unknown anomaly G3"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:wfr-keys? 1}"))
        .getMessage().contains(":wfr-keys? is true or false"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("[:serializable]"))
        .getMessage().contains("expected an EDN map"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:consistency-models :serializable}"))
        .getMessage().contains("is a vector of keywords"));
    assertThrows(IllegalArgumentException.class, () -> TxnOptions.fromEdn("{:a"));
  }

  @Test
  @DisplayName("canonical (Adya) model names are accepted too")
  void canonicalNames() {
    assertEquals(List.of("PL-2", "PL-SI"), TxnOptions.fromEdn("{:consistency-models [:PL-2 :PL-SI]}").consistencyModels());
  }
}
