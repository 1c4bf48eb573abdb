package dev.hourglass.disk.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One file's bytes: the durable content (what the medium holds) and, on top, the volatile
 * overlay of unsynced writes and truncates in the order they completed. Reads see the overlay;
 * {@code fsync} moves a prefix of it into the durable content; a crash keeps, tears or loses
 * each overlay entry (see {@link #applyCrash}).
 */
public final class Inode {
  /** An unsynced change. {@code data == null} means a truncate to {@code position}. */
  public record Pending(long seq, long position, byte[] data) {
    public boolean isTruncate() {
      return data == null;
    }

    public long end() {
      return data == null ? position : position + data.length;
    }
  }

  /** Where {@link #flipVisibleBit} found a byte: the durable content, nowhere, or an overlay index. */
  private static final int DURABLE = -1;
  private static final int HOLE = -2;

  public final long id;
  private byte[] durable = new byte[0];
  private int durableLength;
  private final List<Pending> pending = new ArrayList<>();
  private long nextSeq;
  /**
   * The size a reader sees, kept in step with the overlay so that {@link #size} is O(1): a write
   * or a truncate moves it as {@link #replayedSize} would, a sync leaves it (the entries it makes
   * durable give the durable content the size their replay gave), and anything else recounts.
   * Every write checks capacity by it, so a rescan of the overlay per write would make a long
   * run of unsynced writes quadratic.
   */
  private long size;
  /** Names this inode has in its namespace's current view; maintained by {@link Namespace}. */
  int names;

  public Inode(long id) {
    this.id = id;
  }

  /** An independent copy (durable content and overlay), for exploring crash states. */
  public Inode copy() {
    Inode c = new Inode(id);
    c.durable = Arrays.copyOf(durable, durableLength);
    c.durableLength = durableLength;
    c.pending.addAll(pending);
    c.nextSeq = nextSeq;
    c.size = size;
    return c;
  }

  public List<Pending> pending() {
    return pending;
  }

  public long lastSeq() {
    return pending.isEmpty() ? -1 : pending.get(pending.size() - 1).seq();
  }

  public int durableLength() {
    return durableLength;
  }

  /** A copy of the durable content. */
  public byte[] durableContent() {
    return Arrays.copyOf(durable, durableLength);
  }

  public void setDurableContent(byte[] content) {
    durable = content.clone();
    durableLength = content.length;
    size = replayedSize();
  }

  /** True while the file has a name in its namespace's current view (its size counts as used space). */
  public boolean isNamed() {
    return names > 0;
  }

  /** Size as a reader sees it (durable plus overlay). O(1). */
  public long size() {
    assert size == replayedSize() : "cached size " + size + " != replayed size " + replayedSize() + ": inode=" + id;
    return size;
  }

  /** The size by replaying the overlay on the durable content: O(overlay), for recounts and checks. */
  private long replayedSize() {
    long replayed = durableLength;
    for (Pending p : pending) {
      replayed = p.isTruncate() ? p.position() : Math.max(replayed, p.end());
    }
    return replayed;
  }

  /** Adds an unsynced write of a copy of {@code data} (the caller may reuse its array). */
  public void addWrite(long position, byte[] data) {
    addWriteOwned(position, data.clone());
  }

  /**
   * Adds an unsynced write of {@code data} itself, without a copy: the caller hands the array
   * over and must not touch it again (the disk copies a caller's buffer once, when the write is
   * submitted; copying it again here cost a second 4 KiB allocation per 4 KiB write).
   */
  public void addWriteOwned(long position, byte[] data) {
    checkArgument(position >= 0, "position must be >= 0: position=%s", position);
    pending.add(new Pending(nextSeq++, position, data));
    size = Math.max(size, position + data.length);
  }

  public void addTruncate(long size) {
    checkArgument(size >= 0, "size must be >= 0: size=%s", size);
    pending.add(new Pending(nextSeq++, size, null));
    this.size = size;
  }

  /** Reads {@code length} bytes at {@code position} as a reader sees them (zeros past holes). */
  public byte[] read(long position, int length) {
    int n = (int) Math.max(0, Math.min(length, size() - position));
    byte[] out = new byte[n];
    if (n == 0) {
      return out;
    }
    // Replay durable then overlay onto the window [position, position + n).
    long limit = durableLength;
    copyInto(out, position, durable, 0, durableLength);
    for (Pending p : pending) {
      if (p.isTruncate()) {
        if (p.position() < position + n) {
          zero(out, position, p.position());
        }
        limit = p.position();
      } else {
        if (p.position() > limit) {
          zero(out, position, limit); // bytes between the old end and a write past it read as zeros
        }
        copyInto(out, position, p.data(), p.position(), p.data().length);
        limit = Math.max(limit, p.end());
      }
    }
    return out;
  }

  private static void copyInto(byte[] out, long outPosition, byte[] src, long srcPosition, int srcLength) {
    long from = Math.max(outPosition, srcPosition);
    long to = Math.min(outPosition + out.length, srcPosition + srcLength);
    if (from < to) {
      System.arraycopy(src, (int) (from - srcPosition), out, (int) (from - outPosition), (int) (to - from));
    }
  }

  // Zero the part of the window at or after fileOffset (a truncate or a hole discarded it).
  private static void zero(byte[] out, long outPosition, long fileOffset) {
    long from = Math.max(outPosition, fileOffset);
    if (from < outPosition + out.length) {
      Arrays.fill(out, (int) (from - outPosition), out.length, (byte) 0);
    }
  }

  /** Makes the overlay entries with {@code seq <= upToSeq} durable, in order. */
  public void sync(long upToSeq) {
    int n = 0; // apply the prefix, then drop it in one step (remove(0) in a loop is quadratic)
    while (n < pending.size() && pending.get(n).seq() <= upToSeq) {
      applyDurably(pending.get(n), null, 0);
      n++;
    }
    pending.subList(0, n).clear();
  }

  /** Drops the overlay entries with {@code seq <= upToSeq} (a failed fsync, as on Linux). */
  public void dropDirty(long upToSeq) {
    pending.removeIf(p -> p.seq() <= upToSeq);
    size = replayedSize();
  }

  /**
   * A crash: each overlay entry, in order, is applied whole ({@code keep}), applied sector by
   * sector where {@code sectorKept} says so ({@code torn}), or lost. The overlay is then empty.
   */
  public void applyCrash(List<CrashFate> fates, int sectorSize) {
    checkState(fates.size() == pending.size(), "one fate per pending entry: fates=%s pending=%s", fates.size(), pending.size());
    for (int i = 0; i < fates.size(); i++) {
      CrashFate fate = fates.get(i);
      if (fate.kept()) {
        applyDurably(pending.get(i), fate.sectorsKept(), sectorSize);
      }
    }
    pending.clear();
    size = durableLength;
  }

  /**
   * What a crash does to one overlay entry: lost ({@code kept == false}), kept whole ({@code
   * sectorsKept == null}) or torn (only the sectors, counted from the entry's first, marked true).
   */
  public record CrashFate(boolean kept, boolean[] sectorsKept) {
    public static final CrashFate LOST = new CrashFate(false, null);
    public static final CrashFate WHOLE = new CrashFate(true, null);
  }

  private void applyDurably(Pending p, boolean[] sectorsKept, int sectorSize) {
    if (p.isTruncate()) {
      int newLength = Math.toIntExact(p.position());
      ensureCapacity(newLength);
      if (newLength > durableLength) {
        Arrays.fill(durable, durableLength, newLength, (byte) 0);
      }
      durableLength = newLength;
      return;
    }
    int end = Math.toIntExact(p.end());
    int start = Math.toIntExact(p.position());
    ensureCapacity(end);
    if (start > durableLength) {
      Arrays.fill(durable, durableLength, start, (byte) 0);
    }
    if (sectorsKept == null) {
      System.arraycopy(p.data(), 0, durable, start, p.data().length);
      durableLength = Math.max(durableLength, end);
      return;
    }
    // Torn: sector boundaries are absolute file offsets.
    int newLength = durableLength;
    long firstSector = start / sectorSize;
    for (long s = firstSector; s * sectorSize < end; s++) {
      if (!sectorsKept[(int) (s - firstSector)]) {
        continue;
      }
      int from = (int) Math.max(start, s * sectorSize);
      int to = (int) Math.min(end, (s + 1) * sectorSize);
      if (from > durableLength) {
        Arrays.fill(durable, durableLength, from, (byte) 0);
      }
      System.arraycopy(p.data(), from - start, durable, from, to - from);
      newLength = Math.max(newLength, to);
      durableLength = Math.max(durableLength, to);
    }
    durableLength = newLength;
  }

  /** Sectors an overlay entry spans (for tearing). */
  public static int sectorsSpanned(Pending p, int sectorSize) {
    if (p.isTruncate() || p.data().length == 0) {
      return 1;
    }
    long first = p.position() / sectorSize;
    long last = (p.end() - 1) / sectorSize;
    return (int) (last - first + 1);
  }

  private void ensureCapacity(int length) {
    if (length > durable.length) {
      durable = Arrays.copyOf(durable, Math.max(length, durable.length * 2));
    }
  }

  /**
   * Flips bit {@code bit} of byte {@code position} where a read finds it (stored corruption): in
   * the last overlay write that supplies it, or in the durable content if no overlay entry
   * covers it. A byte that reads as zero because of a hole or a truncate is stored nowhere, and
   * nothing changes. Returns whether a bit was flipped.
   */
  public boolean flipVisibleBit(long position, int bit) {
    int source = position < durableLength ? DURABLE : HOLE;
    long limit = durableLength;
    for (int i = 0; i < pending.size(); i++) {
      Pending p = pending.get(i);
      if (p.isTruncate()) {
        if (p.position() <= position) {
          source = HOLE;
        }
        limit = p.position();
      } else {
        if (position >= limit && position < p.position()) {
          source = HOLE; // the gap between the old end and a write past it
        }
        if (position >= p.position() && position < p.end()) {
          source = i;
        }
        limit = Math.max(limit, p.end());
      }
    }
    if (source == HOLE) {
      return false;
    }
    if (source == DURABLE) {
      flipDurableBit(position, bit);
    } else {
      Pending p = pending.get(source);
      p.data()[(int) (position - p.position())] ^= (byte) (1 << bit); // the overlay owns its copy
    }
    return true;
  }

  /** Flips bit {@code bit} of durable byte {@code position} (stored corruption). */
  public void flipDurableBit(long position, int bit) {
    if (position < durableLength) {
      durable[(int) position] ^= (byte) (1 << bit);
    }
  }
}
