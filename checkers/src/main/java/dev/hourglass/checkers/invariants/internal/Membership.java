package dev.hourglass.checkers.invariants.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.invariants.Evidence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which elements a grow-only collection (a set, a log) should hold and which reads show them: the
 * analysis shared by the set and log checkers. Feed it every add (any completion) and every ok
 * read, then {@link #analyse}. Terms are defined on {@link Presence} and {@code SetChecker}.
 */
public final class Membership {
  /**
   * What the analysis found.
   *
   * @param attempted elements with an add that did not fail
   * @param acknowledged elements with an ok add
   * @param failed elements whose every add failed
   * @param stable attempted elements present in the final read
   * @param neverRead attempted elements neither stable nor lost
   */
  public record Report(
      List<Evidence> lost,
      List<Evidence> stale,
      List<Evidence> unexpected,
      List<Evidence> duplicated,
      long attempted,
      long acknowledged,
      long failed,
      long stable,
      long neverRead) {}

  private static final class Element {
    final Object value;
    Operation firstAttempt; // the first-invoked add that did not fail
    Operation failedAdd; // some add of it that failed
    Operation acknowledgedBy; // the ok add that completed first
    int attempts; // adds that did not fail
    long known = Presence.UNKNOWN;
    Operation knownBy;
    Operation earliestRead; // the read containing it that completed first
    int[] present = new int[2];
    int presentCount;
    int countInRead; // occurrences in the read being scanned

    Element(Object value) {
      this.value = value;
    }

    void seen(long completion, Operation by) {
      if (completion < known) {
        known = completion;
        knownBy = by;
      }
    }
  }

  private final String noun;
  private final String addVerb;
  private final boolean repeatsPerAdd;
  private final Map<Object, Element> elements = new LinkedHashMap<>();
  private final List<Operation> reads = new ArrayList<>();
  private final List<Collection<?>> readContents = new ArrayList<>();

  /**
   * @param noun what an element is called in explanations: {@code element}, {@code entry}
   * @param addVerb the function that adds one: {@code add}, {@code append}
   * @param repeatsPerAdd true: a read may hold an element as many times as it was added (a log);
   *     false: once (a set)
   */
  public Membership(String noun, String addVerb, boolean repeatsPerAdd) {
    this.noun = noun;
    this.addVerb = addVerb;
    this.repeatsPerAdd = repeatsPerAdd;
  }

  /** An add of {@code element} (already normalised by {@link Shapes#element}), any completion. */
  public void add(Operation op, Object element) {
    Element e = elements.computeIfAbsent(element, Element::new);
    if (op.completion() == OpType.FAIL) {
      e.failedAdd = e.failedAdd == null ? op : e.failedAdd;
      return;
    }
    e.attempts++;
    if (e.firstAttempt == null || op.invokeIndex() < e.firstAttempt.invokeIndex()) {
      e.firstAttempt = op;
    }
    if (op.completion() == OpType.OK) {
      if (e.acknowledgedBy == null || op.completeIndex() < e.acknowledgedBy.completeIndex()) {
        e.acknowledgedBy = op;
      }
      e.seen(op.completeIndex(), op);
    }
  }

  /** An ok read and what it returned (elements not yet normalised). */
  public void read(Operation op, Collection<?> contents) {
    checkState(op.completion() == OpType.OK, "only ok reads are evidence: %s", op);
    reads.add(op);
    readContents.add(contents);
  }

  /** Classifies every element; {@code staleIsViolation} marks the stale evidence. Call once. */
  public Report analyse(boolean staleIsViolation) {
    Integer[] order = new Integer[reads.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong(i -> reads.get(i).invokeIndex()));
    List<Operation> sorted = new ArrayList<>(reads.size());
    long[] readInvokes = new long[reads.size()];
    List<Evidence> duplicated = new ArrayList<>();
    for (int r = 0; r < order.length; r++) {
      Operation read = reads.get(order[r]);
      sorted.add(read);
      readInvokes[r] = read.invokeIndex();
      List<Element> repeated = new ArrayList<>();
      for (Object x : readContents.get(order[r])) {
        Element e = elements.computeIfAbsent(Shapes.element(x), Element::new);
        if (e.presentCount > 0 && e.present[e.presentCount - 1] == r) {
          if (e.countInRead++ == Math.max(1, repeatsPerAdd ? e.attempts : 1)) {
            repeated.add(e);
          }
          continue;
        }
        if (e.presentCount == e.present.length) {
          e.present = Arrays.copyOf(e.present, e.presentCount * 2);
        }
        e.present[e.presentCount++] = r;
        e.countInRead = 1;
        e.seen(read.completeIndex(), read);
        if (e.earliestRead == null || read.completeIndex() < e.earliestRead.completeIndex()) {
          e.earliestRead = read;
        }
      }
      for (Element e : repeated) {
        String times = e.attempts > 1 && repeatsPerAdd ? " (" + addVerb + "ed " + e.attempts + " times)" : "";
        duplicated.add(new Evidence(Evidence.Kind.DUPLICATED, true,
            noun + " " + Values.format(e.value) + " appears " + e.countInRead + " times in one read" + times,
            List.of(read)));
      }
    }
    reads.clear();
    readContents.clear();

    Presence presence = new Presence(readInvokes);
    List<Evidence> lost = new ArrayList<>();
    List<Evidence> stale = new ArrayList<>();
    List<Evidence> unexpected = new ArrayList<>();
    long attempted = 0;
    long acknowledged = 0;
    long failed = 0;
    long stable = 0;
    long neverRead = 0;
    for (Element e : elements.values()) {
      String x = noun + " " + Values.format(e.value);
      if (e.firstAttempt == null) {
        if (e.failedAdd != null) {
          failed++;
        }
        if (e.presentCount > 0) {
          unexpected.add(e.failedAdd == null
              ? new Evidence(Evidence.Kind.UNEXPECTED, true, x + " was read but never " + addVerb + "ed",
                  List.of(e.earliestRead))
              : new Evidence(Evidence.Kind.UNEXPECTED, true,
                  x + " was read but every " + addVerb + " of it failed", List.of(e.failedAdd, e.earliestRead)));
        }
        continue;
      }
      attempted++;
      if (e.acknowledgedBy != null) {
        acknowledged++;
      }
      if (e.earliestRead != null && e.earliestRead.completeIndex() < e.firstAttempt.invokeIndex()) {
        unexpected.add(new Evidence(Evidence.Kind.UNEXPECTED, true,
            x + " was read by a read that completed (#" + e.earliestRead.completeIndex() + ") before any "
                + addVerb + " of it was invoked (#" + e.firstAttempt.invokeIndex() + ")",
            List.of(e.earliestRead, e.firstAttempt)));
      }
      Presence.Outcome o = presence.classify(e.known, e.present, e.presentCount);
      String knownText = x + " was known present from #" + e.known
          + " (" + (e.knownBy == e.acknowledgedBy ? addVerb + " ok" : "a read showed it") + ")";
      switch (o.fate()) {
        case STABLE -> {
          stable++;
          if (o.stale()) {
            Operation missing = sorted.get(o.staleRead());
            Operation again = sorted.get(o.presentAgain());
            stale.add(new Evidence(Evidence.Kind.STALE, staleIsViolation,
                knownText + " but the read invoked at #" + missing.invokeIndex()
                    + " misses it; the later read invoked at #" + again.invokeIndex() + " has it again",
                List.of(e.knownBy, missing, again)));
          }
        }
        case LOST -> {
          Operation last = sorted.get(o.lastAbsent());
          List<Operation> ops = new ArrayList<>(List.of(e.knownBy));
          String seen = "";
          if (o.lastPresent() >= 0) {
            Operation lastSeen = sorted.get(o.lastPresent());
            seen = ", last seen by the read invoked at #" + lastSeen.invokeIndex();
            if (lastSeen != e.knownBy) {
              ops.add(lastSeen);
            }
          }
          ops.add(last);
          lost.add(new Evidence(Evidence.Kind.LOST, true,
              knownText + seen + "; the final read, invoked after that at #" + last.invokeIndex() + ", misses it",
              ops));
        }
        case NEVER_READ -> neverRead++;
      }
    }
    return new Report(lost, stale, unexpected, duplicated, attempted, acknowledged, failed, stable, neverRead);
  }
}
