package dev.hourglass.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hourglass.runtime.SimRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The radix heap in FIFO mode against the obvious reference: a {@link PriorityQueue} ordered by
 * (time, insertion sequence), with cancellation as removal. Random operations — adds near the
 * last polled time and far from it, cancels of pending, cancelled, polled and bogus ids, and
 * polls with deadlines that stop between events — must give the same answers from both.
 *
 * <p>Deadlines are never below {@link EventQueue#lastTime()}: that is how the kernel polls (its
 * clock never goes back), and nothing earlier than it can be pending.
 */
class EventQueueDifferentialTest {
  /** One event as the reference sees it; {@code detail} is the sequence, which identifies it. */
  private record Ref(long time, long seq, long id) {}

  private static final Comparator<Ref> BY_TIME_THEN_SEQ =
      Comparator.comparingLong(Ref::time).thenComparingLong(Ref::seq);

  @Test
  @DisplayName("FIFO mode: 200 random runs of 3,000 operations agree with a (time, seq) priority queue")
  void agreesWithReferenceOverRandomOperations() {
    for (long seed = 0; seed < 200; seed++) {
      runOne(seed, 3_000);
    }
  }

  private static void runOne(long seed, int operations) {
    SimRandom rnd = new SimRandom(seed);
    // Half the runs keep times close together (ties, the ready list, rewinds after skipped
    // cancellations); the others spread them over 40 bits (high buckets, long redistributions).
    boolean narrow = seed % 2 == 0;
    EventQueue queue = new EventQueue(true, new SimRandom(~seed), 1 << 20);
    PriorityQueue<Ref> reference = new PriorityQueue<>(BY_TIME_THEN_SEQ);
    Map<Long, Ref> pendingById = new LinkedHashMap<>();
    List<Long> everyId = new ArrayList<>();
    long seq = 0;
    long floor = 0;
    String where = "seed=" + seed;

    for (int op = 0; op < operations; op++) {
      int kind = rnd.nextInt(100);
      String at = where + " op=" + op;
      if (kind < 45) {
        long time = floor + offset(rnd, narrow);
        long id = queue.add(time, "action-" + seq, "label", seq, 0, 0);
        Ref ref = new Ref(time, seq, id);
        reference.add(ref);
        pendingById.put(id, ref);
        everyId.add(id);
        seq++;
      } else if (kind < 65) {
        long id = pickId(rnd, everyId, pendingById);
        Ref ref = pendingById.remove(id);
        boolean expected = ref != null;
        if (expected) {
          reference.remove(ref);
        }
        assertEquals(expected, queue.cancel(id), at + " cancel id=" + Long.toHexString(id));
        assertEquals(false, queue.isPending(id), at + " isPending after cancel");
      } else {
        long deadline = floor + offset(rnd, narrow);
        int slot = queue.poll(deadline);
        Ref head = reference.peek();
        if (head == null || head.time() > deadline) {
          assertEquals(-1, slot, at + " poll(" + deadline + "): reference has nothing due, head=" + head);
        } else {
          if (slot < 0) {
            fail(at + " poll(" + deadline + ") returned nothing, reference head=" + head);
          }
          reference.poll();
          pendingById.remove(head.id());
          assertEquals(head.seq(), queue.detailOf(slot), at + " polled the wrong event");
          assertEquals("action-" + head.seq(), queue.actionOf(slot), at + " action of polled slot");
          assertEquals(head.time(), queue.lastTime(), at + " lastTime is the polled event's time");
          assertEquals(false, queue.isPending(head.id()), at + " a polled event is not pending");
          assertEquals(false, queue.cancel(head.id()), at + " a polled event cannot be cancelled");
          queue.release(slot);
          floor = head.time();
        }
      }
      assertEquals(reference.size(), queue.size(), at + " size");
    }
    // Drain: everything left comes out in reference order.
    while (!reference.isEmpty()) {
      Ref head = reference.poll();
      int slot = queue.poll(Long.MAX_VALUE);
      assertTrue(slot >= 0, where + " drain: queue ran dry before reference, head=" + head);
      assertEquals(head.seq(), queue.detailOf(slot), where + " drain order");
      queue.release(slot);
    }
    assertEquals(-1, queue.poll(Long.MAX_VALUE), where + " drained");
    assertEquals(0, queue.size(), where + " empty at the end");
  }

  /** A delay from the last polled time: often 0 (a tie at the floor), small, or wide. */
  private static long offset(SimRandom rnd, boolean narrow) {
    int shape = rnd.nextInt(10);
    if (shape == 0) {
      return 0;
    }
    if (narrow || shape < 6) {
      return rnd.nextInt(24);
    }
    return rnd.nextLong(0, 1L << 40);
  }

  /** Mostly an id that was handed out (pending, cancelled or polled); sometimes garbage. */
  private static long pickId(SimRandom rnd, List<Long> everyId, Map<Long, Ref> pendingById) {
    int shape = rnd.nextInt(10);
    if (shape == 0 || everyId.isEmpty()) {
      return rnd.nextLong(); // bogus: out-of-range slot or wrong generation
    }
    if (shape < 6 && !pendingById.isEmpty()) {
      // a pending one, so that cancels actually happen
      int skip = rnd.nextInt(pendingById.size());
      for (long id : pendingById.keySet()) {
        if (skip-- == 0) {
          return id;
        }
      }
    }
    return everyId.get(rnd.nextInt(everyId.size()));
  }
}
