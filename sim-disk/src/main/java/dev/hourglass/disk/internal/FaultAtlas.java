package dev.hourglass.disk.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * TigerBeetle's fault atlas: spreads storage faults across a replica set so that no logical
 * block (file name and sector) is ever damaged on more than a minority of the replicas. A correct
 * replicated system can then always repair from a majority, so a run that fails is a real bug,
 * not bad luck.
 *
 * <p>Keys are strings and ints (value hash codes) and the maps are only queried, never iterated,
 * so hash order cannot leak into a run.
 */
public final class FaultAtlas {
  private final Set<Integer> replicas;
  private final int damagedMax;
  private final Map<String, Set<Integer>> damaged = new HashMap<>();

  /** An atlas over the replicas with these node ids; at most (n - 1) / 2 damaged per block. */
  public FaultAtlas(Set<Integer> replicaIds) {
    this.replicas = Set.copyOf(replicaIds);
    this.damagedMax = (replicaIds.size() - 1) / 2;
  }

  public boolean covers(int nodeId) {
    return replicas.contains(nodeId);
  }

  public int damagedMax() {
    return damagedMax;
  }

  /**
   * Whether a fault may damage {@code sector} of {@code file} on {@code nodeId}; if so, it is
   * recorded. A block already damaged on this replica may be damaged again.
   */
  public boolean tryDamage(int nodeId, String file, long sector) {
    if (!replicas.contains(nodeId)) {
      return true;
    }
    Set<Integer> where = damaged.computeIfAbsent(file + '#' + sector, k -> new HashSet<>());
    if (where.contains(nodeId)) {
      return true;
    }
    if (where.size() >= damagedMax) {
      return false;
    }
    where.add(nodeId);
    return true;
  }

  /** Replicas on which {@code sector} of {@code file} has been damaged. */
  public int damagedCount(String file, long sector) {
    Set<Integer> where = damaged.get(file + '#' + sector);
    return where == null ? 0 : where.size();
  }
}
