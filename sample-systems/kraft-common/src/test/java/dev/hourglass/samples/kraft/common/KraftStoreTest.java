package dev.hourglass.samples.kraft.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.samples.kraft.common.KraftStore.StoredBatch;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KraftStoreTest {
  private static StoredBatch batch(long offset) {
    return new StoredBatch(offset, offset, 1, false, new byte[] {(byte) offset});
  }

  @Test
  @DisplayName("a crash keeps every flushed batch and a random prefix of the unflushed ones")
  void crashKeepsFlushedAndAPrefix() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      Simulation sim = Simulation.create(seed);
      KraftStore.attach(sim);
      NodeRef n = sim.addNode("n1", ctx -> () -> {});
      KraftStore store = n.component(KraftStore.class);
      for (long o = 0; o < 3; o++) {
        store.append(batch(o));
      }
      store.flush();
      for (long o = 3; o < 8; o++) {
        store.append(batch(o));
      }
      sim.crash(n);
      int size = store.batches().size();
      assertTrue(size >= 3 && size <= 8, "size=" + size);
      for (int i = 0; i < size; i++) {
        assertEquals(i, store.batches().get(i).baseOffset(), "a prefix survives");
      }
      sizes.add(size);
    }
    assertTrue(sizes.contains(3) && sizes.contains(8) && sizes.size() > 3, "every prefix length is possible: " + sizes);
  }

  @Test
  @DisplayName("a crash after a flush loses nothing; truncation is durable at once")
  void flushedSurvives() {
    Simulation sim = Simulation.create(5);
    KraftStore.attach(sim);
    NodeRef n = sim.addNode("n1", ctx -> () -> {});
    KraftStore store = n.component(KraftStore.class);
    for (long o = 0; o < 5; o++) {
      store.append(batch(o));
    }
    store.flush();
    store.truncateTo(3);
    sim.crash(n);
    assertEquals(3, store.batches().size());
  }
}
