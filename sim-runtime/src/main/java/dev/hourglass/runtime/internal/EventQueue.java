package dev.hourglass.runtime.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.runtime.SimRandom;
import java.util.Arrays;

/**
 * The pending events of one simulation: a radix heap over virtual time, with 8-bit digits, plus a
 * slot table.
 *
 * <p>Why a radix heap: virtual time never goes backwards, so the queue is monotone, and a radix
 * heap (Ahuja, Mehlhorn, Orlin, Tarjan) exploits exactly that: no comparisons between events,
 * an insert is O(1). Let {@code last} be the time of the instant at the front. An event due at
 * {@code t > last} sits in cell (level, digit): level is the highest 8-bit digit in which {@code
 * t} and {@code last} differ, digit is {@code t}'s value there; events due at {@code last} are
 * the ready list. Every cell of a lower level is earlier than every cell of a higher one, and
 * within a level, cells are in digit order; a cell of level 0 is a single instant. When the
 * ready list is empty, the lowest occupied cell comes forward: a level-0 cell becomes the ready
 * list as it is; a higher one sets {@code last} to its earliest time and spreads its events over
 * lower levels. The other cells stay valid, since {@code last} moved only within the spread
 * cell. An event thus moves at most once per level below the one it was added at: for timers
 * up to a millisecond ahead (level 2), at most twice. (The binary radix heap this replaced, one
 * level per bit, moved each about six times; {@code KernelTimerBenchmark} ran at 0.7 times the
 * speed with it.)
 *
 * <p>Simultaneous events are exactly the contents of the ready list, and the tie-break is a
 * choice among them: in seeded mode a uniform draw from the tie stream (so every order of
 * simultaneous events is reachable from some seed), in FIFO mode the first in the list. The list
 * is in insertion order when it comes forward, without sorting: events due at the same time
 * always share a cell (the cell depends only on the time and {@code last}), a new one is
 * appended after those already there, and spreading a cell keeps its order. Later arrivals at
 * the same time are appended too, so FIFO mode is a queue. A seeded draw picks by position and
 * the pick is swapped to the front, so the ready list's order is part of what a seed means:
 * changes to this class must keep it (append on add, spread a cell front to back). Cancelled
 * events that have not been compacted away still hold their place, and a draw may land on one
 * (it is then skipped); that too is part of what a seed means.
 *
 * <p>Cancellation is lazy (the slot is marked and skipped when it surfaces) with a compaction
 * when cancelled entries outnumber live ones by {@value #COMPACT_SLACK}, so schedule-and-cancel
 * churn stays bounded. A compaction frees slots in queue order (ready list, then cells from the
 * earliest); which slots are free decides the ids handed out next, and nothing else.
 *
 * <p>Layout, for speed (see {@code KernelTimerBenchmark} and docs/PERFORMANCE.md): nothing is
 * allocated per event and nothing is boxed. An event's fields live in parallel arrays indexed by
 * slot; a cell is one {@code long[]} of (time, slot) pairs, allocated when first used. The ready
 * list is shifted down rather than grown when its taken head leaves room, so a long run of
 * same-instant events needs memory for the events pending, not for every event of the instant.
 */
public final class EventQueue {
  // Times are >= 0 (they start at 0 and never go back): 63 bits, eight 8-bit digits.
  private static final int LEVELS = 8;
  private static final int CELLS = 256; // per level
  private static final byte FREE = 0;
  private static final byte PENDING = 1;
  private static final byte CANCELLED = 2;
  private static final int COMPACT_SLACK = 4096;

  private final boolean fifoTies;
  private final SimRandom tieRandom;
  private final int capacityMax;

  // Cell (level, digit) is cells[level << 8 | digit]: (time, slot) pairs at [2i] and [2i + 1];
  // cellMin is their least time (Long.MAX_VALUE when empty), cancelled events included until
  // compacted away. occupied has a bit per cell that may hold events, in cell order, and
  // occupiedWords a bit per word of occupied that is not zero: the lowest cell is two bit scans.
  private final long[][] cells = new long[LEVELS * CELLS][];
  private final int[] cellSize = new int[LEVELS * CELLS];
  private final long[] cellMin = new long[LEVELS * CELLS];
  private final long[] occupied = new long[LEVELS * CELLS / 64];
  private long occupiedWords;
  // The ready list: (time, slot) pairs, every time `last`; those before readyHead were taken.
  private long[] ready = new long[2 * 64];
  private int readyHead;
  private int readySize;
  private long last; // the time of the ready list: every pending event is due at or after it
  private long floor; // the time of the last event polled: nothing earlier may be added

  // The slot table: fields of each pending event.
  private Object[] actions;
  private String[] labels;
  private long[] details;
  private int[] nodes;
  private int[] incarnations;
  private int[] generations;
  private byte[] states;
  private int[] freeSlots;
  private int freeCount;
  private int slotsUsed; // high-water mark of slots ever handed out
  private int slotsMax; // slots the table has room for
  private int live;
  private int cancelledPending;

  public EventQueue(boolean fifoTies, SimRandom tieRandom, int capacityMax) {
    checkArgument(capacityMax > 0, "capacityMax must be positive: capacityMax=%s", capacityMax);
    this.fifoTies = fifoTies;
    this.tieRandom = tieRandom;
    this.capacityMax = capacityMax;
    Arrays.fill(cellMin, Long.MAX_VALUE);
    slotsMax = Math.min(1024, capacityMax);
    actions = new Object[slotsMax];
    labels = new String[slotsMax];
    details = new long[slotsMax];
    nodes = new int[slotsMax];
    incarnations = new int[slotsMax];
    generations = new int[slotsMax];
    states = new byte[slotsMax];
    freeSlots = new int[slotsMax];
  }

  /** Pending events that are not cancelled. */
  public int size() {
    return live;
  }

  public int capacityMax() {
    return capacityMax;
  }

  /** The time of the last event removed by {@link #poll}: nothing earlier may be added. */
  public long lastTime() {
    return floor;
  }

  /**
   * Adds an event due at {@code time} and returns its id (slot and generation), which stays
   * valid for {@link #cancel} until the event is removed.
   *
   * @throws QueueFullException when {@code capacityMax} events are already pending
   */
  public long add(long time, Object action, String label, long detail, int node, int incarnation) {
    checkArgument(time >= floor, "time is in the past: time=%s last=%s", time, floor);
    if (live >= capacityMax) {
      throw new QueueFullException(capacityMax);
    }
    if (time < last) {
      rewind(time);
    }
    int slot = allocateSlot();
    actions[slot] = action;
    labels[slot] = label;
    details[slot] = detail;
    nodes[slot] = node;
    incarnations[slot] = incarnation;
    states[slot] = PENDING;
    live++;
    place(time, slot, last);
    return ((long) generations[slot] << 32) | slot;
  }

  /** Cancels a pending event; false if it already ran, was cancelled, or the id is stale. */
  public boolean cancel(long id) {
    if (!isPending(id)) {
      return false;
    }
    int slot = (int) id;
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
      if (readyHead == readySize) {
        readyHead = 0;
        readySize = 0;
        if (!refill(deadline)) {
          return -1;
        }
      } else if (last > deadline) {
        // The ready list is due at `last`, which can be past the deadline: a poll that skipped
        // cancelled events moved `last` ahead of the clock, and an add at exactly `last` lands here.
        return -1;
      }
      int slot = takeReady();
      if (states[slot] == PENDING) {
        states[slot] = FREE; // removed; the slot is recycled by release()
        live--;
        floor = last;
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

  /** Appends an event due at {@code t} to the ready list or the cell it falls in relative to {@code last}. */
  private void place(long t, int slot, long last) {
    long x = t ^ last;
    if (x == 0) {
      pushReady(t, slot);
      return;
    }
    int level = (63 - Long.numberOfLeadingZeros(x)) >>> 3;
    int c = (level << 8) | ((int) (t >>> (level << 3)) & 255);
    long[] to = cells[c];
    int m = cellSize[c];
    if (to == null) {
      to = cells[c] = new long[16];
    } else if (2 * m == to.length) {
      to = cells[c] = Arrays.copyOf(to, 2 * to.length);
    }
    to[2 * m] = t;
    to[2 * m + 1] = slot;
    cellSize[c] = m + 1;
    cellMin[c] = Math.min(cellMin[c], t); // branch-free: whether t is the new minimum is a coin flip
    occupied[c >>> 6] |= 1L << c;
    occupiedWords |= 1L << (c >>> 6);
  }

  /** Appends to the ready list; shifts the untaken entries down, or grows it when they fill half. */
  private void pushReady(long t, int slot) {
    if (2 * readySize == ready.length) {
      int waiting = readySize - readyHead;
      if (4 * waiting > ready.length) {
        ready = Arrays.copyOf(ready, 2 * ready.length);
      } else {
        System.arraycopy(ready, 2 * readyHead, ready, 0, 2 * waiting); // keeps the order: draws are positional
        readyHead = 0;
        readySize = waiting;
      }
    }
    ready[2 * readySize] = t;
    ready[2 * readySize + 1] = slot;
    readySize++;
  }

  private int takeReady() {
    long[] entries = ready;
    int head = readyHead;
    int count = readySize - head;
    if (!fifoTies && count > 1) {
      int pick = head + tieRandom.nextInt(count);
      long chosen = entries[2 * pick + 1]; // the times are all `last`: swapping slots is enough
      entries[2 * pick + 1] = entries[2 * head + 1];
      entries[2 * head + 1] = chosen;
    }
    readyHead = head + 1;
    return (int) entries[2 * head + 1];
  }

  /** The lowest cell that may hold events (it may have been emptied by a compaction), or -1. */
  private int lowestCell() {
    long words = occupiedWords;
    if (words == 0) {
      return -1;
    }
    int w = Long.numberOfTrailingZeros(words);
    return (w << 6) | Long.numberOfTrailingZeros(occupied[w]);
  }

  private void clearCell(int c) {
    cellSize[c] = 0;
    cellMin[c] = Long.MAX_VALUE;
    int w = c >>> 6;
    long bits = occupied[w] & ~(1L << c);
    occupied[w] = bits;
    if (bits == 0) {
      occupiedWords &= ~(1L << w);
    }
  }

  /**
   * Brings the lowest occupied cell forward, unless its earliest event is due after {@code
   * deadline}. Returns whether the ready list (which must be empty) now has events.
   */
  private boolean refill(long deadline) {
    while (true) {
      int c = lowestCell();
      if (c < 0) {
        return false;
      }
      int n = cellSize[c];
      if (n == 0) { // emptied by a compaction
        clearCell(c);
        continue;
      }
      long[] entries = cells[c];
      int level = c >>> 8;
      if (level == 0) {
        long t = entries[0];
        if (t > deadline) {
          return false;
        }
        last = t;
        cells[c] = ready; // the cell is one instant: it becomes the ready list as it is
        ready = entries;
        readyHead = 0;
        readySize = n;
        clearCell(c);
        return true;
      }
      long min = cellMin[c];
      if (min > deadline) {
        return false;
      }
      last = min;
      clearCell(c);
      for (int i = 0; i < 2 * n; i += 2) { // front to back: keeps each instant in insertion order
        place(entries[i], (int) entries[i + 1], min);
      }
      return true;
    }
  }

  /**
   * Makes {@code time}, earlier than {@code last}, the new {@code last}. This happens only after
   * a poll skipped cancelled events past the clock and then found nothing due: {@code last}
   * moved to their time but the clock stayed, so an event may still be added between the clock
   * and {@code last}. (Before this existed, such an add failed as "in the past".) Every event is
   * due after {@code time}; the ready list's untaken events, then the cells in order, are placed
   * again relative to it. O(pending), at most once per such poll.
   */
  private void rewind(long time) {
    checkState(time >= floor && time < last, "rewind out of range: time=%s floor=%s last=%s", time, floor, last);
    int total = readySize - readyHead;
    for (int c = 0; c < cells.length; c++) {
      total += cellSize[c];
    }
    long[] all = new long[2 * total];
    int k = 0;
    System.arraycopy(ready, 2 * readyHead, all, 0, 2 * (readySize - readyHead));
    k += readySize - readyHead;
    readyHead = 0;
    readySize = 0;
    for (int c = 0; c < cells.length; c++) {
      int n = cellSize[c];
      if (n > 0) {
        System.arraycopy(cells[c], 0, all, 2 * k, 2 * n);
        k += n;
        cellSize[c] = 0;
      }
    }
    Arrays.fill(occupied, 0);
    Arrays.fill(cellMin, Long.MAX_VALUE);
    occupiedWords = 0;
    last = time;
    for (int i = 0; i < 2 * total; i += 2) {
      place(all[i], (int) all[i + 1], time);
    }
  }

  private int allocateSlot() {
    if (freeCount > 0) {
      return freeSlots[--freeCount];
    }
    if (slotsUsed == slotsMax) {
      growSlots();
    }
    return slotsUsed++;
  }

  /** Marks a slot free, drops its references and bumps its generation (stale ids then fail). */
  private void freeSlot(int slot) {
    states[slot] = FREE;
    actions[slot] = null;
    labels[slot] = null;
    generations[slot]++;
    freeSlots[freeCount++] = slot;
  }

  private void growSlots() {
    // Slots in use: live events (<= capacityMax), cancelled ones not yet skipped or compacted away
    // (<= live + COMPACT_SLACK at the last cancel, so <= capacityMax + COMPACT_SLACK), and polled
    // ones not yet released.
    long slotsBound = 2L * Math.max(capacityMax, 16) + COMPACT_SLACK + 16;
    int n = (int) Math.min((long) slotsMax * 2, slotsBound);
    checkState(n > slotsMax, "slot table cannot grow: slots=%s", slotsMax);
    actions = Arrays.copyOf(actions, n);
    labels = Arrays.copyOf(labels, n);
    details = Arrays.copyOf(details, n);
    nodes = Arrays.copyOf(nodes, n);
    incarnations = Arrays.copyOf(incarnations, n);
    generations = Arrays.copyOf(generations, n);
    states = Arrays.copyOf(states, n);
    freeSlots = Arrays.copyOf(freeSlots, n);
    slotsMax = n;
  }

  /** Drops cancelled entries: the ready list, then the cells in order. */
  private void compact() {
    int kept = readyHead;
    for (int i = readyHead; i < readySize; i++) {
      int slot = (int) ready[2 * i + 1];
      if (states[slot] == CANCELLED) {
        freeSlot(slot);
      } else {
        ready[2 * kept] = ready[2 * i];
        ready[2 * kept + 1] = slot;
        kept++;
      }
    }
    readySize = kept;
    for (int c = 0; c < cells.length; c++) {
      int n = cellSize[c];
      if (n == 0) {
        continue;
      }
      long[] entries = cells[c];
      int m = 0;
      long min = Long.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        int slot = (int) entries[2 * i + 1];
        if (states[slot] == CANCELLED) {
          freeSlot(slot);
        } else {
          entries[2 * m] = entries[2 * i];
          entries[2 * m + 1] = slot;
          min = Math.min(min, entries[2 * i]);
          m++;
        }
      }
      cellSize[c] = m;
      cellMin[c] = min;
    }
    cancelledPending = 0;
  }
}
