package dev.hourglass.disk;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one disk, for tests and reports.
 *
 * @param reads completed reads (including failed ones)
 * @param writes completed writes and truncates (including failed ones)
 * @param fsyncs completed file and directory syncs
 * @param crashes crashes of the node (each resolves the unsynced state)
 * @param unsyncedKept unsynced writes a crash kept whole
 * @param unsyncedTorn unsynced writes a crash tore
 * @param unsyncedLost unsynced writes a crash lost
 * @param faults injected faults by kind ({@code read-corruption}, {@code latent}, {@code
 *     latent-read} (a read that hit a latent sector), {@code misdirected}, {@code write-error},
 *     {@code fsync-error}, {@code no-space}, {@code atlas-refused})
 */
public record DiskStats(
    long reads,
    long writes,
    long fsyncs,
    long crashes,
    long unsyncedKept,
    long unsyncedTorn,
    long unsyncedLost,
    Map<String, Long> faults) {
  public DiskStats {
    faults = Collections.unmodifiableMap(new TreeMap<>(faults)); // sorted, so reports print the same every run
  }

  public long faults(String kind) {
    return faults.getOrDefault(kind, 0L);
  }
}
