package dev.hourglass.disk;

import dev.hourglass.runtime.SimFuture;

/**
 * An open file of a simulated disk, for one incarnation of its node: after a crash the handle is
 * stale and every operation on it fails with {@link DiskException.Kind#STALE_HANDLE}. Operations
 * complete as futures after a sampled latency; independent operations may complete in any order.
 */
public final class SimFile {
  private final SimDisk disk;
  private final String name;
  final long inodeId;
  final int incarnation;

  SimFile(SimDisk disk, String name, long inodeId, int incarnation) {
    this.disk = disk;
    this.name = name;
    this.inodeId = inodeId;
    this.incarnation = incarnation;
  }

  /** The name the file was opened by. */
  public String name() {
    return name;
  }

  /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
  public SimFuture<byte[]> read(long position, int length) {
    return disk.read(this, position, length);
  }

  /** Writes {@code data} at {@code position}; volatile until {@link #fsync()}. */
  public SimFuture<Void> write(long position, byte[] data) {
    return disk.write(this, position, data);
  }

  /** Sets the size to {@code size}; volatile until {@link #fsync()}. */
  public SimFuture<Void> truncate(long size) {
    return disk.truncate(this, size);
  }

  /** Makes every write and truncate that completed before this call durable. */
  public SimFuture<Void> fsync() {
    return disk.fsync(this);
  }

  /** The size as a reader sees it now (metadata: no latency). */
  public long size() {
    return disk.size(this);
  }

  @Override
  public String toString() {
    return name;
  }
}
