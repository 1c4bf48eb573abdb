package dev.hourglass.disk.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TigerBeetle's fault atlas: spreads storage faults across a replica set so that no logical
 * block (file name and sector) is ever damaged on more than a minority of the replicas. A correct
 * replicated system can then always repair from a majority, so a run that fails is a real bug,
 * not bad luck.
 *
 * <p>A block is named by a file name and a sector; the disk asks about every name a file has had
 * on it, so that a file renamed into place is one logical file across replicas that rename at
 * different times. The maps are keyed by blocks and node ids (value hash codes) and are only
 * queried, never iterated, so hash order cannot leak into a run.
 */
public final class FaultAtlas {
  private final Set<Integer> replicas;
  private final int damagedMax;
  private final Map<Block, Set<Integer>> damaged = new HashMap<>();

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

  /** A logical block: one sector of a file, by name. */
  public record Block(String file, long sector) {}

  /**
   * Whether a fault may damage {@code sector} of {@code file} on {@code nodeId}; if so, it is
   * recorded. A block already damaged on this replica may be damaged again.
   */
  public boolean tryDamage(int nodeId, String file, long sector) {
    return tryDamage(nodeId, List.of(new Block(file, sector)));
  }

  /**
   * Whether one fault may damage every block of {@code blocks} on {@code nodeId} (a multi-sector
   * misdirected write damages where it lands and where it was aimed); if so, all are recorded,
   * otherwise none is.
   */
  public boolean tryDamage(int nodeId, List<Block> blocks) {
    if (!replicas.contains(nodeId)) {
      return true;
    }
    for (Block block : blocks) {
      Set<Integer> where = damaged.getOrDefault(block, Set.of());
      if (!where.contains(nodeId) && where.size() >= damagedMax) {
        return false;
      }
    }
    for (Block block : blocks) {
      damaged.computeIfAbsent(block, k -> new HashSet<>()).add(nodeId);
    }
    return true;
  }

  /** Replicas on which {@code sector} of {@code file} has been damaged. */
  public int damagedCount(String file, long sector) {
    return damaged.getOrDefault(new Block(file, sector), Set.of()).size();
  }
}
