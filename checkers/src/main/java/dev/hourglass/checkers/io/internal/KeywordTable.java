package dev.hourglass.checkers.io.internal;

import dev.hourglass.checkers.Keyword;

/**
 * Interns keywords read from a char buffer, so that the millions of {@code :type :invoke} in a large
 * history share one {@link Keyword} and cost no String per occurrence. Open addressing with
 * String's hash; bounded at {@link #SIZE_MAX} entries, past which keywords are still returned but
 * no longer interned (a file with millions of distinct keywords costs memory in its values, not
 * in this table).
 */
final class KeywordTable {
  static final int SIZE_MAX = 1 << 14;

  private Keyword[] table = new Keyword[256];
  private int size;

  /** The keyword named {@code chars[0..length)}; the name must be a valid keyword name. */
  Keyword intern(char[] chars, int length) {
    int h = 0;
    for (int i = 0; i < length; i++) {
      h = 31 * h + chars[i];
    }
    int mask = table.length - 1;
    int i = spread(h) & mask;
    for (Keyword k; (k = table[i]) != null; i = (i + 1) & mask) {
      if (sameName(k.name(), chars, length)) {
        return k;
      }
    }
    Keyword k = new Keyword(new String(chars, 0, length));
    if (size < SIZE_MAX) {
      table[i] = k;
      size++;
      if (size * 2 > table.length) {
        grow();
      }
    }
    return k;
  }

  Keyword intern(String name) {
    return intern(name.toCharArray(), name.length());
  }

  private static boolean sameName(String name, char[] chars, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != chars[i]) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private void grow() {
    Keyword[] old = table;
    table = new Keyword[old.length * 2];
    int mask = table.length - 1;
    for (Keyword k : old) {
      if (k != null) {
        int i = spread(k.name().hashCode()) & mask;
        while (table[i] != null) {
          i = (i + 1) & mask;
        }
        table[i] = k;
      }
    }
  }
}
