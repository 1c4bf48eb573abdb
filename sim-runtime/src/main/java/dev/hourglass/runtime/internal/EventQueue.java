package dev.hourglass.runtime.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.SimRandom;
import java.util.Arrays;

/**
 * The pending events of one simulation: a radix heap over virtual time plus a slot table.
 *
 * <p>Why a radix heap: virtual time never goes backwards, so the queue is monotone, and a radix
 * heap (Ahuja, Mehlhorn, Orlin, Tarjan) exploits exactly that. An insert is O(1) — one XOR and a
 * leading-zero count pick the bucket — and an element moves to a lower bucket at most 64 times
 * over its life, in practice two or three; a binary heap pays log n compares on both insert and
 * removal. Bucket {@code b > 0} holds events whose time differs from the last removed time in
 * highest bit {@code b - 1}; bucket 0 holds the events due at exactly the last removed time.
 *
 * <p>Simultaneous events are exactly the contents of bucket 0, and the tie-break is a choice
 * among them: in seeded mode a uniform draw from the tie stream (so every order of simultaneous
 * events is reachable from some seed), in FIFO mode the oldest by insertion sequence. A bucket
 * is sorted by sequence when it becomes bucket 0, and later arrivals at the same time have larger
 * sequences, so FIFO mode is a queue from then on.
 *
 * <p>Cancellation is lazy (the slot is marked and skipped when it surfaces) with a compaction
 * when cancelled entries outnumber live ones, so schedule-and-cancel churn stays bounded. The
 * event's own fields live in parallel arrays indexed by slot: no object per event, no boxing.
 */
public final class EventQueue {
  // Times are >= 0 (they start at 0 and never go back), so time ^ last < 2^63 and a bucket index
  // 64 - numberOfLeadingZeros(time ^ last) is at most 63.
  private static final int BUCKETS = 64;
  private static final byte FREE = 0;
  private static final byte PENDING = 1;
  private static final byte CANCELLED = 2;
  private static final int COMPACT_SLACK = 4096;

  private final boolean fifoTies;
  private final SimRandom tieRandom;
  private final int capacityMax;

  // Per-bucket arrays of (time, slot).
  private final long[][] bucketTimes = new long[BUCKETS][];
  private final int[][] bucketSlots = new int[BUCKETS][];
  private final int[] bucketSize = new int[BUCKETS];
  private int bucket0Head;
  private long nonEmpty; // bit b set when bucket b > 0 may be non-empty
  private long last; // the last removed time: every pending time is >= last

  // The slot table: fields of each pending event.
  Object[] actions;
  String[] labels;
  long[] details;
  int[] nodes;
  int[] incarnations;
  private long[] seqs;
  private int[] generations;
  private byte[] states;
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed; // high-water mark of slots ever handed out
  private long nextSeq;
  private int live;
  private int cancelledPending;

  public EventQueue(boolean fifoTies, SimRandom tieRandom, int capacityMax) {
    checkArgument(capacityMax > 0, "capacityMax must be positive: capacityMax=%s", capacityMax);
    this.fifoTies = fifoTies;
    this.tieRandom = tieRandom;
    this.capacityMax = capacityMax;
    for (int b = 0; b < BUCKETS; b++) {
      bucketTimes[b] = new long[b == 0 ? 64 : 16];
      bucketSlots[b] = new int[b == 0 ? 64 : 16];
    }
    int initial = Math.min(1024, capacityMax);
    actions = new Object[initial];
    labels = new String[initial];
    details = new long[initial];
    nodes = new int[initial];
    incarnations = new int[initial];
    seqs = new long[initial];
    generations = new int[initial];
    states = new byte[initial];
    freeSlots = new int[initial];
  }

  /** Pending events that are not cancelled. */
  public int size() {
    return live;
  }

  public int capacityMax() {
    return capacityMax;
  }

  /** The time of the last event removed: nothing earlier may be added. */
  public long lastTime() {
    return last;
  }

  /**
   * Adds an event due at {@code time} and returns its id (slot and generation), which stays
   * valid for {@link #cancel} until the event is removed.
   *
   * @throws QueueFullException when {@code capacityMax} events are already pending
   */
  public long add(
      long time, Object action, String label, long detail, int node, int incarnation) {
    checkArgument(time >= last, "time is in the past: time=%s last=%s", time, last);
    if (live >= capacityMax) {
      throw new QueueFullException(capacityMax);
    }
    int slot = allocateSlot();
    actions[slot] = action;
    labels[slot] = label;
    details[slot] = detail;
    nodes[slot] = node;
    incarnations[slot] = incarnation;
    seqs[slot] = nextSeq++;
    states[slot] = PENDING;
    live++;
    push(bucketOf(time), time, slot);
    return ((long) generations[slot] << 32) | slot;
  }

  /** Cancels a pending event; false if it already ran, was cancelled, or the id is stale. */
  public boolean cancel(long id) {
    int slot = (int) id;
    int generation = (int) (id >>> 32);
    if (slot < 0 || slot >= slotsUsed || generations[slot] != generation) {
      return false;
    }
    if (states[slot] != PENDING) {
      return false;
    }
    states[slot] = CANCELLED;
    actions[slot] = null;
    live--;
    cancelledPending++;
    if (cancelledPending > live + COMPACT_SLACK) {
      compact();
    }
    return true;
  }

  /** True if {@code id} names an event that is still pending. */
  public boolean isPending(long id) {
    int slot = (int) id;
    return slot >= 0
        && slot < slotsUsed
        && generations[slot] == (int) (id >>> 32)
        && states[slot] == PENDING;
  }

  /**
   * Removes the next event due at or before {@code deadline} and returns its slot, or -1 if there
   * is none. The caller reads the slot's fields, then calls {@link #release}. The event's time is
   * {@link #lastTime()}.
   */
  public int poll(long deadline) {
    while (true) {
      if (bucket0Head == bucketSize[0]) {
        bucket0Head = 0;
        bucketSize[0] = 0;
        if (!refill(deadline)) {
          return -1;
        }
      }
      int slot = takeFromBucket0();
      if (states[slot] == PENDING) {
        states[slot] = FREE; // removed; the slot is recycled by release()
        live--;
        return slot;
      }
      cancelledPending--;
      freeSlot(slot);
    }
  }

  /** Returns a polled slot to the free list and drops its references. */
  public void release(int slot) {
    checkState(states[slot] == FREE, "slot was not polled: slot=%s", slot);
    freeSlot(slot);
  }

  /** Calls {@code visitor} with the id of every pending event (for eager cancellation). */
  public void forEachPending(IdVisitor visitor) {
    for (int slot = 0; slot < slotsUsed; slot++) {
      if (states[slot] == PENDING) {
        visitor.visit(((long) generations[slot] << 32) | slot, slot);
      }
    }
  }

  /** Callback of {@link #forEachPending}. */
  @FunctionalInterface
  public interface IdVisitor {
    void visit(long id, int slot);
  }

  public int nodeOf(int slot) {
    return nodes[slot];
  }

  public int incarnationOf(int slot) {
    return incarnations[slot];
  }

  public Object actionOf(int slot) {
    return actions[slot];
  }

  public String labelOf(int slot) {
    return labels[slot];
  }

  public long detailOf(int slot) {
    return details[slot];
  }

  // ---------------------------------------------------------------------------------------------

  private int bucketOf(long time) {
    return time == last ? 0 : 64 - Long.numberOfLeadingZeros(time ^ last);
  }

  private void push(int b, long time, int slot) {
    int n = bucketSize[b];
    if (n == bucketSlots[b].length) {
      bucketSlots[b] = Arrays.copyOf(bucketSlots[b], n * 2);
      bucketTimes[b] = Arrays.copyOf(bucketTimes[b], n * 2);
    }
    bucketTimes[b][n] = time;
    bucketSlots[b][n] = slot;
    bucketSize[b] = n + 1;
    nonEmpty |= 1L << b;
  }

  private int takeFromBucket0() {
    int[] slots = bucketSlots[0];
    int head = bucket0Head;
    int count = bucketSize[0] - head;
    if (!fifoTies && count > 1) {
      int pick = head + tieRandom.nextInt(count);
      int chosen = slots[pick];
      slots[pick] = slots[head];
      slots[head] = chosen;
    }
    bucket0Head = head + 1;
    return slots[head];
  }

  /**
   * Moves the lowest non-empty bucket into bucket 0 (and the rest of it into lower buckets),
   * unless its earliest time is past {@code deadline}. Returns whether bucket 0 now has events.
   */
  private boolean refill(long deadline) {
    long candidates = nonEmpty & ~1L;
    while (candidates != 0) {
      int b = bucketIndex(candidates);
      int n = bucketSize[b];
      if (n == 0) {
        candidates &= ~bit(b);
        nonEmpty &= ~bit(b);
        continue;
      }
      long[] times = bucketTimes[b];
      long min = times[0];
      for (int i = 1; i < n; i++) {
        if (times[i] < min) {
          min = times[i];
        }
      }
      if (min > deadline) {
        return false;
      }
      last = min;
      int[] slots = bucketSlots[b];
      bucketSize[b] = 0;
      nonEmpty &= ~bit(b);
      for (int i = 0; i < n; i++) {
        long t = times[i];
        push(bucketOf(t), t, slots[i]); // always a lower bucket than b
      }
      if (fifoTies && bucketSize[0] > 1) {
        sortBucket0BySeq();
      }
      return true;
    }
    return false;
  }

  private static int bucketIndex(long mask) {
    return Long.numberOfTrailingZeros(mask);
  }

  private static long bit(int b) {
    return 1L << b;
  }

  private void sortBucket0BySeq() {
    int n = bucketSize[0];
    int[] slots = bucketSlots[0];
    long[] seq = seqs;
    // Insertion sort: ties are usually few; large tie groups fall back to a primitive sort.
    if (n <= 32) {
      for (int i = 1; i < n; i++) {
        int s = slots[i];
        long key = seq[s];
        int j = i - 1;
        while (j >= 0 && seq[slots[j]] > key) {
          slots[j + 1] = slots[j];
          j--;
        }
        slots[j + 1] = s;
      }
    } else {
      it.unimi.dsi.fastutil.ints.IntArrays.quickSort(
          slots, 0, n, (a, b) -> Long.compare(seq[a], seq[b]));
    }
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == actions.length) {
      growSlots();
    }
    return slotsUsed++;
  }

  private void freeSlot(int slot) {
    states[slot] = FREE;
    actions[slot] = null;
    labels[slot] = null;
    generations[slot]++;
    freeSlots[freeCount++] = slot;
  }

  private void growSlots() {
    int n = (int) Math.min((long) actions.length * 2, Math.max(capacityMax, 16) + (long) COMPACT_SLACK * 2 + 16);
    checkState(n > actions.length, "slot table cannot grow: length=%s", actions.length);
    actions = Arrays.copyOf(actions, n);
    labels = Arrays.copyOf(labels, n);
    details = Arrays.copyOf(details, n);
    nodes = Arrays.copyOf(nodes, n);
    incarnations = Arrays.copyOf(incarnations, n);
    seqs = Arrays.copyOf(seqs, n);
    generations = Arrays.copyOf(generations, n);
    states = Arrays.copyOf(states, n);
    freeSlots = Arrays.copyOf(freeSlots, n);
  }

  /** Drops cancelled entries from every bucket, keeping each bucket's order. */
  private void compact() {
    for (int b = 0; b < BUCKETS; b++) {
      int from = b == 0 ? bucket0Head : 0;
      int n = bucketSize[b];
      int[] slots = bucketSlots[b];
      long[] times = bucketTimes[b];
      int kept = from;
      for (int i = from; i < n; i++) {
        int slot = slots[i];
        if (states[slot] == CANCELLED) {
          freeSlot(slot);
        } else {
          slots[kept] = slots[i];
          times[kept] = times[i];
          kept++;
        }
      }
      bucketSize[b] = kept;
    }
    cancelledPending = 0;
  }
}
