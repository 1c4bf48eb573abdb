package dev.hourglass.checkers.txn;

import static com.google.common.base.Preconditions.checkArgument;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.RandomAccess;
import java.util.SplittableRandom;

/**
 * Generates list-append histories of any size, for benchmarks and tests. Client processes run
 * transactions one after another; each transaction takes effect atomically at one random instant
 * between its invocation and its completion, on real lists, so the history is strictly
 * serializable by construction — unless {@link Options#plantStaleRead} makes one late read
 * return an old state of its list.
 *
 * <p>Transactions have {@code minLength..maxLength} micro-ops, each a read or (with
 * probability {@code 1 - readFraction}) an append of the next unique value of a key chosen
 * uniformly among {@code keys} active keys; a key that has had {@code maxAppendsPerKey}
 * appends is retired and replaced by a fresh one, as Elle's generator does, so lists stay
 * short. Keys and values are integers; reads in invocations are {@code [:r k nil]}.
 *
 * <p>Memory: invocations and completions share their micro-ops, and a read's result is a view
 * of its list's prefix, so a million transactions take a few hundred bytes each.
 */
public final class ListAppendGenerator {
  private ListAppendGenerator() {}

  private static final Keyword READ = Keyword.of("r");
  private static final Keyword APPEND = Keyword.of("append");
  private static final String TXN = "txn";

  /**
   * @param transactions transactions to generate
   * @param processes concurrent client processes
   * @param keys active keys at any time
   * @param maxAppendsPerKey appends after which a key is replaced by a fresh one
   * @param minLength fewest micro-ops per transaction
   * @param maxLength most micro-ops per transaction
   * @param readFraction probability that a micro-op is a read
   * @param seed the generator's seed
   * @param plantStaleRead make one read in the last quarter return an old state of its list
   */
  public record Options(int transactions, int processes, int keys, int maxAppendsPerKey, int minLength, int maxLength,
      double readFraction, long seed, boolean plantStaleRead) {
    public Options {
      checkArgument(transactions >= 0, "transactions must be >= 0: transactions=%s", transactions);
      checkArgument(processes >= 1, "processes must be >= 1: processes=%s", processes);
      checkArgument(keys >= 1, "keys must be >= 1: keys=%s", keys);
      checkArgument(maxAppendsPerKey >= 1, "maxAppendsPerKey must be >= 1: maxAppendsPerKey=%s", maxAppendsPerKey);
      checkArgument(minLength >= 1 && maxLength >= minLength,
          "need 1 <= minLength <= maxLength: minLength=%s, maxLength=%s", minLength, maxLength);
      checkArgument(readFraction >= 0 && readFraction <= 1, "readFraction must be in [0, 1]: readFraction=%s", readFraction);
    }

    /** 1-4 micro-ops, half reads, 32 appends per key. */
    public static Options of(int transactions, int processes, int keys, long seed) {
      return new Options(transactions, processes, keys, 32, 1, 4, 0.5, seed, false);
    }

    public Options withPlantStaleRead(boolean value) {
      return new Options(transactions, processes, keys, maxAppendsPerKey, minLength, maxLength, readFraction, seed, value);
    }
  }

  /** A strictly serializable history: {@code transactions} over {@code processes} and {@code keys}. */
  public static History generate(int transactions, int processes, int keys, long seed) {
    return generate(Options.of(transactions, processes, keys, seed));
  }

  public static History generate(Options o) {
    return new Run(o).run();
  }

  /** A micro-op, {@code [f k v]}, immutable. */
  private static final class Mop extends AbstractList<Object> implements RandomAccess {
    private final Keyword f;
    private final Long key;
    private final Object value;

    Mop(Keyword f, Long key, Object value) {
      this.f = f;
      this.key = key;
      this.value = value;
    }

    @Override
    public Object get(int i) {
      return switch (i) {
        case 0 -> f;
        case 1 -> key;
        case 2 -> value;
        default -> throw new IndexOutOfBoundsException("index " + i + " of a micro-op of 3");
      };
    }

    @Override
    public int size() {
      return 3;
    }
  }

  /** The first {@code n} elements of a list that only ever grows at its end: immutable. */
  private static final class Prefix extends AbstractList<Object> implements RandomAccess {
    private final Long[] elements;
    private final int n;

    Prefix(Long[] elements, int n) {
      this.elements = elements;
      this.n = n;
    }

    @Override
    public Object get(int i) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException("index " + i + " of a list of " + n);
      }
      return elements[i];
    }

    @Override
    public int size() {
      return n;
    }
  }

  private static final class Run {
    private final Options o;
    private final SplittableRandom random;
    private final History.Builder b;
    // keys: id -> boxed key, list contents, length, appends assigned
    private Long[] keyObject = new Long[1024];
    private Long[][] list = new Long[1024][];
    private int[] length = new int[1024];
    private int[] assigned = new int[1024];
    private Mop[] readInvocation = new Mop[1024];
    private int keysMade;
    private final int[] active;
    // per process: the transaction in flight
    private final List<List<Object>> pendingInvoke;
    private final Object[][] pendingResult;
    private boolean planted;
    private long effects;

    Run(Options o) {
      this.o = o;
      this.random = new SplittableRandom(o.seed());
      this.b = History.builder("generated-list-append-" + o.transactions());
      this.active = new int[o.keys()];
      for (int i = 0; i < o.keys(); i++) {
        active[i] = newKey();
      }
      this.pendingInvoke = new ArrayList<>(o.processes());
      for (int p = 0; p < o.processes(); p++) {
        pendingInvoke.add(null);
      }
      this.pendingResult = new Object[o.processes()][];
    }

    private int newKey() {
      int k = keysMade++;
      if (k == keyObject.length) {
        int c = k * 2;
        keyObject = Arrays.copyOf(keyObject, c);
        list = Arrays.copyOf(list, c);
        length = Arrays.copyOf(length, c);
        assigned = Arrays.copyOf(assigned, c);
        readInvocation = Arrays.copyOf(readInvocation, c);
      }
      keyObject[k] = (long) k;
      list[k] = new Long[o.maxAppendsPerKey()];
      readInvocation[k] = new Mop(READ, keyObject[k], null);
      return k;
    }

    private record Event(long time, int kind, int process) {} // kind 0 invoke, 1 effect, 2 complete

    History run() {
      PriorityQueue<Event> events = new PriorityQueue<>((a, c) -> a.time() != c.time() ? Long.compare(a.time(), c.time())
          : a.kind() != c.kind() ? Integer.compare(a.kind(), c.kind()) : Integer.compare(a.process(), c.process()));
      for (int p = 0; p < o.processes(); p++) {
        events.add(new Event(random.nextLong(1_000, 100_000), 0, p));
      }
      int invoked = 0;
      int completed = 0;
      while (completed < invoked || invoked < o.transactions()) {
        Event e = events.poll();
        int p = e.process();
        switch (e.kind()) {
          case 0 -> {
            if (invoked >= o.transactions()) {
              continue;
            }
            invoked++;
            invoke(p, e.time());
            long effect = e.time() + random.nextLong(1_000, 500_000);
            events.add(new Event(effect, 1, p));
            events.add(new Event(effect + random.nextLong(0, 500_000), 2, p));
          }
          case 1 -> apply(p);
          default -> {
            completed++;
            complete(p, e.time());
            events.add(new Event(e.time() + random.nextLong(1_000, 200_000), 0, p));
          }
        }
      }
      return b.build();
    }

    private void invoke(int p, long time) {
      int len = o.minLength() + random.nextInt(o.maxLength() - o.minLength() + 1);
      Object[] mops = new Object[len];
      Object[] result = new Object[len];
      for (int i = 0; i < len; i++) {
        int slot = random.nextInt(active.length);
        int k = active[slot];
        if (random.nextDouble() < o.readFraction()) {
          mops[i] = readInvocation[k];
          result[i] = k; // the key to read at the effect
        } else {
          long v = ++assigned[k];
          Mop append = new Mop(APPEND, keyObject[k], v);
          mops[i] = append;
          result[i] = append;
          if (assigned[k] >= o.maxAppendsPerKey()) {
            active[slot] = newKey(); // retire it
          }
        }
      }
      List<Object> value = List.of(mops);
      pendingInvoke.set(p, value);
      pendingResult[p] = result;
      b.add(p, OpType.INVOKE, TXN, value, time, null, 0);
    }

    /** Applies the transaction atomically: reads see the lists as they are now. */
    private void apply(int p) {
      Object[] result = pendingResult[p];
      effects++;
      boolean stale = o.plantStaleRead() && !planted && effects > (long) o.transactions() * 3 / 4;
      for (int i = 0; i < result.length; i++) {
        if (result[i] instanceof Integer k) {
          int n = length[k];
          if (stale && n >= 2) {
            n = n / 2; // an old state: appends that completed long ago are missing
            planted = true;
            stale = false;
          }
          result[i] = new Mop(READ, keyObject[k], new Prefix(list[k], n));
        } else {
          Mop append = (Mop) result[i];
          int k = (int) (long) append.key;
          list[k][length[k]++] = (Long) append.value;
        }
      }
    }

    private void complete(int p, long time) {
      b.add(p, OpType.OK, TXN, List.of(pendingResult[p]), time, null, 0);
      pendingInvoke.set(p, null);
      pendingResult[p] = null;
    }
  }
}
