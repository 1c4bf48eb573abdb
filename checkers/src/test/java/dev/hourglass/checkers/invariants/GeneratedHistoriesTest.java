package dev.hourglass.checkers.invariants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.linear.Verdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property tests: histories of correct implementations (see {@link Gen}) pass every checker; a
 * planted fault is found; and the set checker's fast classification agrees with a direct reading
 * of Jepsen's set-full definitions on histories with random (mostly wrong) reads.
 */
class GeneratedHistoriesTest {
  private static final int SEEDS = 200;
  private static final Gen.Settings SETTINGS = new Gen.Settings(5, 60, 0.1, 0.2);

  @Test
  @DisplayName("a correct set passes, even as linearizable; dropping an element from the final read loses it")
  void set() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Set<Object> set = new LinkedHashSet<>();
      long[] next = {0};
      Gen.Model model = (f, v) -> {
        if (f.equals("add")) {
          set.add(v);
          return v;
        }
        return List.copyOf(set);
      };
      History.Builder b = Gen.run(seed, SETTINGS, r -> r.nextInt(3) == 0 ? new Object[] {"read", null} : new Object[] {"add", next[0]++}, model);
      Gen.finalOp(b, 99, "read", null, model);
      History h = b.build();
      InvariantResult r = SetChecker.check(h, new SetChecker.Options(true));
      assertEquals(Verdict.VALID, r.verdict(), "seed " + seed + "\n" + r.describe());

      // plant: the final read misses the first element whose add was acknowledged
      Operation acked = h.operations().stream()
          .filter(op -> op.function().equals("add") && op.completion() == OpType.OK).findFirst().orElse(null);
      if (acked == null) {
        continue;
      }
      List<Object> last = new ArrayList<>((List<?>) h.value(h.size() - 1));
      last.remove(acked.value());
      History planted = replaceLast(h, last);
      InvariantResult bad = SetChecker.check(planted);
      assertEquals(Verdict.INVALID, bad.verdict(), "seed " + seed);
      assertTrue(bad.evidence(Evidence.Kind.LOST).stream()
          .anyMatch(e -> e.explanation().startsWith("element " + acked.value() + " ")), bad.describe());
    }
  }

  @Test
  @DisplayName("the set checker agrees with Jepsen's set-full definitions read literally")
  void setAgreesWithDefinitions() {
    Map<String, Long> seen = new HashMap<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed ^ 0x5eedL);
      Set<Object> added = new LinkedHashSet<>();
      long[] next = {0};
      Gen.Model model = (f, v) -> {
        if (f.equals("add")) {
          added.add(v);
          return v;
        }
        List<Object> read = new ArrayList<>(); // a random subset of what was added, sometimes with an extra element
        for (Object x : added) {
          if (random.nextInt(4) != 0) {
            read.add(x);
          }
        }
        return read;
      };
      History h = Gen.run(seed, SETTINGS, r -> r.nextInt(3) == 0 ? new Object[] {"read", null} : new Object[] {"add", next[0]++}, model).build();
      InvariantResult r = SetChecker.check(h);
      Map<String, Set<Object>> expected = setFullByDefinition(h.operations());
      for (String fate : List.of("stable", "lost", "never-read", "stale")) {
        assertEquals(expected.get(fate).size(), r.count(fate), "seed " + seed + " " + fate + "\n" + r.describe());
        seen.merge(fate, r.count(fate), Long::sum);
      }
      Set<Object> lost = new TreeSet<>();
      r.evidence(Evidence.Kind.LOST).forEach(e -> lost.add(Long.parseLong(e.explanation().split(" ")[1])));
      assertEquals(expected.get("lost"), lost, "seed " + seed);
    }
    // the random reads exercise every fate
    for (String fate : List.of("stable", "lost", "never-read", "stale")) {
      assertTrue(seen.getOrDefault(fate, 0L) > 0, fate + ": " + seen);
    }
  }

  /** Jepsen's set-full, element by element, reading every read: O(elements × reads). */
  private static Map<String, Set<Object>> setFullByDefinition(List<Operation> ops) {
    List<Operation> reads = ops.stream().filter(o -> o.function().equals("read") && o.completion() == OpType.OK).toList();
    Map<Object, Long> known = new LinkedHashMap<>();
    for (Operation o : ops) {
      if (o.function().equals("add") && o.completion() != OpType.FAIL) {
        known.putIfAbsent(o.value(), Long.MAX_VALUE);
        if (o.completion() == OpType.OK) {
          known.merge(o.value(), o.completeIndex(), Math::min);
        }
      }
    }
    for (Operation read : reads) {
      for (Object x : (List<?>) read.value()) {
        known.merge(x, read.completeIndex(), Math::min);
      }
    }
    Map<String, Set<Object>> out = new HashMap<>();
    for (String fate : List.of("stable", "lost", "never-read", "stale")) {
      out.put(fate, new TreeSet<>());
    }
    known.forEach((x, k) -> {
      long lastPresent = -1;
      long lastAbsent = -1;
      boolean absentAfterKnown = false;
      for (Operation read : reads) {
        boolean present = ((List<?>) read.value()).contains(x);
        if (present) {
          lastPresent = Math.max(lastPresent, read.invokeIndex());
        } else {
          lastAbsent = Math.max(lastAbsent, read.invokeIndex());
          absentAfterKnown |= read.invokeIndex() > k;
        }
      }
      if (lastPresent > lastAbsent) {
        out.get("stable").add(x);
        if (absentAfterKnown) {
          out.get("stale").add(x);
        }
      } else if (k != Long.MAX_VALUE && lastAbsent > k) {
        out.get("lost").add(x);
      } else {
        out.get("never-read").add(x);
      }
    });
    return out;
  }

  @Test
  @DisplayName("a correct counter with increments and decrements passes; a read off by one fails")
  void counter() {
    for (long seed = 0; seed < SEEDS; seed++) {
      long[] value = {0};
      Gen.Model model = (f, v) -> {
        if (f.equals("add")) {
          value[0] += (Long) v;
          return v;
        }
        return value[0];
      };
      History h = Gen.run(seed, SETTINGS, r -> r.nextInt(3) == 0 ? new Object[] {"read", null}
          : new Object[] {"add", (long) (r.nextInt(11) - 3)}, model).build();
      InvariantResult r = CounterChecker.check(h);
      assertTrue(r.verdict() != Verdict.INVALID, "seed " + seed + "\n" + r.describe());
      // plant: a final read one above everything that could have been added
      long upper = h.operations().stream().filter(o -> o.function().equals("add") && o.completion() != OpType.FAIL)
          .mapToLong(o -> Math.max(0, (Long) o.value())).sum();
      History.Builder b = rebuild(h);
      b.add(99, OpType.INVOKE, "read", null);
      b.add(99, OpType.OK, "read", upper + 1);
      assertEquals(Verdict.INVALID, CounterChecker.check(b.build()).verdict(), "seed " + seed);
    }
  }

  @Test
  @DisplayName("a correct log passes; a final read that reorders two entries is incompatible")
  void log() {
    for (long seed = 0; seed < SEEDS; seed++) {
      List<Object> log = new ArrayList<>();
      long[] next = {0};
      Gen.Model model = (f, v) -> {
        if (f.equals("append")) {
          log.add(v);
          return v;
        }
        return List.copyOf(log);
      };
      History.Builder b = Gen.run(seed, SETTINGS, r -> r.nextInt(3) == 0 ? new Object[] {"read", null} : new Object[] {"append", next[0]++}, model);
      Gen.finalOp(b, 99, "read", null, model);
      History h = b.build();
      InvariantResult r = LogChecker.check(h);
      assertTrue(r.verdict() != Verdict.INVALID, "seed " + seed + "\n" + r.describe());
      if (log.size() >= 2) {
        List<Object> swapped = new ArrayList<>(log);
        swapped.set(0, log.get(1));
        swapped.set(1, log.get(0));
        History.Builder planted = rebuild(h);
        planted.add(98, OpType.INVOKE, "read", null);
        planted.add(98, OpType.OK, "read", swapped);
        assertTrue(LogChecker.check(planted.build()).count("incompatible-order") > 0, "seed " + seed);
      }
    }
  }

  @Test
  @DisplayName("a correct queue drained at the end passes; a dequeue answered twice is a duplicate")
  void queue() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Deque<Object> queue = new ArrayDeque<>();
      long[] next = {0};
      Gen.Model model = (f, v) -> switch (f) {
        case "enqueue" -> {
          queue.add(v);
          yield v;
        }
        case "dequeue" -> queue.poll();
        default -> {
          List<Object> all = List.copyOf(queue);
          queue.clear();
          yield all;
        }
      };
      History.Builder b = Gen.run(seed, SETTINGS,
          r -> r.nextBoolean() ? new Object[] {"dequeue", null} : new Object[] {"enqueue", next[0]++}, model);
      Gen.finalOp(b, 99, "drain", null, model);
      History h = b.build();
      InvariantResult r = QueueChecker.check(h);
      assertEquals(Verdict.VALID, r.verdict(), "seed " + seed + "\n" + r.describe());
      Operation taken = h.operations().stream()
          .filter(o -> o.function().equals("dequeue") && o.completion() == OpType.OK && o.value() != null).findFirst().orElse(null);
      if (taken != null) {
        History.Builder planted = rebuild(h);
        planted.add(98, OpType.INVOKE, "dequeue", null);
        planted.add(98, OpType.OK, "dequeue", taken.value());
        assertEquals(1, QueueChecker.check(planted.build()).count("duplicated"), "seed " + seed);
      }
    }
  }

  @Test
  @DisplayName("a correct bank conserves the total in every read")
  void bank() {
    for (long seed = 0; seed < SEEDS; seed++) {
      Map<Object, Object> balances = new LinkedHashMap<>();
      for (String a : List.of("a", "b", "c")) {
        balances.put(new Keyword(a), 100L);
      }
      Gen.Model model = (f, v) -> {
        if (f.equals("read")) {
          return Map.copyOf(balances);
        }
        Map<?, ?> t = (Map<?, ?>) v;
        Object from = t.get(new Keyword("from"));
        Object to = t.get(new Keyword("to"));
        long amount = (Long) t.get(new Keyword("amount"));
        if ((Long) balances.get(from) >= amount) {
          balances.put(from, (Long) balances.get(from) - amount);
          balances.put(to, (Long) balances.get(to) + amount);
        }
        return v;
      };
      List<Keyword> accounts = List.of(new Keyword("a"), new Keyword("b"), new Keyword("c"));
      History h = Gen.run(seed, SETTINGS, r -> r.nextInt(3) == 0 ? new Object[] {"read", null}
          : new Object[] {"transfer", Map.of(new Keyword("from"), accounts.get(r.nextInt(3)),
              new Keyword("to"), accounts.get(r.nextInt(3)), new Keyword("amount"), (long) r.nextInt(50))}, model).build();
      InvariantResult r = BankChecker.check(h,
          BankChecker.Options.defaults().withInitialBalances(Map.of("a", 100L, "b", 100L, "c", 100L)));
      assertTrue(r.verdict() != Verdict.INVALID, "seed " + seed + "\n" + r.describe());
    }
  }

  @Test
  @DisplayName("a correct exactly-once pipeline passes the audit; a redelivered output is a duplicate")
  void exactlyOnce() {
    for (long seed = 0; seed < SEEDS; seed++) {
      // One process: sends of a key are sequential, so outputs must follow sequence order too. With
      // several, two sends of one key may overlap and take effect out of sequence order, which the
      // audit rightly reports as reordered; missing, duplicated and unexpected must still be zero.
      for (int processes : new int[] {1, 5}) {
        List<Object> pending = new ArrayList<>();
        Map<Object, Long> seqs = new HashMap<>();
        Gen.Model model = new Gen.Model() {
          @Override
          public Object apply(String f, Object v) {
            if (f.equals("send")) {
              pending.add(v);
              return v;
            }
            List<Object> batch = List.copyOf(pending);
            pending.clear();
            return batch;
          }

          @Override
          public void unacknowledged(String f, Object v, Object result) {
            if (f.equals("receive")) {
              pending.addAll(0, (List<?>) result); // the consumer did not commit: redelivered next time
            }
          }
        };
        History.Builder b = Gen.run(seed, new Gen.Settings(processes, 60, 0.0, 0.2), r -> {
          if (r.nextInt(3) == 0) {
            return new Object[] {"receive", null};
          }
          Keyword key = new Keyword("k" + r.nextInt(3));
          long seq = seqs.merge(key, 1L, Long::sum);
          return new Object[] {"send", Map.of(new Keyword("key"), key, new Keyword("seq"), seq)};
        }, model);
        Gen.finalOp(b, 99, "receive", null, model);
        History h = b.build();
        InvariantResult r = ExactlyOnceChecker.check(h);
        String where = "seed " + seed + " processes " + processes + "\n" + r.describe();
        if (processes == 1) {
          assertEquals(Verdict.VALID, r.verdict(), where);
        }
        assertEquals(0, r.count("missing") + r.count("duplicated") + r.count("unexpected"), where);

        Object delivered = h.operations().stream()
            .filter(o -> o.function().equals("receive") && o.completion() == OpType.OK && !((List<?>) o.value()).isEmpty())
            .map(o -> ((List<?>) o.value()).get(0)).findFirst().orElseThrow();
        History.Builder planted = rebuild(h);
        planted.add(98, OpType.INVOKE, "receive", null);
        planted.add(98, OpType.OK, "receive", List.of(delivered));
        assertEquals(1, ExactlyOnceChecker.check(planted.build()).count("duplicated"), where);
      }
    }
  }

  private static History.Builder rebuild(History h) {
    History.Builder b = History.builder(h.source());
    for (int i = 0; i < h.size(); i++) {
      b.add(h.process(i), h.type(i), h.function(i), h.value(i));
    }
    return b;
  }

  private static History replaceLast(History h, Object value) {
    History.Builder b = History.builder(h.source());
    for (int i = 0; i < h.size(); i++) {
      b.add(h.process(i), h.type(i), h.function(i), i == h.size() - 1 ? value : h.value(i));
    }
    return b.build();
  }
}
