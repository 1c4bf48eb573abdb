package dev.hourglass.checkers.txn.internal;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Interns (key, value) pairs — list elements, register versions — as dense ints. Integer values
 * that fit in 32 bits (the usual case) are packed with their key into one long, so no object is
 * made per value; anything else goes through a map of small records. Values compare as EDN
 * values do ({@code 1} and {@code "1"} differ).
 */
public final class ValueTable {
  private final Long2IntOpenHashMap packed;
  private final Object2IntOpenHashMap<Pair> other = new Object2IntOpenHashMap<>();
  private final IntArrayList keyOf = new IntArrayList();
  private final List<Object> valueOf = new ArrayList<>();

  private record Pair(int key, Object value) {}

  public ValueTable() {
    this(16);
  }

  /** @param expected about how many pairs will be interned, to size the table once */
  public ValueTable(int expected) {
    packed = new Long2IntOpenHashMap(Math.max(16, expected));
    packed.defaultReturnValue(-1);
    other.defaultReturnValue(-1);
  }

  /** The id of (key, value), made if new. */
  public int intern(int key, Object value) {
    if (value instanceof Long l && l == (int) (long) l) {
      long p = ((long) key << 32) | (l & 0xffffffffL);
      int id = packed.get(p);
      if (id < 0) {
        id = add(key, value);
        packed.put(p, id);
      }
      return id;
    }
    Pair pair = new Pair(key, value);
    int id = other.getInt(pair);
    if (id < 0) {
      id = add(key, value);
      other.put(pair, id);
    }
    return id;
  }

  /** The id of (key, value), or -1. */
  public int get(int key, Object value) {
    if (value instanceof Long l && l == (int) (long) l) {
      return packed.get(((long) key << 32) | (l & 0xffffffffL));
    }
    return other.getInt(new Pair(key, value));
  }

  private int add(int key, Object value) {
    int id = keyOf.size();
    keyOf.add(key);
    valueOf.add(value);
    return id;
  }

  public int size() {
    return keyOf.size();
  }

  public int key(int id) {
    return keyOf.getInt(id);
  }

  public Object value(int id) {
    return valueOf.get(id);
  }
}
