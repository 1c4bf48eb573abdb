package dev.hourglass.checkers.invariants;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.linear.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an invariant checker found: the verdict, counts of what it looked at and what it found, and
 * the evidence.
 *
 * <p>{@code INVALID} exactly when some evidence is a violation. {@code UNKNOWN} when nothing is
 * wrong but the history could not show anything either (no read completed, no element was ever
 * confirmed by a read), with the reason: a history that tested nothing should not pass as valid.
 *
 * @param checker the checker's name: {@code set}, {@code counter}, {@code bank}, {@code log},
 *     {@code queue}, {@code exactly-once}
 * @param verdict valid, invalid or unknown
 * @param unknownReason why, when unknown
 * @param counts named counts in a fixed order per checker (see each checker's javadoc)
 * @param evidence every finding, grouped by kind in the checker's order
 */
public record InvariantResult(
    String checker, Verdict verdict, Optional<String> unknownReason, Map<String, Long> counts, List<Evidence> evidence) {
  /** Findings of one kind printed by {@link #describe()}; the rest are counted. */
  public static final int DESCRIBE_PER_KIND_MAX = 10;
  /** Findings of one kind written by {@link #toJson()}; the rest are counted under {@code omitted}. */
  public static final int JSON_PER_KIND_MAX = 100;

  public InvariantResult {
    checkNotNull(checker, "checker");
    checkNotNull(verdict, "verdict");
    checkNotNull(unknownReason, "unknownReason");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    evidence = List.copyOf(evidence);
    boolean violated = evidence.stream().anyMatch(Evidence::violation);
    checkArgument(violated == (verdict == Verdict.INVALID),
        "the verdict is INVALID exactly when some evidence is a violation: verdict=%s, violations=%s", verdict, violated);
    checkArgument(unknownReason.isPresent() == (verdict == Verdict.UNKNOWN),
        "an UNKNOWN verdict, and only it, has a reason: verdict=%s, reason=%s", verdict, unknownReason);
  }

  /** The verdict from the evidence: invalid if any violation, else unknown if {@code unknownReason} is given, else valid. */
  static InvariantResult of(String checker, Map<String, Long> counts, List<Evidence> evidence, String unknownReason) {
    if (evidence.stream().anyMatch(Evidence::violation)) {
      return new InvariantResult(checker, Verdict.INVALID, Optional.empty(), counts, evidence);
    }
    if (unknownReason != null) {
      return new InvariantResult(checker, Verdict.UNKNOWN, Optional.of(unknownReason), counts, evidence);
    }
    return new InvariantResult(checker, Verdict.VALID, Optional.empty(), counts, evidence);
  }

  public boolean isValid() {
    return verdict == Verdict.VALID;
  }

  /** The count called {@code name}; an error naming the counts there are if there is none. */
  public long count(String name) {
    Long n = counts.get(name);
    checkArgument(n != null, "no count named '%s' in the %s checker's result (counts: %s)", name, checker, counts.keySet());
    return n;
  }

  /** The findings that break the invariant. */
  public List<Evidence> violations() {
    return evidence.stream().filter(Evidence::violation).toList();
  }

  /** The findings of one kind. */
  public List<Evidence> evidence(Evidence.Kind kind) {
    return evidence.stream().filter(e -> e.kind() == kind).toList();
  }

  /**
   * The verdict line ({@code INVALID}, {@code VALID}, {@code UNKNOWN: <reason>}), the counts, then
   * the findings of each kind — at most {@link #DESCRIBE_PER_KIND_MAX} each.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(verdict.name());
    unknownReason.ifPresent(r -> sb.append(": ").append(r));
    sb.append('\n').append(checker).append(':');
    counts.forEach((name, n) -> sb.append(' ').append(name).append('=').append(n));
    byKind().forEach((kind, list) -> {
      boolean violation = list.get(0).violation();
      sb.append('\n').append(kind.wireName()).append(" (").append(list.size())
          .append(violation ? "" : ", not a violation").append("):");
      for (Evidence e : list.subList(0, Math.min(list.size(), DESCRIBE_PER_KIND_MAX))) {
        sb.append("\n  ").append(e.describe());
      }
      if (list.size() > DESCRIBE_PER_KIND_MAX) {
        sb.append("\n  ... and ").append(list.size() - DESCRIBE_PER_KIND_MAX).append(" more");
      }
    });
    return sb.toString();
  }

  /** A JSON-ready map: checker, verdict, reason, counts, evidence (at most {@link #JSON_PER_KIND_MAX} per kind), omitted. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("checker", checker);
    m.put("verdict", verdict.name());
    unknownReason.ifPresent(r -> m.put("reason", r));
    m.put("counts", counts);
    List<Object> out = new ArrayList<>();
    Map<String, Object> omitted = new LinkedHashMap<>();
    byKind().forEach((kind, list) -> {
      list.subList(0, Math.min(list.size(), JSON_PER_KIND_MAX)).forEach(e -> out.add(e.toJson()));
      if (list.size() > JSON_PER_KIND_MAX) {
        omitted.put(kind.wireName(), list.size() - JSON_PER_KIND_MAX);
      }
    });
    m.put("evidence", out);
    if (!omitted.isEmpty()) {
      m.put("omitted", omitted);
    }
    return m;
  }

  private Map<Evidence.Kind, List<Evidence>> byKind() {
    // Kinds in the order the checker reported them (the evidence list is grouped already).
    Map<Evidence.Kind, List<Evidence>> groups = new EnumMap<>(Evidence.Kind.class);
    List<Evidence.Kind> order = new ArrayList<>();
    for (Evidence e : evidence) {
      groups.computeIfAbsent(e.kind(), k -> {
        order.add(k);
        return new ArrayList<>();
      }).add(e);
    }
    Map<Evidence.Kind, List<Evidence>> ordered = new LinkedHashMap<>();
    order.forEach(k -> ordered.put(k, groups.get(k)));
    return ordered;
  }
}
