package dev.hourglass.disk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Shape of every simulated disk of a simulation.
 *
 * @param sectorSizeBytes granularity of torn writes, latent errors and corruption; default 4096
 * @param capacityBytes total size of the files that have a name on one disk (a deleted file gives
 *     its space back at once); a write past it fails with {@link DiskException.Kind#NO_SPACE};
 *     default 1 GiB
 * @param metadataDurableImmediately create, rename and delete are durable at once, as if every
 *     one were followed by {@code fsyncDirectory()}; default false
 * @param readLatency latency of a read
 * @param writeLatency latency of a write or truncate
 * @param syncLatency latency of {@code fsync} and {@code fsyncDirectory}
 * @param crashKeepProbability on a crash, the chance an unsynced write survives whole; default 0.3
 * @param crashTornProbability on a crash, the chance an unsynced write survives torn — each of its
 *     sectors kept or lost independently; the rest of the time it is lost; default 0.3
 * @param faults storage faults; default none (change at run time with {@link SimDisk#setFaults})
 */
public record DiskOptions(
    int sectorSizeBytes,
    long capacityBytes,
    boolean metadataDurableImmediately,
    LatencyRange readLatency,
    LatencyRange writeLatency,
    LatencyRange syncLatency,
    double crashKeepProbability,
    double crashTornProbability,
    DiskFaults faults) {

  /** A uniform latency in [{@code nanosMin}, {@code nanosMax}]. */
  public record LatencyRange(long nanosMin, long nanosMax) {
    public LatencyRange {
      checkArgument(nanosMin >= 0, "nanosMin must be >= 0: nanosMin=%s", nanosMin);
      checkArgument(nanosMax >= nanosMin, "nanosMax must be >= nanosMin: nanosMin=%s nanosMax=%s", nanosMin, nanosMax);
    }
  }

  public DiskOptions {
    checkArgument(
        sectorSizeBytes >= 1 && Integer.bitCount(sectorSizeBytes) == 1,
        "sectorSizeBytes must be a power of two: sectorSizeBytes=%s",
        sectorSizeBytes);
    checkArgument(capacityBytes > 0, "capacityBytes must be positive: capacityBytes=%s", capacityBytes);
    checkNotNull(readLatency, "readLatency");
    checkNotNull(writeLatency, "writeLatency");
    checkNotNull(syncLatency, "syncLatency");
    checkNotNull(faults, "faults");
    checkArgument(
        crashKeepProbability >= 0 && crashTornProbability >= 0 && crashKeepProbability + crashTornProbability <= 1,
        "crashKeepProbability and crashTornProbability must be >= 0 and add up to at most 1:"
            + " crashKeepProbability=%s crashTornProbability=%s",
        crashKeepProbability,
        crashTornProbability);
  }

  /** An SSD-like default: reads 20–100 µs, writes 20–200 µs, fsync 0.5–5 ms. */
  public static DiskOptions defaults() {
    return new DiskOptions(
        4096,
        1L << 30,
        false,
        new LatencyRange(20_000, 100_000),
        new LatencyRange(20_000, 200_000),
        new LatencyRange(500_000, 5_000_000),
        0.3,
        0.3,
        DiskFaults.none());
  }

  public DiskOptions withSectorSizeBytes(int value) {
    return new DiskOptions(value, capacityBytes, metadataDurableImmediately, readLatency, writeLatency, syncLatency, crashKeepProbability, crashTornProbability, faults);
  }

  public DiskOptions withCapacityBytes(long value) {
    return new DiskOptions(sectorSizeBytes, value, metadataDurableImmediately, readLatency, writeLatency, syncLatency, crashKeepProbability, crashTornProbability, faults);
  }

  public DiskOptions withMetadataDurableImmediately(boolean value) {
    return new DiskOptions(sectorSizeBytes, capacityBytes, value, readLatency, writeLatency, syncLatency, crashKeepProbability, crashTornProbability, faults);
  }

  public DiskOptions withLatencies(LatencyRange read, LatencyRange write, LatencyRange sync) {
    return new DiskOptions(sectorSizeBytes, capacityBytes, metadataDurableImmediately, read, write, sync, crashKeepProbability, crashTornProbability, faults);
  }

  public DiskOptions withCrashProbabilities(double keep, double torn) {
    return new DiskOptions(sectorSizeBytes, capacityBytes, metadataDurableImmediately, readLatency, writeLatency, syncLatency, keep, torn, faults);
  }

  public DiskOptions withFaults(DiskFaults value) {
    return new DiskOptions(sectorSizeBytes, capacityBytes, metadataDurableImmediately, readLatency, writeLatency, syncLatency, crashKeepProbability, crashTornProbability, value);
  }
}
