package dev.hourglass.checkers;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An EDN keyword such as {@code :read} or {@code :x}, kept distinct from the string {@code
 * "read"} so that values round-trip between formats. {@code name} has no leading colon.
 */
public record Keyword(String name) implements Comparable<Keyword> {
  public Keyword {
    checkArgument(name != null && !name.isEmpty() && !name.startsWith(":"), "keyword name must be non-empty, without ':': name=%s", name);
  }

  public static Keyword of(String name) {
    return new Keyword(name.startsWith(":") ? name.substring(1) : name);
  }

  @Override
  public int compareTo(Keyword o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return ":" + name;
  }
}
