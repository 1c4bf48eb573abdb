package dev.hourglass.checkers.invariants.internal;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Jepsen's set-full classification of one element against the ok reads of a history, shared by the
 * set and log checkers.
 *
 * <p>Reads are numbered 0..m-1 in invocation order. An element is <em>known</em> from entry index
 * {@code K}: the earliest completion that shows it is in the collection (an ok add/append of it, or
 * an ok read that contains it). Then, with the element present in the reads {@code P}:
 *
 * <ul>
 *   <li><b>stable</b>: the last read that contains it was invoked after the last read that does
 *       not (it is present in the final read);
 *   <li><b>lost</b>: the last read that does not contain it comes after every read that does, and
 *       was invoked after {@code K} — it is absent from the final read, which had to see it;
 *   <li><b>never-read</b>: neither — no read invoked after {@code K} decides it (or it was never
 *       known: an indeterminate add that no read shows);
 *   <li><b>stale</b> (a stable element): some read invoked after {@code K} does not contain it,
 *       although a later read does.
 * </ul>
 */
public final class Presence {
  /** An element's fate. */
  public enum Fate {
    STABLE,
    LOST,
    NEVER_READ
  }

  /** No completion has shown the element yet. */
  public static final long UNKNOWN = Long.MAX_VALUE;

  /**
   * @param fate stable, lost or never-read
   * @param lastPresent position of the last read that contains the element, or -1
   * @param lastAbsent position of the last read that does not, or -1
   * @param staleRead for a stale element, the first read invoked after it was known that misses it; else -1
   * @param presentAgain for a stale element, the first read after {@code staleRead} that contains it; else -1
   */
  public record Outcome(Fate fate, int lastPresent, int lastAbsent, int staleRead, int presentAgain) {
    public boolean stale() {
      return staleRead >= 0;
    }
  }

  private final long[] readInvokes;

  /** @param readInvokes the invocation entry index of each ok read, ascending */
  public Presence(long[] readInvokes) {
    for (int i = 1; i < readInvokes.length; i++) {
      checkArgument(readInvokes[i - 1] < readInvokes[i], "reads must be in invocation order: at %s, %s then %s",
          i, readInvokes[i - 1], readInvokes[i]);
    }
    this.readInvokes = readInvokes;
  }

  public int reads() {
    return readInvokes.length;
  }

  /** Position of the first read invoked after entry {@code index} ({@link #reads()} if none). */
  public int firstReadAfter(long index) {
    if (index == UNKNOWN) {
      return readInvokes.length;
    }
    int at = Arrays.binarySearch(readInvokes, index);
    return at >= 0 ? at + 1 : -at - 1;
  }

  /**
   * Classifies an element known from entry {@code known} ({@link #UNKNOWN} if never) and present
   * in the reads {@code present[0..count)}, ascending, without repeats.
   */
  public Outcome classify(long known, int[] present, int count) {
    int m = readInvokes.length;
    int lastPresent = count > 0 ? present[count - 1] : -1;
    int lastAbsent = m - 1;
    for (int k = count - 1; k >= 0 && present[k] == lastAbsent; k--) {
      lastAbsent--;
    }
    int firstAfterKnown = firstReadAfter(known);
    if (lastPresent > lastAbsent) {
      // Stable. Stale if some read in [firstAfterKnown, lastPresent) misses it: walk the present
      // positions from firstAfterKnown to the first gap.
      int k = lowerBound(present, count, firstAfterKnown);
      int p = firstAfterKnown;
      while (k < count && present[k] == p) {
        p++;
        k++;
      }
      if (p < m) {
        // p is absent and p <= lastAbsent < lastPresent, so present[k] exists and comes after p.
        checkArgument(k < count && present[k] > p, "stale read %s must be followed by a present read", p);
        return new Outcome(Fate.STABLE, lastPresent, lastAbsent, p, present[k]);
      }
      return new Outcome(Fate.STABLE, lastPresent, lastAbsent, -1, -1);
    }
    if (known != UNKNOWN && lastAbsent >= firstAfterKnown) {
      return new Outcome(Fate.LOST, lastPresent, lastAbsent, -1, -1);
    }
    return new Outcome(Fate.NEVER_READ, lastPresent, lastAbsent, -1, -1);
  }

  private static int lowerBound(int[] a, int count, int key) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
