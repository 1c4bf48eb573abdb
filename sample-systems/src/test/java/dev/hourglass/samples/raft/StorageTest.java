package dev.hourglass.samples.raft;

import static dev.hourglass.samples.raft.StorageFixture.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.DiskFaults;
import dev.hourglass.samples.raft.DiskFormat.Meta;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StorageTest {
  @Test
  @DisplayName("term and vote survive a crash once durable; a fresh disk starts at term 0 with no vote")
  void metaSurvivesACrash() {
    StorageFixture f = new StorageFixture(1);
    assertEquals(Meta.INITIAL, f.start().meta());
    f.act(s -> s.saveMeta(new Meta(3, "n2")));
    f.act(s -> s.saveMeta(new Meta(5, "n4")));
    f.settle();
    f.crash();
    assertEquals(new Meta(5, "n4"), f.start().meta());
  }

  @Test
  @DisplayName("a crash in the middle of saving term and vote leaves the old version or the new, never a mix or nothing")
  void crashDuringSaveLeavesOldOrNew() {
    Set<Meta> seen = new LinkedHashSet<>();
    for (long seed = 1; seed <= 60; seed++) {
      StorageFixture f = new StorageFixture(seed);
      f.start();
      f.act(s -> s.saveMeta(new Meta(7, "n1")));
      f.settle();
      f.act(s -> s.saveMeta(new Meta(8, "n3")));
      f.runFor((seed * 104_729) % 12_000_000); // crash somewhere in write, fsync, read-back, rename, directory fsync
      f.crash();
      Meta after = f.start().meta();
      assertTrue(after.equals(new Meta(7, "n1")) || after.equals(new Meta(8, "n3")), "seed " + seed + ": " + after);
      seen.add(after);
    }
    assertEquals(2, seen.size(), "both outcomes happen: " + seen);
  }

  @Test
  @DisplayName("saving term and vote under write, fsync and latent-sector faults still ends durable and readable")
  void metaSurvivesDiskFaults() {
    for (long seed = 1; seed <= 10; seed++) {
      StorageFixture f = new StorageFixture(seed);
      f.start();
      f.faults(new DiskFaults(0.2, false, 0.2, 0, 0.2, 0.2));
      for (int term = 1; term <= 10; term++) {
        int t = term;
        f.act(s -> s.saveMeta(new Meta(t, "n" + t % 5)));
      }
      f.settle();
      f.faults(DiskFaults.none());
      f.crash();
      assertEquals(new Meta(10, "n0"), f.start().meta(), "seed " + seed);
      assertEquals(List.of(), f.failStops);
    }
  }

  @Test
  @DisplayName("afterDurable runs only once everything changed before it is on disk, in order")
  void afterDurableWaitsForEverything() {
    StorageFixture f = new StorageFixture(2);
    f.start();
    List<String> events = new ArrayList<>();
    f.act(s -> {
      s.afterDurable(() -> events.add("nothing pending: at once"));
      s.log().append(entry(1, "a"));
      s.saveMeta(new Meta(1, "n1"));
      s.afterDurable(() -> events.add("first log=" + s.log().durableIndex()));
      s.log().append(entry(1, "b"));
      s.afterDurable(() -> events.add("second durable=" + s.isDurable() + " log=" + s.log().durableIndex()));
    });
    assertEquals(List.of("nothing pending: at once"), events, "nothing else runs before the disk answers");
    f.settle();
    // The first append went to disk at once and the second waited for it (one batch in flight):
    // the first waiter runs when "a" and the metadata are durable, while "b" is still on its way.
    assertEquals(List.of("nothing pending: at once", "first log=1", "second durable=true log=2"), events);
  }
}
