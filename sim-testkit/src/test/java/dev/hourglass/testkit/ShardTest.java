package dev.hourglass.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  @DisplayName("the n shards of a seed set own every seed index exactly once, and each lists its own in order")
  void shardsPartitionSeedIndices() {
    for (int n = 1; n <= 9; n++) {
      for (long total = 0; total <= 40; total++) {
        int[] owners = new int[(int) total];
        for (int i = 0; i < n; i++) {
          Shard shard = new Shard(i, n);
          List<Long> listed = new ArrayList<>();
          for (long p = 0; p < shard.sizeOf(total); p++) {
            listed.add(shard.seedIndex(p));
          }
          for (long k = 0; k < total; k++) {
            if (shard.owns(k)) {
              owners[(int) k]++;
              assertTrue(listed.contains(k), shard + " lists " + k);
            }
          }
          assertEquals(listed.stream().sorted().distinct().toList(), listed, "ascending, no repeats");
          for (long k : listed) {
            assertTrue(k < total && shard.owns(k), shard + " owns " + k);
          }
        }
        for (long k = 0; k < total; k++) {
          assertEquals(1, owners[(int) k], "index " + k + " of " + total + " over " + n + " shards");
        }
      }
    }
  }

  @Test
  @DisplayName("a shard is written i/n, numbered from 0; anything else is rejected with what was expected")
  void parse() {
    assertEquals(new Shard(3, 8), Shard.parse("3/8"));
    assertEquals(Shard.ALL, Shard.parse(" 0/1 "));
    assertEquals("3/8", new Shard(3, 8).toString());
    for (String bad : List.of("8/8", "-1/4", "1/0", "1", "/4", "1/", "a/b", "1/2/3", "")) {
      var e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("not a shard: '" + bad + "'"), e.getMessage());
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("8/8")).getMessage()
        .contains("shards are numbered from 0"));
  }

  @Test
  @DisplayName("seed sets: a count from a start, a range, and a list, indexed from 0")
  void seedSets() {
    SeedSet count = SeedSet.count(0x10, 3);
    assertEquals(3, count.size());
    assertEquals(0x12, count.seedAt(2));
    assertEquals("3 seeds from 0x0000000000000010", count.describe());
    assertEquals(count, SeedSet.range(0x10, 0x13));
    assertEquals(0, SeedSet.count(-1, 2).seedAt(1), "seeds are 64-bit patterns: the range wraps");
    SeedSet listed = SeedSet.of(List.of(7L, 3L, 0x2aL));
    assertEquals(0x2a, listed.seedAt(2));
    assertThrows(IllegalArgumentException.class, () -> SeedSet.count(1, 0));
    assertThrows(IllegalArgumentException.class, () -> SeedSet.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> count.seedAt(3));
  }

  @Test
  @DisplayName("the registry finds the test scenarios and names the known ones for an unknown name")
  void registry() {
    assertEquals(List.of("test-nondeterministic", "test-register"), Scenarios.names());
    assertEquals(RegisterScenario.class, Scenarios.byName("test-register").getClass());
    var e = assertThrows(IllegalArgumentException.class, () -> Scenarios.byName("raft"));
    assertEquals("unknown scenario 'raft' (known scenarios: test-nondeterministic, test-register; "
        + "`hourglass list` describes them)", e.getMessage());
  }
}
