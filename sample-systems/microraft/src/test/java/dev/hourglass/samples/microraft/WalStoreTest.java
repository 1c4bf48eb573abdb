package dev.hourglass.samples.microraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.disk.Disk;
import dev.hourglass.disk.DiskFaults;
import dev.hourglass.disk.DiskOptions;
import dev.hourglass.runtime.NodeContext;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.Simulation;
import dev.hourglass.samples.microraft.KvOps.Command;
import io.microraft.RaftEndpoint;
import io.microraft.model.log.LogEntry;
import io.microraft.persistence.RestoredRaftState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WalStoreTest {
  private static final RaftEndpoint N1 = new SimEndpoint("n1");
  private static final List<RaftEndpoint> MEMBERS = List.of(N1, new SimEndpoint("n2"), new SimEndpoint("n3"));

  /** One node that recovers its WAL at every start, hands the result to the test, then lets it write. */
  private static final class Harness {
    final Simulation sim;
    final NodeRef node;
    final List<Optional<RestoredRaftState>> recoveries = new ArrayList<>();
    final List<String> outputs = new ArrayList<>();
    WalStore store;
    NodeContext ctx;

    Harness(long seed, DiskFaults faults, BiConsumer<Harness, Integer> onRecovered) {
      sim = Simulation.create(seed);
      Disk.attach(sim, DiskOptions.defaults().withSectorSizeBytes(512).withFaults(faults));
      node = sim.addNode("n1", c -> () -> {
        ctx = c;
        WalStore.on(WalRecovery.recover(c, 512, why -> { throw new AssertionError("fail-stop: " + why); }), (r, e) -> {
          store = new WalStore(c, r.file(), 512, r.fileEnd(), r.nextBatchSequence(), why -> { throw new AssertionError(why); }, false);
          recoveries.add(r.state());
          onRecovered.accept(this, recoveries.size());
        });
      });
    }

    void firstStart() {
      store.persistAndFlushLocalEndpoint(Wire.MODEL.createRaftEndpointPersistentStateBuilder().setLocalEndpoint(N1).setVoting(true).build());
      store.persistAndFlushInitialGroupMembers(Wire.MODEL.createRaftGroupMembersViewBuilder().setLogIndex(0).setMembers(MEMBERS)
          .setVotingMembers(MEMBERS).build());
      store.persistAndFlushTerm(Wire.MODEL.createRaftTermPersistentStateBuilder().setTerm(3).setVotedFor(N1).build());
      List<LogEntry> entries = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        entries.add(Wire.MODEL.createLogEntryBuilder().setIndex(i).setTerm(3).setOperation(new Command("put", "k", "v" + i, null, 1, i)).build());
      }
      store.persistLogEntries(entries);
      store.truncateLogEntriesFrom(16);
      store.flush();
      store.afterDurable(() -> outputs.add("ack 15"));
    }
  }

  @Test
  @DisplayName("what was flushed before an output is restored after a crash, truncations included; the output waited for it")
  void flushedStateSurvivesACrash() {
    for (long seed = 1; seed <= 50; seed++) {
      Harness h = new Harness(seed, DiskFaults.none(), (harness, n) -> {
        if (n == 1) {
          harness.firstStart();
          assertTrue(harness.outputs.isEmpty(), "an output went out before its flush was durable");
        }
      });
      h.sim.runUntil(() -> !h.outputs.isEmpty(), Duration.ofSeconds(5));
      assertEquals(List.of("ack 15"), h.outputs);
      // Unflushed writes after the output: they may or may not survive, but never half of one.
      h.store.persistAndFlushTerm(Wire.MODEL.createRaftTermPersistentStateBuilder().setTerm(4).setVotedFor(null).build());
      h.sim.crash(h.node);
      h.sim.restart(h.node);
      h.sim.runFor(Duration.ofSeconds(1));
      assertEquals(2, h.recoveries.size());
      RestoredRaftState s = h.recoveries.get(1).orElseThrow();
      assertEquals(N1, s.getLocalEndpointPersistentState().getLocalEndpoint());
      assertEquals(3, s.getInitialGroupMembers().getMembers().size());
      assertTrue(s.getTermPersistentState().getTerm() == 3 || s.getTermPersistentState().getTerm() == 4, "term " + s.getTermPersistentState());
      assertEquals(15, s.getLogEntries().size(), "seed " + seed);
      assertEquals(15, s.getLogEntries().get(14).getIndex());
      assertEquals(new Command("put", "k", "v15", null, 1, 15), s.getLogEntries().get(14).getOperation());
    }
  }

  @Test
  @DisplayName("under EIO, failed fsyncs, latent sector errors and flipped bits, a flushed batch is still restored whole")
  void diskFaultsAreRepaired() {
    DiskFaults faults = new DiskFaults(0.05, false, 0.05, 0, 0.05, 0.05);
    for (long seed = 1; seed <= 50; seed++) {
      Harness h = new Harness(seed, faults, (harness, n) -> {
        if (n == 1) {
          harness.firstStart();
        }
      });
      h.sim.runUntil(() -> !h.outputs.isEmpty(), Duration.ofSeconds(5));
      assertFalse(h.sim.failure().isPresent(), () -> h.sim.failure().get().toString());
      assertEquals(List.of("ack 15"), h.outputs);
      h.sim.crash(h.node);
      h.sim.restart(h.node);
      h.sim.runFor(Duration.ofSeconds(2));
      assertFalse(h.sim.failure().isPresent(), () -> h.sim.failure().get().toString());
      assertEquals(15, h.recoveries.get(1).orElseThrow().getLogEntries().size(), "seed " + seed);
    }
  }

  @Test
  @DisplayName("a node that crashed before its first flush starts fresh")
  void emptyLogStartsFresh() {
    Harness h = new Harness(1, DiskFaults.none(), (harness, n) -> {});
    h.sim.runFor(Duration.ofMillis(100));
    assertEquals(List.of(Optional.empty()), h.recoveries);
  }
}
