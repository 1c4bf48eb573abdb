package dev.hourglass.checkers.txn;

import java.util.List;

/** The transactional workloads the checker understands, as Elle names them. */
public enum Workload {
  /**
   * Lists under keys: {@code [:append k v]} appends v (unique per key) to k's list; {@code [:r k
   * [v ...]]} reads the whole list ({@code [:r k nil]} or {@code [:r k]}: empty). Every read
   * reveals the order of the appends before it, so version orders are (almost) total.
   */
  LIST_APPEND("list-append"),
  /**
   * Registers under keys: {@code [:w k v]} overwrites k with v (unique per key); {@code [:r k
   * v]} reads it ({@code nil}: never written). Version orders are only partial: see {@link
   * TxnOptions}.
   */
  RW_REGISTER("rw-register");

  private final String cliName;

  Workload(String cliName) {
    this.cliName = cliName;
  }

  /** {@code list-append} or {@code rw-register}. */
  public String cliName() {
    return cliName;
  }

  public static List<String> cliNames() {
    return List.of(LIST_APPEND.cliName, RW_REGISTER.cliName);
  }

  /** @throws IllegalArgumentException listing the workloads, if {@code name} is none of them */
  public static Workload parse(String name) {
    for (Workload w : values()) {
      if (w.cliName.equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload '" + name + "' (expected " + String.join(" or ", cliNames()) + ")");
  }
}
