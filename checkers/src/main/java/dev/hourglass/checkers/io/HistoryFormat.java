package dev.hourglass.checkers.io;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The history file formats Hourglass reads, named as on the command line ({@code --format}).
 * Each format's grammar and how it maps onto {@link dev.hourglass.checkers.History} is documented
 * in {@code docs/checkers.md}, section "History formats".
 */
public enum HistoryFormat {
  /**
   * Our own JSON Lines: one JSON object per entry and line, {@code
   * {"index":0,"process":3,"type":"invoke","f":"write","value":4,"time":123}}. Readable and
   * writable. Values encode EDN so that they round-trip: a keyword {@code :x} is the string {@code
   * ":x"}, a string that starts with a colon gets one more ({@code ":x"} → {@code "::x"}), a set is
   * {@code {"#set":[...]}}, a map with only string or keyword keys is an object (keys encoded the
   * same way), any other map is {@code {"#map":[[k,v],...]}}.
   */
  JSONL("jsonl", true),
  /** Jepsen/Knossos/Elle EDN: a vector or list of operation maps, or a plain series of them. Readable and writable. */
  EDN("edn", true),
  /** Porcupine's copy of the Jepsen 0.0.x etcd text logs ({@code INFO  jepsen.util - 3 :invoke :read nil}). Read only. */
  PORCUPINE_ETCD("porcupine-etcd", false),
  /** Porcupine's key-value logs, one EDN map with {@code :key} per line. Read only. */
  PORCUPINE_KV("porcupine-kv", false);

  private final String cliName;
  private final boolean writable;

  HistoryFormat(String cliName, boolean writable) {
    this.cliName = cliName;
    this.writable = writable;
  }

  /** The name used by {@code --format}: {@code jsonl}, {@code edn}, {@code porcupine-etcd}, {@code porcupine-kv}. */
  public String cliName() {
    return cliName;
  }

  /** True if {@link HistoryWriter} can write this format (JSONL and EDN). */
  public boolean isWritable() {
    return writable;
  }

  /** Every format's command-line name, in declaration order, for usage messages. */
  public static List<String> cliNames() {
    return Arrays.stream(values()).map(HistoryFormat::cliName).toList();
  }

  /**
   * The format named {@code name} on the command line.
   *
   * @throws IllegalArgumentException naming the accepted names, if {@code name} is none of them
   */
  public static HistoryFormat parse(String name) {
    for (HistoryFormat f : values()) {
      if (f.cliName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown history format '" + name + "'; expected one of "
        + Arrays.stream(values()).map(HistoryFormat::cliName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
