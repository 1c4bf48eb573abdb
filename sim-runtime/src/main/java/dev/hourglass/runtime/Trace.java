package dev.hourglass.runtime;

import static com.google.common.base.Preconditions.checkElementIndex;

import dev.hourglass.runtime.internal.Mix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The event trace of one simulation: every event (virtual time, node, label, detail) is folded
 * into a 64-bit hash, and the first {@code traceRecordsMax} are also kept in primitive arrays so
 * that two runs can be compared event by event and a trace can be printed.
 *
 * <p>The hash depends only on those four fields, and on the label through {@link
 * String#hashCode()}, which the Java language specification fixes; so equal runs have equal
 * hashes in any JVM.
 */
public final class Trace {
  /** Node number of events that belong to no node (the test driver). */
  public static final int WORLD = -1;

  private final int recordsMax;
  private final IntFunction<String> nodeNames;
  private long hash = 0x6A09E667F3BCC908L;
  private long count;
  private int retained;
  private long[] times;
  private long[] details;
  private int[] nodes;
  private String[] labels;

  Trace(int recordsMax, IntFunction<String> nodeNames) {
    this.recordsMax = recordsMax;
    this.nodeNames = nodeNames;
    int initial = Math.min(recordsMax, 1024);
    times = new long[initial];
    details = new long[initial];
    nodes = new int[initial];
    labels = new String[initial];
  }

  void record(long timeNanos, int node, String label, long detail) {
    long h = hash;
    h = Mix.fold(h, timeNanos);
    h = Mix.fold(h, node);
    h = Mix.fold(h, label.hashCode());
    h = Mix.fold(h, detail);
    hash = h;
    count++;
    if (retained < recordsMax) {
      retain(timeNanos, node, label, detail);
    }
  }

  private void retain(long timeNanos, int node, String label, long detail) {
    int i = retained;
    if (i == times.length) {
      int n = (int) Math.min(recordsMax, (long) i * 2);
      times = Arrays.copyOf(times, n);
      details = Arrays.copyOf(details, n);
      nodes = Arrays.copyOf(nodes, n);
      labels = Arrays.copyOf(labels, n);
    }
    times[i] = timeNanos;
    details[i] = detail;
    nodes[i] = node;
    labels[i] = label;
    retained = i + 1;
  }

  /** The 64-bit hash of every event so far (finalised, so it is well mixed even for few events). */
  public long hash() {
    return Mix.mix64(hash ^ count);
  }

  /** {@link #hash()} as 16 lower-case hex digits, as the CLI prints it. */
  public String hashHex() {
    return "%016x".formatted(hash());
  }

  /** Events recorded, retained or not. */
  public long eventCount() {
    return count;
  }

  /** Events kept in memory (the first {@code traceRecordsMax}). */
  public int retainedCount() {
    return retained;
  }

  /** True when every event is retained, so a comparison can look at all of them. */
  public boolean complete() {
    return retained == count;
  }

  public TraceRecord record(int index) {
    checkElementIndex(index, retained, "index");
    int node = nodes[index];
    return new TraceRecord(index, times[index], nodeName(node), labels[index], details[index]);
  }

  /** The retained records, oldest first. */
  public List<TraceRecord> records() {
    List<TraceRecord> out = new ArrayList<>(retained);
    for (int i = 0; i < retained; i++) {
      out.add(record(i));
    }
    return out;
  }

  /** True if retained record {@code i} of this trace and of {@code other} are the same event. */
  boolean sameRecord(int i, Trace other) {
    return times[i] == other.times[i]
        && nodes[i] == other.nodes[i]
        && details[i] == other.details[i]
        && labels[i].equals(other.labels[i])
        && nodeName(nodes[i]).equals(other.nodeName(other.nodes[i]));
  }

  private String nodeName(int node) {
    return node == WORLD ? "world" : nodeNames.apply(node);
  }
}
