package dev.hourglass.checkers.linear;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates linearizable key-value histories of any size, for benchmarks and budget tests: each
 * client's operation takes effect at one random instant inside its interval, on a real map, so
 * the history is linearizable by construction. {@code plantStaleRead} makes one late read
 * return an old value, which no linearization can explain.
 */
public final class HistoryGenerator {
  private HistoryGenerator() {}

  /**
   * @param operations operations to generate
   * @param clients concurrent client processes
   * @param keys distinct keys ("k0", "k1", …)
   * @param seed the generator's seed
   * @param plantStaleRead whether to make the history non-linearizable
   */
  public static History keyValue(int operations, int clients, int keys, long seed, boolean plantStaleRead) {
    SplittableRandom random = new SplittableRandom(seed);
    record Event(long time, int kind, int client) {} // kind 0 invoke, 1 effect, 2 complete
    PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.time() != b.time()
        ? Long.compare(a.time(), b.time()) : a.kind() != b.kind() ? Integer.compare(a.kind(), b.kind()) : Integer.compare(a.client(), b.client()));
    String[] state = new String[keys];
    Arrays.fill(state, "");
    String[] pendingKey = new String[clients];
    String[] pendingF = new String[clients];
    String[] pendingValue = new String[clients];
    String[] result = new String[clients];
    for (int c = 0; c < clients; c++) {
      events.add(new Event(random.nextLong(1, 100), 0, c));
    }
    History.Builder b = History.builder("generated-kv-" + operations);
    int invoked = 0;
    int completed = 0;
    boolean planted = false;
    List<String> oldValues = new ArrayList<>();
    while (completed < invoked || invoked < operations) {
      Event e = events.poll();
      int c = e.client();
      switch (e.kind()) {
        case 0 -> {
          if (invoked >= operations) {
            continue;
          }
          invoked++;
          int k = random.nextInt(keys);
          pendingKey[c] = "k" + k;
          int roll = random.nextInt(10);
          pendingF[c] = roll < 4 ? "get" : roll < 7 ? "put" : "append";
          pendingValue[c] = pendingF[c].equals("get") ? null : "c" + c + "." + invoked + ";";
          b.add(c, OpType.INVOKE, pendingF[c], Arrays.asList(pendingKey[c], pendingValue[c]));
          long effect = e.time() + random.nextLong(1, 50);
          events.add(new Event(effect, 1, c));
          events.add(new Event(effect + random.nextLong(0, 50), 2, c));
        }
        case 1 -> {
          int k = Integer.parseInt(pendingKey[c].substring(1));
          switch (pendingF[c]) {
            case "get" -> result[c] = state[k];
            case "put" -> {
              if (!state[k].isEmpty()) {
                oldValues.add(state[k]);
              }
              state[k] = pendingValue[c];
            }
            default -> state[k] = state[k] + pendingValue[c];
          }
        }
        default -> {
          completed++;
          String v = pendingF[c].equals("get") ? result[c] : pendingValue[c];
          if (plantStaleRead && !planted && pendingF[c].equals("get") && completed > operations * 3 / 4
              && !oldValues.isEmpty() && !oldValues.get(0).equals(v)) {
            v = oldValues.get(0); // overwritten long ago: stale
            planted = true;
          }
          b.add(c, OpType.OK, pendingF[c], Arrays.asList(pendingKey[c], v));
          events.add(new Event(e.time() + random.nextLong(1, 20), 0, c));
        }
      }
    }
    return b.build();
  }
}
