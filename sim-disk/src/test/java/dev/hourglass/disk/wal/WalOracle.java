package dev.hourglass.disk.wal;

import dev.hourglass.runtime.SimRandom;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The test's memory of a WAL run, which survives the node's crashes: every payload appended (by
 * a unique, increasing id), every acknowledgment, and what each recovery returned. It checks, at
 * every recovery, what a correct single-node log guarantees:
 *
 * <ol>
 *   <li><b>no corruption</b>: every recovered record is byte-for-byte a payload that was appended;
 *   <li><b>order</b>: recovered ids strictly increase (nothing reordered, nothing resurrected
 *       behind newer records);
 *   <li><b>stability</b>: the log returned by the previous recovery is a prefix of this one;
 *   <li><b>durability</b>: every acknowledged record is in it.
 * </ol>
 *
 * Unacknowledged records (in flight at a crash, or failed) may be present or not. Violations are
 * collected as data, not thrown, because they are found inside simulation events.
 */
public final class WalOracle {
  /** What a violation broke. */
  public enum Kind {
    CORRUPTED,
    OUT_OF_ORDER,
    UNSTABLE,
    LOST_ACKNOWLEDGED,
    /** The simulation failed, or the log never finished recovering. */
    RUN_FAILED
  }

  /** One broken guarantee, with the evidence. */
  public record Violation(Kind kind, long atNanos, String evidence) {}

  private final int appendsMax;
  private final TreeMap<Long, byte[]> appended = new TreeMap<>();
  private final Set<Long> acknowledged = new LinkedHashSet<>();
  private final List<Violation> violations = new ArrayList<>();
  private List<Long> lastRecovered = List.of();
  private long nextId;
  private long recoveries;
  private long failures;

  public WalOracle(int appendsMax) {
    this.appendsMax = appendsMax;
  }

  public boolean wantsMore() {
    return nextId < appendsMax;
  }

  /** A fresh payload: its id (8 bytes), then 0 to 699 bytes drawn from {@code random}. */
  public byte[] nextPayload(SimRandom random) {
    long id = nextId++;
    byte[] payload = new byte[8 + random.nextInt(700)];
    ByteBuffer.wrap(payload).putLong(id);
    for (int i = 8; i < payload.length; i++) {
      payload[i] = (byte) random.nextInt(256);
    }
    appended.put(id, payload);
    return payload.clone();
  }

  public void acknowledged(byte[] payload) {
    acknowledged.add(ByteBuffer.wrap(payload).getLong(0));
  }

  public void failed() {
    failures++;
  }

  /** Checks what a recovery returned. */
  public void recovered(long nowNanos, List<byte[]> records) {
    recoveries++;
    List<Long> ids = new ArrayList<>();
    for (byte[] record : records) {
      long id = record.length >= 8 ? ByteBuffer.wrap(record).getLong(0) : -1;
      byte[] original = appended.get(id);
      if (original == null || !Arrays.equals(original, record)) {
        violations.add(new Violation(Kind.CORRUPTED, nowNanos,
            "record " + ids.size() + " (" + record.length + " bytes, id " + id + ") is not what was appended"
                + (original == null ? "" : ": " + original.length + " bytes, " + bitsDiffering(original, record) + " bits differ")));
        return; // what follows a corrupted record is not worth judging
      }
      if (!ids.isEmpty() && id <= ids.get(ids.size() - 1)) {
        violations.add(new Violation(Kind.OUT_OF_ORDER, nowNanos, "id " + id + " after id " + ids.get(ids.size() - 1)));
      }
      ids.add(id);
    }
    if (ids.size() < lastRecovered.size() || !ids.subList(0, lastRecovered.size()).equals(lastRecovered)) {
      violations.add(new Violation(Kind.UNSTABLE, nowNanos,
          "the previous recovery returned " + lastRecovered.size() + " records, this one " + ids.size()
              + " and they differ at " + firstDifference(lastRecovered, ids)));
    }
    Set<Long> present = new LinkedHashSet<>(ids);
    List<Long> lost = acknowledged.stream().filter(id -> !present.contains(id)).toList();
    if (!lost.isEmpty()) {
      violations.add(new Violation(Kind.LOST_ACKNOWLEDGED, nowNanos,
          "acknowledged records " + lost + " are missing; the log has " + ids.size() + " records"));
      lost.forEach(acknowledged::remove); // each loss is reported once
    }
    lastRecovered = List.copyOf(ids);
  }

  public List<Violation> violations() {
    return violations;
  }

  public long recoveries() {
    return recoveries;
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  public long failures() {
    return failures;
  }

  public long appendedCount() {
    return nextId;
  }

  private static int firstDifference(List<Long> a, List<Long> b) {
    int i = 0;
    while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
      i++;
    }
    return i;
  }

  private static int bitsDiffering(byte[] a, byte[] b) {
    int bits = Math.abs(a.length - b.length) * 8;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      bits += Integer.bitCount((a[i] ^ b[i]) & 0xFF);
    }
    return bits;
  }
}
