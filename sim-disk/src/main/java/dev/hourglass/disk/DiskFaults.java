package dev.hourglass.disk;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Storage fault rates, each a probability per operation (per read, per write, per fsync).
 *
 * @param readCorruptionRate a read returns one flipped bit
 * @param corruptStoredBytes a read corruption also flips the bit where the byte is stored (it stays
 *     wrong): on the medium, or in the unsynced write that supplied it
 * @param latentErrorRate a write leaves one of its sectors unreadable (reads fail with an I/O
 *     error) until the sector is written again
 * @param misdirectedWriteRate a write lands at another sector-aligned offset or in another file,
 *     on bytes that file already has (it never grows a file), and its intended place is left as
 *     it was
 * @param writeErrorRate a write fails with an I/O error and changes nothing
 * @param fsyncErrorRate an fsync fails with an I/O error and, as on Linux, the dirty data it
 *     covered is dropped: later reads see the last durable content
 */
public record DiskFaults(
    double readCorruptionRate,
    boolean corruptStoredBytes,
    double latentErrorRate,
    double misdirectedWriteRate,
    double writeErrorRate,
    double fsyncErrorRate) {

  public DiskFaults {
    check("readCorruptionRate", readCorruptionRate);
    check("latentErrorRate", latentErrorRate);
    check("misdirectedWriteRate", misdirectedWriteRate);
    check("writeErrorRate", writeErrorRate);
    check("fsyncErrorRate", fsyncErrorRate);
  }

  private static void check(String name, double p) {
    checkArgument(p >= 0 && p <= 1, "%s must be in [0, 1]: %s=%s", name, name, p);
  }

  public static DiskFaults none() {
    return new DiskFaults(0, false, 0, 0, 0, 0);
  }

  /** True if no fault can happen. */
  public boolean isNone() {
    return readCorruptionRate == 0 && latentErrorRate == 0 && misdirectedWriteRate == 0
        && writeErrorRate == 0 && fsyncErrorRate == 0;
  }
}
