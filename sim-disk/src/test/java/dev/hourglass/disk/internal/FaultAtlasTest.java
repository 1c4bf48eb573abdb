package dev.hourglass.disk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fault atlas: at most (n - 1) / 2 replicas damaged per block. */
class FaultAtlasTest {

  @Test
  @DisplayName("with 3 replicas a block may be damaged on one of them, again and again, and on no second one")
  void threeReplicas() {
    FaultAtlas atlas = new FaultAtlas(Set.of(0, 1, 2));
    assertEquals(1, atlas.damagedMax());

    assertTrue(atlas.tryDamage(1, "f", 7));
    assertTrue(atlas.tryDamage(1, "f", 7), "the same replica may be damaged again");
    assertFalse(atlas.tryDamage(0, "f", 7));
    assertFalse(atlas.tryDamage(2, "f", 7));
    assertTrue(atlas.tryDamage(0, "f", 8), "another sector is another block");
    assertTrue(atlas.tryDamage(0, "g", 7), "another file is another block");
    assertEquals(1, atlas.damagedCount("f", 7));
  }

  @Test
  @DisplayName("with 5 replicas two may be damaged per block; nodes outside the set always may")
  void fiveReplicasAndOutsiders() {
    FaultAtlas atlas = new FaultAtlas(Set.of(0, 1, 2, 3, 4));
    assertTrue(atlas.tryDamage(3, "f", 0));
    assertTrue(atlas.tryDamage(4, "f", 0));
    assertFalse(atlas.tryDamage(0, "f", 0));
    assertTrue(atlas.tryDamage(9, "f", 0), "node 9 is not a replica");
    assertEquals(2, atlas.damagedCount("f", 0));
    assertFalse(atlas.covers(9));
  }

  @Test
  @DisplayName("a one- or two-replica set tolerates no damage at all")
  void tinySetsTolerateNothing() {
    assertFalse(new FaultAtlas(Set.of(0)).tryDamage(0, "f", 0));
    assertFalse(new FaultAtlas(Set.of(0, 1)).tryDamage(1, "f", 0));
  }

  @Test
  @DisplayName("a multi-block fault is allowed whole or refused whole: a refusal records nothing")
  void multiBlockIsAllOrNothing() {
    FaultAtlas atlas = new FaultAtlas(Set.of(0, 1, 2));
    assertTrue(atlas.tryDamage(0, "f", 2));

    assertFalse(atlas.tryDamage(1, List.of(new FaultAtlas.Block("f", 1), new FaultAtlas.Block("f", 2))));
    assertEquals(0, atlas.damagedCount("f", 1), "the refused fault recorded none of its blocks");

    assertTrue(atlas.tryDamage(1, List.of(new FaultAtlas.Block("f", 1), new FaultAtlas.Block("g", 1))));
    assertEquals(1, atlas.damagedCount("f", 1));
    assertEquals(1, atlas.damagedCount("g", 1));
  }
}
