/**
 * Simulated storage. {@link dev.hourglass.disk.Disk#attach} gives every node a {@link
 * dev.hourglass.disk.SimDisk} that survives its crashes.
 *
 * <p>Durability model: each file has durable content and a volatile overlay of unsynced writes;
 * {@code fsync} makes that file's completed writes durable; create, rename and delete are durable
 * only after {@code fsyncDirectory()} (option: at once). On a crash each unsynced write is kept,
 * torn at sector granularity or lost, independently, and unsynced directory operations survive as
 * a random prefix. Faults: read corruption, latent sector errors, misdirected writes, write and
 * fsync errors (a failed fsync drops its dirty data), out-of-space, latency and slow periods, and
 * a recoverable mode that never damages a block on a majority of a replica set. See docs/disk.md.
 */
package dev.hourglass.disk;
