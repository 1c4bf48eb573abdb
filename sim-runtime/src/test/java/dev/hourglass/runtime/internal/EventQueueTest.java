package dev.hourglass.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.runtime.SimRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The event queue's own contract: ids, capacity, bounded memory under churn, seeded ties. */
class EventQueueTest {
  private static EventQueue fifo(int capacityMax) {
    return new EventQueue(true, new SimRandom(1), capacityMax);
  }

  private static long add(EventQueue q, long time, long detail) {
    return q.add(time, "a", "l", detail, 0, 0);
  }

  @Test
  @DisplayName("an id whose slot was recycled no longer cancels anything, and the new event is safe")
  void staleIdAfterSlotReuse() {
    EventQueue q = fifo(100);
    long old = add(q, 5, 1);
    int slot = q.poll(10);
    assertEquals(1, q.detailOf(slot));
    q.release(slot);
    long fresh = add(q, 7, 2);
    assertEquals((int) old, (int) fresh, "the free slot is reused (else this test proves nothing)");
    assertFalse(q.cancel(old), "stale id must be rejected");
    assertFalse(q.isPending(old));
    assertTrue(q.isPending(fresh));
    assertEquals(1, q.size());
    int next = q.poll(10);
    assertEquals(2, q.detailOf(next), "the new event survived the stale cancel");
  }

  @Test
  @DisplayName("adding before the last polled time is rejected")
  void addInThePast() {
    EventQueue q = fifo(100);
    add(q, 50, 0);
    q.release(q.poll(100));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> add(q, 49, 1));
    assertTrue(e.getMessage().contains("past"), e.getMessage());
    add(q, 50, 2); // exactly the last time is fine
    assertEquals(1, q.size());
  }

  @Test
  @DisplayName("capacityMax counts live events: full throws QueueFullException, a cancel makes room")
  void capacity() {
    EventQueue q = fifo(3);
    long a = add(q, 1, 0);
    add(q, 2, 1);
    add(q, 3, 2);
    QueueFullException e = assertThrows(QueueFullException.class, () -> add(q, 4, 3));
    assertEquals(3, e.capacityMax());
    assertTrue(e.getMessage().contains("queueCapacityMax=3"), e.getMessage());
    assertTrue(q.cancel(a));
    add(q, 4, 3);
    assertEquals(3, q.size());
  }

  @Test
  @DisplayName("a poll never returns an event due after its deadline, even one added at a time the queue skipped to")
  void pollRespectsDeadlineAfterSkippingCancelled() {
    EventQueue q = fifo(100);
    long cancelled = add(q, 7, 0);
    add(q, 20, 1);
    assertTrue(q.cancel(cancelled));
    assertEquals(-1, q.poll(10), "only a cancelled event is due by 10");
    // The queue skipped past time 7 but nothing was polled: 7 is still a valid time to add at.
    add(q, 7, 2);
    assertEquals(-1, q.poll(4), "the event at 7 is not due by 4");
    int slot = q.poll(7);
    assertTrue(slot >= 0);
    assertEquals(2, q.detailOf(slot));
    assertEquals(7, q.lastTime());
  }

  @Test
  @DisplayName("schedule-and-cancel churn keeps size right and recycles slots (compaction)")
  void churnIsBounded() {
    EventQueue q = fifo(1_000_000);
    for (int i = 0; i < 10; i++) {
      add(q, 1_000_000 + i, i);
    }
    int highestSlot = 0;
    for (int i = 0; i < 500_000; i++) {
      long id = add(q, 10 + i % 1000, -1);
      highestSlot = Math.max(highestSlot, (int) id); // an id's low 32 bits are its slot
      assertTrue(q.cancel(id));
      if (i % 50_000 == 0) {
        assertEquals(10, q.size());
      }
    }
    assertEquals(10, q.size());
    // Without compaction every cancelled event would hold its slot until polled: 500,000 slots.
    assertTrue(highestSlot < 16_384, "cancelled events are compacted away, highest slot=" + highestSlot);
    for (int i = 0; i < 10; i++) {
      int slot = q.poll(Long.MAX_VALUE);
      assertEquals(i, q.detailOf(slot), "only the live events come out, in order");
      q.release(slot);
    }
    assertEquals(-1, q.poll(Long.MAX_VALUE));
  }

  @Test
  @DisplayName("a queue kept full while its events are cancelled and replaced never runs out of slots")
  void fullQueueWithCancelledEntries() {
    int capacity = 10_000;
    EventQueue q = fifo(capacity);
    List<Long> ids = new ArrayList<>();
    long t = 1;
    while (q.size() < capacity) {
      ids.add(add(q, t++, 0));
    }
    // RPC-timeout style churn at capacity: cancel one, schedule its replacement. Cancelled
    // entries pile up until they outnumber the live ones by the compaction slack.
    for (int i = 0; i < 30_000; i++) {
      int k = i % capacity;
      assertTrue(q.cancel(ids.get(k)), "i=" + i);
      ids.set(k, add(q, t++, 0));
    }
    assertEquals(capacity, q.size());
  }

  @Test
  @DisplayName("seeded ties: every order of 3 simultaneous events comes from some seed, and each is a permutation")
  void seededTiesReachEveryOrder() {
    Set<List<Long>> orders = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      EventQueue q = new EventQueue(false, new SimRandom(seed), 100);
      add(q, 9, 0);
      add(q, 3, 100); // an earlier event, so the tie group arrives through a bucket
      add(q, 9, 1);
      add(q, 9, 2);
      List<Long> order = new ArrayList<>();
      int slot;
      while ((slot = q.poll(Long.MAX_VALUE)) >= 0) {
        order.add(q.detailOf(slot));
        q.release(slot);
      }
      assertEquals(100L, order.get(0), "time order comes before any tie-break");
      assertEquals(Set.of(0L, 1L, 2L), new HashSet<>(order.subList(1, 4)));
      orders.add(order.subList(1, 4));
    }
    assertEquals(6, orders.size(), "all 3! orders: " + orders);
  }
}
