package dev.hourglass.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recoverable-fault mode (the fault atlas): every replica gets the same write stream, under high
 * rates of every fault that damages stored data. A block (file, sector) counts as damaged on a
 * replica when a read of it fails or returns other bytes than the stream wrote. With the atlas, no
 * block is damaged on more than (n - 1) / 2 replicas; without it, with the same rates, some block
 * is damaged on a majority.
 */
class RecoverableFaultsTest {
  private static final int SECTOR = 512;
  private static final int FILE_SECTORS = 16;
  private static final List<String> FILES = List.of("a", "b");
  private static final DiskFaults HIGH = new DiskFaults(0.3, true, 0.3, 0.3, 0, 0);
  private static final int SEEDS = 100;

  /** The outcome of one run: the most replicas any block was damaged on, and the atlas's refusals. */
  record Damage(int worstBlockReplicas, String worstBlock, long atlasRefused, long faults) {}

  @ParameterizedTest(name = "{0} replicas")
  @ValueSource(ints = {3, 5})
  @DisplayName("with the atlas, no block is ever damaged on more than (n-1)/2 replicas")
  void atlasKeepsDamageToAMinority(int replicas) {
    int allowed = (replicas - 1) / 2;
    long refused = 0;
    long faults = 0;
    int seedsAtTheLimit = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      Damage d = run(seed, replicas, true);
      assertTrue(
          d.worstBlockReplicas() <= allowed,
          "seed=" + seed + ": block " + d.worstBlock() + " damaged on " + d.worstBlockReplicas() + " of " + replicas + " replicas");
      refused += d.atlasRefused();
      faults += d.faults();
      seedsAtTheLimit += d.worstBlockReplicas() == allowed ? 1 : 0;
    }
    assertTrue(refused > 0, "the atlas never had to refuse a fault: the rates are too low to test it");
    assertTrue(faults > 25 * SEEDS, "too few faults to mean anything: " + faults);
    assertTrue(seedsAtTheLimit > SEEDS / 2, "damage reached the minority limit in only " + seedsAtTheLimit + " seeds");
  }

  @ParameterizedTest(name = "{0} replicas")
  @ValueSource(ints = {3, 5})
  @DisplayName("without the atlas, the same rates damage some block on a majority of replicas")
  void withoutAtlasAMajorityGetsDamaged(int replicas) {
    int majoritySeeds = 0;
    for (long seed = 0; seed < 10; seed++) {
      Damage d = run(seed, replicas, false);
      assertEquals(0, d.atlasRefused());
      if (d.worstBlockReplicas() > (replicas - 1) / 2) {
        majoritySeeds++;
      }
    }
    assertTrue(majoritySeeds >= 5, "a majority was damaged in only " + majoritySeeds + " of 10 seeds");
  }

  @Test
  @DisplayName("the atlas follows renames: a block damaged under a file's old name counts under its new one")
  void atlasFollowsRenames() {
    DiskFixture f = DiskFixture.create(1, 3, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    f.disks.recoverableFaults(f.nodes);
    List<SimDisk> disks = f.nodes.stream().map(f::disk).toList();
    byte[] data = DiskFixture.filled(4 * SECTOR, 'd');
    List<SimFile> tmp = new ArrayList<>();
    for (SimDisk d : disks) {
      SimFile t = f.await(d.create("tmp"));
      f.await(t.write(0, data));
      f.await(t.fsync());
      tmp.add(t);
    }
    DiskFaults corrupt = new DiskFaults(1, true, 0, 0, 0, 0);
    for (int i = 0; i < 3; i++) { // n1 first: its reads damage the medium under the name "tmp"
      disks.get(i).setFaults(corrupt);
      for (int s = 0; s < 4; s++) {
        f.await(tmp.get(i).read((long) s * SECTOR, SECTOR));
      }
      disks.get(i).setFaults(DiskFaults.none());
    }
    for (int i = 2; i >= 0; i--) { // now n3 first, under the name "final"
      SimDisk d = disks.get(i);
      f.await(d.rename("tmp", "final"));
      SimFile fin = f.await(d.open("final"));
      d.setFaults(corrupt);
      for (int s = 0; s < 4; s++) {
        f.await(fin.read((long) s * SECTOR, SECTOR));
      }
      d.setFaults(DiskFaults.none());
    }

    for (int s = 0; s < 4; s++) {
      int damaged = 0;
      for (SimDisk d : disks) {
        byte[] stored = Arrays.copyOfRange(d.durableContent("final").orElseThrow(), s * SECTOR, (s + 1) * SECTOR);
        damaged += Arrays.equals(stored, DiskFixture.filled(SECTOR, 'd')) ? 0 : 1;
      }
      assertTrue(damaged <= 1, "sector " + s + " of 'final' is damaged on " + damaged + " of 3 replicas");
    }
  }

  @Test
  @DisplayName("the atlas covers only its replicas: other nodes' disks are damaged freely")
  void atlasCoversOnlyItsReplicas() {
    DiskFixture f = DiskFixture.create(1, 4, DiskFixture.exact().withSectorSizeBytes(SECTOR));
    f.disks.recoverableFaults(f.nodes.subList(0, 3));
    SimDisk outsider = f.disk(f.nodes.get(3));
    byte[] data = DiskFixture.filled(SECTOR, 'x');
    SimFile file = f.await(outsider.create("a"));
    f.await(file.write(0, data));
    outsider.setFaults(new DiskFaults(1, false, 0, 0, 0, 0));
    for (int i = 0; i < 20; i++) {
      assertEquals(1, ReadCorruptionTest.bitsDiffering(data, f.await(file.read(0, SECTOR))));
    }
    assertEquals(0, outsider.stats().faults("atlas-refused"));
  }

  @Test
  @DisplayName("a replica set must be non-empty and distinct")
  void replicaSetIsValidated() {
    DiskFixture f = DiskFixture.create(1, 2, DiskFixture.exact());
    NodeRef n1 = f.nodes.get(0);
    assertThrows(IllegalArgumentException.class, () -> f.disks.recoverableFaults(List.of()));
    assertThrows(IllegalArgumentException.class, () -> f.disks.recoverableFaults(List.of(n1, n1)));
  }

  /** Runs one identical write stream on every replica and measures the damage. */
  static Damage run(long seed, int replicas, boolean atlas) {
    DiskFixture f = DiskFixture.create(seed, replicas, DiskOptions.defaults().withSectorSizeBytes(SECTOR).withMetadataDurableImmediately(true));
    if (atlas) {
      f.disks.recoverableFaults(f.nodes);
    }
    List<SimDisk> disks = f.nodes.stream().map(f::disk).toList();
    Map<String, byte[]> expected = new LinkedHashMap<>();
    List<Map<String, SimFile>> handles = new ArrayList<>();
    SimRandom r = new SimRandom(seed).fork("stream");
    for (SimDisk d : disks) {
      Map<String, SimFile> h = new LinkedHashMap<>();
      for (String name : FILES) {
        h.put(name, f.await(d.create(name)));
      }
      handles.add(h);
    }
    for (String name : FILES) {
      byte[] initial = DurabilityTest.randomBytes(r, FILE_SECTORS * SECTOR);
      expected.put(name, initial);
      all(f, handles, name, h -> h.write(0, initial));
    }
    disks.forEach(d -> d.setFaults(HIGH));

    for (int step = 0; step < 60; step++) {
      String name = FILES.get(r.nextInt(FILES.size()));
      int first = r.nextInt(FILE_SECTORS);
      int count = Math.min(1 + r.nextInt(3), FILE_SECTORS - first);
      byte[] data = DurabilityTest.randomBytes(r, count * SECTOR);
      System.arraycopy(data, 0, expected.get(name), first * SECTOR, data.length);
      all(f, handles, name, h -> h.write((long) first * SECTOR, data));
      if (step % 3 == 0) { // reads, so that read corruption (stored on the medium) happens mid-stream
        String readName = FILES.get(r.nextInt(FILES.size()));
        int at = r.nextInt(FILE_SECTORS) * SECTOR;
        allSettled(f, handles, readName, h -> h.read(at, 2 * SECTOR));
      }
    }
    for (String name : FILES) {
      all(f, handles, name, SimFile::fsync);
    }

    String worstBlock = "";
    int worst = 0;
    for (String name : FILES) {
      byte[] want = expected.get(name);
      long sectors = FILE_SECTORS;
      for (Map<String, SimFile> h : handles) {
        sectors = Math.max(sectors, (h.get(name).size() + SECTOR - 1) / SECTOR);
      }
      for (int s = 0; s < sectors; s++) {
        byte[] wantSector = s < FILE_SECTORS ? Arrays.copyOfRange(want, s * SECTOR, (s + 1) * SECTOR) : new byte[0];
        int damaged = 0;
        for (Map<String, SimFile> h : handles) {
          SimFuture<byte[]> read = h.get(name).read((long) s * SECTOR, SECTOR);
          f.sim.runUntil(read::isDone, Duration.ofSeconds(1));
          if (read.isCompletedExceptionally() || !Arrays.equals(wantSector, read.getNow())) {
            damaged++;
          }
        }
        if (damaged > worst) {
          worst = damaged;
          worstBlock = name + "#" + s;
        }
      }
    }
    long refused = 0;
    long faults = 0;
    for (SimDisk d : disks) {
      refused += d.stats().faults("atlas-refused");
      faults += d.stats().faults("read-corruption") + d.stats().faults("latent") + d.stats().faults("misdirected");
    }
    f.assertNoFailure();
    return new Damage(worst, worstBlock, refused, faults);
  }

  /** Submits the same operation on every replica's handle of {@code name} and waits for all to succeed. */
  private static void all(DiskFixture f, List<Map<String, SimFile>> handles, String name, Function<SimFile, SimFuture<?>> op) {
    List<SimFuture<?>> futures = handles.stream().<SimFuture<?>>map(h -> op.apply(h.get(name))).toList();
    futures.forEach(f::await);
  }

  /** Like {@link #all}, but an operation may fail (a read of a latent sector). */
  private static void allSettled(DiskFixture f, List<Map<String, SimFile>> handles, String name, Function<SimFile, SimFuture<?>> op) {
    List<SimFuture<?>> futures = handles.stream().<SimFuture<?>>map(h -> op.apply(h.get(name))).toList();
    for (SimFuture<?> future : futures) {
      f.sim.runUntil(future::isDone, Duration.ofSeconds(1));
    }
  }
}
