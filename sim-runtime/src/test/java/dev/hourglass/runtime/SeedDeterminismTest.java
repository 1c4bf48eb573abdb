package dev.hourglass.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A seed is a complete reproduction: same seed, same trace; different seeds, different runs. */
class SeedDeterminismTest {

  @Test
  @Timeout(60)
  @DisplayName("over 1,000 seeds of a busy faulty cluster: each seed replays to the same trace hash, and the hashes differ")
  void thousandSeeds() {
    int seeds = 1_000;
    SimulationOptions lean = SimulationOptions.defaults().withTraceRecordsMax(0); // the hash covers every event
    Set<Long> hashes = new HashSet<>();
    long events = 0;
    long crashes = 0;
    long pauses = 0;
    long timeouts = 0;
    long fires = 0;
    long messages = 0;
    for (long seed = 0; seed < seeds; seed++) {
      Simulation first = BusyCluster.run(seed, lean);
      Simulation second = BusyCluster.run(seed, lean);
      assertEquals(first.trace().hash(), second.trace().hash(), "seed " + Seeds.format(seed) + " did not replay");
      assertEquals(first.trace().eventCount(), second.trace().eventCount());
      assertEquals(first.coverage(), second.coverage());
      assertEquals(first.buggifyReport(), second.buggifyReport());
      hashes.add(first.trace().hash());
      events += first.trace().eventCount();
      fires += first.buggifyReport().stream().mapToLong(BuggifySite::fired).sum();
      if (seed < 50) { // the full statistics need retained records: sample a few seeds
        BusyCluster.Stats s = BusyCluster.stats(BusyCluster.run(seed));
        crashes += s.crashes();
        pauses += s.pauses();
        timeouts += s.timeouts();
        messages += s.messages();
      }
    }
    assertEquals(seeds, hashes.size(), "distinct trace hashes over " + seeds + " seeds");
    // The scenario must really exercise the kernel, or this test proves little.
    assertTrue(events / seeds > 1_000, "events per run: " + events / seeds);
    assertTrue(crashes > 50 && pauses > 50 && timeouts > 50 && messages > 5_000,
        "crashes=" + crashes + " pauses=" + pauses + " timeouts=" + timeouts + " messages=" + messages);
    assertTrue(fires > 1_000, "buggify fires=" + fires);
  }
}
