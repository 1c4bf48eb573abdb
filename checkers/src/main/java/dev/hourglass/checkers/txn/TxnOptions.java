package dev.hourglass.checkers.txn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.Values;
import dev.hourglass.checkers.io.HistoryReader;
import dev.hourglass.checkers.txn.internal.ModelGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to check, as Elle's checker options: the consistency models the history should satisfy
 * and/or specific anomalies to look for, how to infer rw-register version orders, and the cycle
 * search's budget. {@link #fromEdn(String)} reads Elle's option map as written, e.g. {@code
 * {:consistency-models [:serializable] :linearizable-keys? true}}.
 *
 * @param consistencyModels models the history should satisfy (friendly names such as {@code
 *     serializable}, or Adya's such as {@code PL-2}); empty for none — Elle's {@code
 *     :consistency-models nil}. Default {@code [strict-serializable]}, as Elle's
 * @param anomalies further anomalies to look for; each also covers every anomaly that implies it
 *     ({@code G1} covers G1a, G1b, G1c, G0…). Default none
 * @param sequentialKeys rw-register: assume each key is sequentially consistent, so a process's
 *     transactions observe successive versions ({@code :sequential-keys?})
 * @param linearizableKeys rw-register: assume each key is linearizable, so real-time order
 *     orders versions ({@code :linearizable-keys?})
 * @param wfrKeys rw-register: assume writes follow reads inside a transaction, so a transaction
 *     that reads x=1 and writes x=2 orders 1 before 2 ({@code :wfr-keys?})
 * @param cycleSearchStepsMax steps (edges followed) the cycle search may take in one strongly
 *     connected component before it reports {@code cycle-search-timeout}; deterministic.
 *     Default {@value #DEFAULT_CYCLE_SEARCH_STEPS}
 * @param cycleSearchTimeout wall-clock time allowed per component, or {@link Duration#ZERO} for
 *     none (the default: the step budget alone keeps results reproducible); Elle's {@code
 *     :cycle-search-timeout} in milliseconds
 */
public record TxnOptions(
    List<String> consistencyModels,
    List<String> anomalies,
    boolean sequentialKeys,
    boolean linearizableKeys,
    boolean wfrKeys,
    long cycleSearchStepsMax,
    Duration cycleSearchTimeout) {

  public static final long DEFAULT_CYCLE_SEARCH_STEPS = 20_000_000L;

  /** Option keys of Elle's map that only concern its output files; accepted and ignored. */
  private static final Set<String> IGNORED_KEYS = Set.of("directory", "plot-format", "plot-timeout", "max-plot-bytes");

  public TxnOptions {
    consistencyModels = List.copyOf(checkNotNull(consistencyModels, "consistencyModels"));
    anomalies = List.copyOf(checkNotNull(anomalies, "anomalies"));
    ModelGraph.validateModels(consistencyModels);
    Set<String> unknown = new TreeSet<>();
    for (String a : anomalies) {
      if (!knownAnomalies().contains(a)) {
        unknown.add(a);
      }
    }
    checkArgument(unknown.isEmpty(), "unknown anomal%s %s; known anomalies: %s",
        unknown.size() > 1 ? "ies" : "y", String.join(", ", unknown), String.join(", ", knownAnomalies()));
    checkArgument(cycleSearchStepsMax > 0, "cycleSearchStepsMax must be positive: cycleSearchStepsMax=%s", cycleSearchStepsMax);
    checkNotNull(cycleSearchTimeout, "cycleSearchTimeout");
    checkArgument(!cycleSearchTimeout.isNegative(), "cycleSearchTimeout must not be negative: cycleSearchTimeout=%s", cycleSearchTimeout);
  }

  /** Strict serializability, no extra anomalies, no version-order assumptions, the default budget. */
  public static TxnOptions defaults() {
    return new TxnOptions(List.of("strict-serializable"), List.of(), false, false, false,
        DEFAULT_CYCLE_SEARCH_STEPS, Duration.ZERO);
  }

  /** Anomaly names accepted in {@link #anomalies}. */
  public static Set<String> knownAnomalies() {
    Set<String> s = new TreeSet<>(ModelGraph.allAnomalies());
    s.addAll(List.of("empty-transaction-graph", "cycle-search-timeout"));
    return s;
  }

  /** Consistency model names accepted in {@link #consistencyModels}. */
  public static Set<String> knownModels() {
    return ModelGraph.allModels();
  }

  public TxnOptions withConsistencyModels(List<String> value) {
    return new TxnOptions(value, anomalies, sequentialKeys, linearizableKeys, wfrKeys, cycleSearchStepsMax, cycleSearchTimeout);
  }

  public TxnOptions withAnomalies(List<String> value) {
    return new TxnOptions(consistencyModels, value, sequentialKeys, linearizableKeys, wfrKeys, cycleSearchStepsMax, cycleSearchTimeout);
  }

  public TxnOptions withSequentialKeys(boolean value) {
    return new TxnOptions(consistencyModels, anomalies, value, linearizableKeys, wfrKeys, cycleSearchStepsMax, cycleSearchTimeout);
  }

  public TxnOptions withLinearizableKeys(boolean value) {
    return new TxnOptions(consistencyModels, anomalies, sequentialKeys, value, wfrKeys, cycleSearchStepsMax, cycleSearchTimeout);
  }

  public TxnOptions withWfrKeys(boolean value) {
    return new TxnOptions(consistencyModels, anomalies, sequentialKeys, linearizableKeys, value, cycleSearchStepsMax, cycleSearchTimeout);
  }

  public TxnOptions withCycleSearchStepsMax(long value) {
    return new TxnOptions(consistencyModels, anomalies, sequentialKeys, linearizableKeys, wfrKeys, value, cycleSearchTimeout);
  }

  public TxnOptions withCycleSearchTimeout(Duration value) {
    return new TxnOptions(consistencyModels, anomalies, sequentialKeys, linearizableKeys, wfrKeys, cycleSearchStepsMax, value);
  }

  /**
   * Reads Elle's option map from EDN text, e.g. {@code {:consistency-models nil, :anomalies
   * [:G1]}}. A missing {@code :consistency-models} means {@code [:strict-serializable]}; {@code
   * nil} means none. Keys: {@code :consistency-models}, {@code :anomalies}, {@code
   * :sequential-keys?}, {@code :linearizable-keys?}, {@code :wfr-keys?}, {@code
   * :cycle-search-timeout} (milliseconds); Elle's output options ({@code :directory}, {@code
   * :plot-format}, …) are ignored.
   *
   * @throws IllegalArgumentException if the text is not such a map, naming what is wrong
   */
  public static TxnOptions fromEdn(String text) {
    checkNotNull(text, "text");
    Object value;
    try {
      value = HistoryReader.parseEdnValue(text, "options");
    } catch (HistoryFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return fromEdnValue(value);
  }

  /** Like {@link #fromEdn(String)}, from an already parsed EDN value. */
  public static TxnOptions fromEdnValue(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("options: expected an EDN map such as {:consistency-models [:serializable]} but found "
          + Values.format(value));
    }
    TxnOptions o = defaults();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof Keyword k)) {
        throw new IllegalArgumentException("options: keys are keywords such as :consistency-models, not " + Values.format(e.getKey()));
      }
      Object v = e.getValue();
      switch (k.name()) {
        case "consistency-models" -> o = o.withConsistencyModels(v == null ? List.of() : names(k, v));
        case "anomalies" -> o = o.withAnomalies(v == null ? List.of() : names(k, v));
        case "sequential-keys?" -> o = o.withSequentialKeys(bool(k, v));
        case "linearizable-keys?" -> o = o.withLinearizableKeys(bool(k, v));
        case "wfr-keys?" -> o = o.withWfrKeys(bool(k, v));
        case "cycle-search-timeout" -> {
          if (!(v instanceof Long ms) || ms <= 0) {
            throw new IllegalArgumentException("options: :cycle-search-timeout is a positive number of milliseconds, not " + Values.format(v));
          }
          o = o.withCycleSearchTimeout(Duration.ofMillis(ms));
        }
        default -> {
          if (!IGNORED_KEYS.contains(k.name())) {
            throw new IllegalArgumentException("options: unknown key " + k + "; expected :consistency-models, :anomalies, "
                + ":sequential-keys?, :linearizable-keys?, :wfr-keys? or :cycle-search-timeout");
          }
        }
      }
    }
    return o;
  }

  private static List<String> names(Keyword key, Object v) {
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("options: " + key + " is a vector of keywords such as [:serializable], not " + Values.format(v));
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (o instanceof Keyword kw) {
        out.add(kw.name());
      } else if (o instanceof String s) {
        out.add(s);
      } else {
        throw new IllegalArgumentException("options: " + key + " holds keywords, not " + Values.format(o));
      }
    }
    return out;
  }

  private static boolean bool(Keyword key, Object v) {
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException("options: " + key + " is true or false, not " + Values.format(v));
    }
    return b;
  }
}
