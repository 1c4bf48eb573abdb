package dev.hourglass.disk;

import static dev.hourglass.disk.DiskFixture.bytes;
import static dev.hourglass.disk.DiskFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.SimFuture;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a crash leaves of the directory: create, rename and delete are durable only after {@code
 * fsyncDirectory()} (or at once with {@code metadataDurableImmediately}); unsynced ones survive
 * as a prefix, as a journal replayed up to some point.
 */
class DirectoryDurabilityTest {
  private static final int SEEDS = 100;

  /** Runs {@code scenario} for seeds 0..SEEDS-1 and collects the outcomes it reports. */
  private static Set<String> outcomes(LongFunction<String> scenario) {
    Set<String> seen = new TreeSet<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      seen.add(scenario.apply(seed));
    }
    return seen;
  }

  @Test
  @DisplayName("an unsynced create can be undone by a crash; after fsyncDirectory it never is")
  void createIsDurableOnlyAfterFsyncDirectory() {
    Set<String> unsynced = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.create("a");
      f.crashAndRestart();
      return f.disk().exists("a") ? "kept" : "undone";
    });
    assertEquals(Set.of("kept", "undone"), unsynced);

    Set<String> synced = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.create("a");
      f.await(f.disk().fsyncDirectory());
      f.crashAndRestart();
      return f.disk().exists("a") ? "kept" : "undone";
    });
    assertEquals(Set.of("kept"), synced);
  }

  @Test
  @DisplayName("an unsynced rename can be undone by a crash (the file keeps its old name); after fsyncDirectory it never is")
  void renameIsDurableOnlyAfterFsyncDirectory() {
    LongFunction<String> scenario = seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.durableFile("tmp", bytes("data"));
      f.await(f.disk().rename("tmp", "final"));
      if (seed % 2 == 1) {
        f.await(f.disk().fsyncDirectory());
      }
      f.crashAndRestart();
      String name = String.join(",", f.disk().list());
      assertEquals("data", text(f.readAll(f.open(name))), "seed=" + seed);
      return (seed % 2 == 1 ? "synced:" : "unsynced:") + name;
    };
    assertEquals(Set.of("synced:final", "unsynced:final", "unsynced:tmp"), outcomes(scenario));
  }

  @Test
  @DisplayName("an unsynced delete can be undone by a crash (the data comes back); after fsyncDirectory it never is")
  void deleteIsDurableOnlyAfterFsyncDirectory() {
    LongFunction<String> scenario = seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.durableFile("a", bytes("data"));
      f.await(f.disk().delete("a"));
      if (seed % 2 == 1) {
        f.await(f.disk().fsyncDirectory());
      }
      f.crashAndRestart();
      if (f.disk().exists("a")) {
        assertEquals("data", text(f.readAll(f.open("a"))), "seed=" + seed);
      }
      return (seed % 2 == 1 ? "synced:" : "unsynced:") + (f.disk().exists("a") ? "back" : "gone");
    };
    assertEquals(Set.of("synced:gone", "unsynced:back", "unsynced:gone"), outcomes(scenario));
  }

  @Test
  @DisplayName("with metadataDurableImmediately, create, rename and delete survive every crash")
  void metadataDurableImmediately() {
    Set<String> seen = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults().withMetadataDurableImmediately(true));
      f.create("a");
      f.create("b");
      f.await(f.disk().rename("a", "c"));
      f.await(f.disk().delete("b"));
      f.crashAndRestart();
      return String.join(",", f.disk().list());
    });
    assertEquals(Set.of("c"), seen);
  }

  @Test
  @DisplayName("a file whose creation a crash undid is gone with its data, even data that was fsynced")
  void lostCreationLosesTheData() {
    Set<String> seen = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      SimFile file = f.create("a");
      f.write(file, 0, bytes("synced data"));
      f.fsync(file);
      f.crashAndRestart();
      if (!f.disk().exists("a")) {
        assertTrue(f.disk().durableContent("a").isEmpty());
        assertEquals(0, f.create("a").size(), "a new file of the name starts empty: seed=" + seed);
        return "gone";
      }
      assertEquals("synced data", text(f.readAll(f.open("a"))), "seed=" + seed);
      return "kept";
    });
    assertEquals(Set.of("gone", "kept"), seen);
  }

  @Test
  @DisplayName("unsynced directory operations survive a crash as a prefix, in the order they completed")
  void unsyncedDirectoryOperationsSurviveAsAPrefix() {
    Set<String> seen = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.create("a");
      f.create("b");
      f.create("c");
      f.crashAndRestart();
      return String.join(",", f.disk().list());
    });
    assertEquals(Set.of("", "a", "a,b", "a,b,c"), seen);
  }

  @Test
  @DisplayName("fsyncDirectory covers only the operations completed before it was called")
  void fsyncDirectoryCoversOnlyEarlierOperations() {
    Set<String> seen = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.create("a");
      SimFuture<Void> sync = f.disk().fsyncDirectory();
      f.create("b"); // completes while the directory sync runs
      assertFalse(sync.isDone());
      f.await(sync);
      f.crashAndRestart();
      return String.join(",", f.disk().list());
    });
    assertEquals(Set.of("a", "a,b"), seen);
  }

  @Test
  @DisplayName("the atomic-replace pattern (write tmp, fsync, rename, fsyncDirectory) leaves the old or the new file, never neither")
  void atomicReplaceNeverLosesBoth() {
    Set<String> seen = outcomes(seed -> {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.durableFile("current", bytes("old"));
      SimFile tmp = f.create("tmp");
      f.write(tmp, 0, bytes("new"));
      f.fsync(tmp);
      f.await(f.disk().rename("tmp", "current"));
      if (seed % 3 == 0) {
        f.await(f.disk().fsyncDirectory());
      }
      f.crashAndRestart();
      assertTrue(f.disk().exists("current"), "seed=" + seed);
      String content = text(f.readAll(f.open("current")));
      if (seed % 3 == 0) {
        assertEquals("new", content, "seed=" + seed);
      }
      return content;
    });
    assertEquals(Set.of("new", "old"), seen);
  }

  @Test
  @DisplayName("a failed fsyncDirectory leaves the operations unsynced; a retry makes them durable")
  void failedFsyncDirectoryCanBeRetried() {
    for (long seed = 0; seed < 20; seed++) {
      DiskFixture f = DiskFixture.create(seed, DiskOptions.defaults());
      f.create("a");
      f.disk().setFaults(new DiskFaults(0, false, 0, 0, 0, 1));
      assertEquals(DiskException.Kind.IO_ERROR, f.awaitFailure(f.disk().fsyncDirectory()).kind());
      f.disk().setFaults(DiskFaults.none());
      f.await(f.disk().fsyncDirectory());
      f.crashAndRestart();
      assertEquals(List.of("a"), f.disk().list(), "seed=" + seed);
    }
  }
}
