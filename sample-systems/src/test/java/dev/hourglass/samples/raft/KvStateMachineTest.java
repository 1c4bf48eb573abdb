package dev.hourglass.samples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.samples.raft.Messages.ClientResponse;
import dev.hourglass.samples.raft.Messages.Command;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {
  private static Command append(long client, long seq, String value) {
    return new Command(Messages.APPEND, "k", value, null, client, seq);
  }

  @Test
  @DisplayName("a retried append is applied once and answered with the first answer")
  void retriedWriteAppliesOnce() {
    KvStateMachine sm = new KvStateMachine(true);
    assertEquals(Optional.of(ClientResponse.ok(null)), sm.apply(append(1, 1, "a;")));
    assertEquals(Optional.of(ClientResponse.ok(null)), sm.apply(append(1, 1, "a;")), "the duplicate gets the same answer");
    assertEquals("a;", sm.read("k"));
    assertEquals(1, sm.duplicatesSuppressed());
    assertEquals(Optional.of(ClientResponse.ok(null)), sm.alreadyApplied(1, 1));
    assertEquals(Optional.empty(), sm.alreadyApplied(1, 2));
  }

  @Test
  @DisplayName("sessions are per client, and a straggler older than the last applied write is dropped unanswered")
  void sessionsPerClientAndStragglers() {
    KvStateMachine sm = new KvStateMachine(true);
    sm.apply(append(1, 1, "a;"));
    sm.apply(append(2, 1, "b;"));
    sm.apply(append(1, 2, "c;"));
    assertEquals("a;b;c;", sm.read("k"));
    assertTrue(sm.isStraggler(1, 1));
    assertEquals(Optional.empty(), sm.apply(append(1, 1, "a;")), "client 1 gave up on its first write long ago");
    assertEquals("a;b;c;", sm.read("k"));
  }

  @Test
  @DisplayName("planted bug no-dedup: a duplicated append is appended twice")
  void noDedupAppliesTwice() {
    KvStateMachine sm = new KvStateMachine(false);
    sm.apply(append(1, 1, "a;"));
    sm.apply(append(1, 1, "a;"));
    assertEquals("a;a;", sm.read("k"));
    assertEquals(Optional.empty(), sm.alreadyApplied(1, 1));
  }

  @Test
  @DisplayName("put replaces, a missing key reads empty, cas compares, reads and no-ops change nothing")
  void operations() {
    KvStateMachine sm = new KvStateMachine(true);
    assertEquals("", sm.read("x"));
    sm.apply(new Command(Messages.PUT, "x", "1", null, 1, 1));
    assertEquals(Optional.of(ClientResponse.ok("1")), sm.apply(new Command(Messages.GET, "x", null, null, 1, 2)));
    assertEquals(ClientResponse.FAIL, sm.apply(new Command(Messages.CAS, "x", "3", "2", 1, 3)).orElseThrow().status());
    assertEquals("1", sm.read("x"));
    assertEquals(ClientResponse.OK, sm.apply(new Command(Messages.CAS, "x", "3", "1", 1, 4)).orElseThrow().status());
    sm.apply(Command.noop());
    assertEquals("3", sm.read("x"));
  }
}
