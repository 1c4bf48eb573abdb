package dev.hourglass.disk;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.hourglass.disk.DiskException.Kind;
import dev.hourglass.disk.internal.FaultAtlas;
import dev.hourglass.disk.internal.Inode;
import dev.hourglass.disk.internal.Namespace;
import dev.hourglass.runtime.NodeRef;
import dev.hourglass.runtime.SimFuture;
import dev.hourglass.runtime.SimRandom;
import dev.hourglass.runtime.Simulation;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One node's simulated disk. It survives the node's crashes; what a crash leaves of it is the
 * durability model below.
 *
 * <h2>Durability</h2>
 *
 * <ul>
 *   <li>Each file has durable content and a volatile overlay of unsynced writes and truncates,
 *       in the order they completed. Reads see the overlay.
 *   <li>{@code fsync(file)} makes the writes and truncates of that file that had completed when
 *       it was called durable. Nothing else does.
 *   <li>Creating, renaming and deleting files is durable only after {@code fsyncDirectory()}
 *       (unless {@code metadataDurableImmediately}). An unsynced file's data dies with its name.
 *   <li>On a crash, each unsynced write is independently kept whole, torn (each of its sectors
 *       kept or lost independently) or lost, with the configured probabilities; unsynced
 *       directory operations survive as a random prefix (a journal replayed up to some point).
 *       Operations in flight at the crash never happen. Latent sector errors and stored
 *       corruption are properties of the medium and survive.
 * </ul>
 *
 * <h2>Faults</h2>
 *
 * Read corruption (a flipped bit in the returned bytes, optionally also on the medium), latent
 * sector errors (reads fail with EIO until the sector is rewritten), misdirected writes (to
 * another offset or another file), write and fsync I/O errors (a failed fsync drops the dirty
 * data it covered, as on Linux), out-of-space at the configured capacity, per-operation latency
 * and slow periods. In recoverable mode ({@link Disk#recoverableFaults}) damage is spread so
 * that no block is damaged on a majority of the replica set. Every operation and fault is a
 * trace event.
 */
public final class SimDisk {
  private final Disk owner;
  private final Simulation sim;
  private final NodeRef node;
  private final DiskOptions options;
  private final SimRandom latencyRandom;
  private final SimRandom faultRandom;
  private final SimRandom crashRandom;
  private final Namespace namespace = new Namespace();
  private final Map<Long, Inode> inodes = new LinkedHashMap<>();
  private final Map<Long, TreeSet<Long>> latentSectors = new LinkedHashMap<>();
  /** Every name each file has had on this disk: the fault atlas counts its damage under all of them. */
  private final Map<Long, List<String>> namesHad = new LinkedHashMap<>();
  private final Map<String, Long> faultCounts = new TreeMap<>();
  private DiskFaults faults;
  /** The total size of the named files, kept up to date (see {@link #usedBytes}). */
  private long usedBytes;
  private long nextInode;
  private long slowUntilNanos;
  private double slowFactor = 1;
  private long reads;
  private long writes;
  private long fsyncs;
  private long crashes;
  private long unsyncedKept;
  private long unsyncedTorn;
  private long unsyncedLost;

  SimDisk(Disk owner, Simulation sim, NodeRef node, DiskOptions options) {
    this.owner = owner;
    this.sim = sim;
    this.node = node;
    this.options = options;
    this.faults = options.faults();
    SimRandom root = sim.random().fork("disk/" + node.name());
    this.latencyRandom = root.fork("latency");
    this.faultRandom = root.fork("faults");
    this.crashRandom = root.fork("crash");
  }

  public NodeRef node() {
    return node;
  }

  // ---- namespace --------------------------------------------------------------------------------

  /** Creates an empty file; fails with ALREADY_EXISTS if the name is taken. */
  public SimFuture<SimFile> create(String name) {
    checkName(name);
    return submit(options.writeLatency(), "disk.create", name.hashCode(), future -> {
      if (namespace.lookup(name) != null) {
        future.completeExceptionally(new DiskException(Kind.ALREADY_EXISTS, name + " on " + node.name()));
        return;
      }
      Inode inode = newInode(name);
      namespace.create(name, inode, options.metadataDurableImmediately());
      recountUsedBytes();
      future.complete(handle(name, inode));
    });
  }

  /** Opens an existing file; fails with NOT_FOUND. */
  public SimFuture<SimFile> open(String name) {
    checkName(name);
    return submit(options.readLatency(), "disk.open", name.hashCode(), future -> {
      Inode inode = namespace.lookup(name);
      if (inode == null) {
        future.completeExceptionally(new DiskException(Kind.NOT_FOUND, name + " on " + node.name()));
      } else {
        future.complete(handle(name, inode));
      }
    });
  }

  /** Opens the file, creating it empty if it does not exist. */
  public SimFuture<SimFile> openOrCreate(String name) {
    checkName(name);
    return submit(options.writeLatency(), "disk.open-or-create", name.hashCode(), future -> {
      Inode inode = namespace.lookup(name);
      if (inode == null) {
        inode = newInode(name);
        namespace.create(name, inode, options.metadataDurableImmediately());
        recountUsedBytes();
      }
      future.complete(handle(name, inode));
    });
  }

  /** Removes a name; open handles keep working on the data (as POSIX unlink). */
  public SimFuture<Void> delete(String name) {
    checkName(name);
    return submit(options.writeLatency(), "disk.delete", name.hashCode(), future -> {
      if (namespace.lookup(name) == null) {
        future.completeExceptionally(new DiskException(Kind.NOT_FOUND, name + " on " + node.name()));
        return;
      }
      namespace.delete(name, options.metadataDurableImmediately());
      recountUsedBytes();
      future.complete(null);
    });
  }

  /** Renames {@code from} to {@code to}, replacing {@code to} if it exists (POSIX rename). */
  public SimFuture<Void> rename(String from, String to) {
    checkName(from);
    checkName(to);
    return submit(options.writeLatency(), "disk.rename", from.hashCode() * 31L + to.hashCode(), future -> {
      Inode moved = namespace.lookup(from);
      if (moved == null) {
        future.completeExceptionally(new DiskException(Kind.NOT_FOUND, from + " on " + node.name()));
        return;
      }
      namespace.rename(from, to, options.metadataDurableImmediately());
      recountUsedBytes();
      List<String> names = namesHad.get(moved.id);
      if (!names.contains(to)) {
        names.add(to);
      }
      future.complete(null);
    });
  }

  /** File names as the node sees them now, sorted (metadata: no latency). */
  public List<String> list() {
    return namespace.names();
  }

  public boolean exists(String name) {
    return namespace.lookup(name) != null;
  }

  /** Makes the directory operations that completed before this call durable. */
  public SimFuture<Void> fsyncDirectory() {
    long upTo = namespace.lastSeq();
    return submit(options.syncLatency(), "disk.fsync-dir", upTo, future -> {
      fsyncs++;
      if (faults.fsyncErrorRate() > 0 && faultRandom.chance(faults.fsyncErrorRate())) {
        fault("fsync-error", 0);
        future.completeExceptionally(new DiskException(Kind.IO_ERROR, "fsyncDirectory failed on " + node.name()));
        return;
      }
      namespace.sync(upTo);
      future.complete(null);
    });
  }

  // ---- file operations (called through SimFile) -------------------------------------------------

  SimFuture<byte[]> read(SimFile file, long position, int length) {
    checkArgument(position >= 0, "position must be >= 0: position=%s", position);
    checkArgument(length >= 0, "length must be >= 0: length=%s", length);
    return submit(options.readLatency(), "disk.read", position, future -> {
      Inode inode = live(file, future);
      if (inode == null) {
        return;
      }
      reads++;
      byte[] bytes = inode.read(position, length);
      TreeSet<Long> latent = latentSectors.get(inode.id);
      if (latent != null && bytes.length > 0) {
        Long hit = latent.ceiling(position / options.sectorSizeBytes());
        if (hit != null && hit <= (position + bytes.length - 1) / options.sectorSizeBytes()) {
          fault("latent-read", hit);
          future.completeExceptionally(new DiskException(
              Kind.IO_ERROR, "latent sector error reading " + file.name() + " sector " + hit + " on " + node.name()));
          return;
        }
      }
      if (bytes.length > 0 && faults.readCorruptionRate() > 0 && faultRandom.chance(faults.readCorruptionRate())) {
        int at = faultRandom.nextInt(bytes.length);
        int bit = faultRandom.nextInt(8);
        if (allowDamage(blocks(inode, position + at, 1))) {
          bytes[at] ^= (byte) (1 << bit);
          fault("read-corruption", position + at);
          if (faults.corruptStoredBytes()) {
            inode.flipVisibleBit(position + at, bit);
          }
        }
      }
      future.complete(bytes);
    });
  }

  SimFuture<Void> write(SimFile file, long position, byte[] data) {
    checkArgument(position >= 0, "position must be >= 0: position=%s", position);
    checkNotNull(data, "data");
    byte[] copy = data.clone(); // the caller may reuse its buffer while the write is in flight
    return submit(options.writeLatency(), "disk.write", position, future -> {
      Inode inode = live(file, future);
      if (inode == null) {
        return;
      }
      writes++;
      if (faults.writeErrorRate() > 0 && faultRandom.chance(faults.writeErrorRate())) {
        fault("write-error", position);
        future.completeExceptionally(new DiskException(Kind.IO_ERROR, "write failed on " + file.name() + " at " + position));
        return;
      }
      if (copy.length == 0) {
        future.complete(null); // POSIX: a zero-length write has no effect, even past the end
        return;
      }
      long growth = Math.max(0, position + copy.length - inode.size());
      if (usedBytes() + growth > options.capacityBytes()) {
        fault("no-space", position);
        future.completeExceptionally(new DiskException(
            Kind.NO_SPACE, "disk of " + node.name() + " is full: capacityBytes=" + options.capacityBytes()));
        return;
      }
      Inode target = inode;
      long targetPosition = position;
      if (copy.length > 0 && faults.misdirectedWriteRate() > 0 && faultRandom.chance(faults.misdirectedWriteRate())) {
        Misdirection m = misdirect(inode, position, copy.length);
        if (m != null) {
          target = m.inode();
          targetPosition = m.position();
        }
      }
      long sizeBefore = target.size();
      target.addWriteOwned(targetPosition, copy); // copied at submission; nothing else holds it
      resized(target, sizeBefore);
      clearLatent(target, targetPosition, copy.length);
      if (copy.length > 0 && faults.latentErrorRate() > 0 && faultRandom.chance(faults.latentErrorRate())) {
        long first = targetPosition / options.sectorSizeBytes();
        long last = (targetPosition + copy.length - 1) / options.sectorSizeBytes();
        long sector = first + faultRandom.nextInt((int) (last - first + 1));
        if (allowDamage(blocks(target, sector * options.sectorSizeBytes(), 1))) {
          latentSectors.computeIfAbsent(target.id, k -> new TreeSet<>()).add(sector);
          fault("latent", sector);
        }
      }
      future.complete(null);
    });
  }

  SimFuture<Void> truncate(SimFile file, long size) {
    checkArgument(size >= 0, "size must be >= 0: size=%s", size);
    return submit(options.writeLatency(), "disk.truncate", size, future -> {
      Inode inode = live(file, future);
      if (inode == null) {
        return;
      }
      writes++;
      long growth = Math.max(0, size - inode.size());
      if (usedBytes() + growth > options.capacityBytes()) {
        fault("no-space", size);
        future.completeExceptionally(new DiskException(Kind.NO_SPACE, "disk of " + node.name() + " is full"));
        return;
      }
      long sizeBefore = inode.size();
      inode.addTruncate(size);
      resized(inode, sizeBefore);
      future.complete(null);
    });
  }

  SimFuture<Void> fsync(SimFile file) {
    Inode atCall = inodes.get(file.inodeId);
    long upTo = atCall == null ? -1 : atCall.lastSeq();
    return submit(options.syncLatency(), "disk.fsync", upTo, future -> {
      Inode inode = live(file, future);
      if (inode == null) {
        return;
      }
      fsyncs++;
      if (faults.fsyncErrorRate() > 0 && faultRandom.chance(faults.fsyncErrorRate())) {
        long sizeBefore = inode.size();
        inode.dropDirty(upTo); // Linux: the pages are marked clean and the data is gone
        resized(inode, sizeBefore);
        fault("fsync-error", upTo);
        future.completeExceptionally(new DiskException(Kind.IO_ERROR, "fsync failed on " + file.name() + "; its unsynced writes are lost"));
        return;
      }
      inode.sync(upTo);
      future.complete(null);
    });
  }

  long size(SimFile file) {
    Inode inode = inodes.get(file.inodeId);
    if (inode == null || file.incarnation != node.incarnation()) {
      throw new DiskException(Kind.STALE_HANDLE, file.name() + " on " + node.name());
    }
    return inode.size();
  }

  // ---- faults and inspection ---------------------------------------------------------------------

  /** Changes this disk's fault rates from now on. */
  public void setFaults(DiskFaults value) {
    this.faults = checkNotNull(value, "faults");
    // A record's hashCode is not specified across JDKs; the detail must be.
    sim.traceEvent(node, "disk.faults", Double.doubleToLongBits(value.readCorruptionRate())
        ^ Double.doubleToLongBits(value.latentErrorRate()) * 3 ^ Double.doubleToLongBits(value.misdirectedWriteRate()) * 5
        ^ Double.doubleToLongBits(value.writeErrorRate()) * 7 ^ Double.doubleToLongBits(value.fsyncErrorRate()) * 11
        ^ (value.corruptStoredBytes() ? 13 : 0));
  }

  public DiskFaults faults() {
    return faults;
  }

  /** Multiplies every latency by {@code factor} for {@code duration} (a slow period). */
  public void slowFor(Duration duration, double factor) {
    checkArgument(factor >= 1 && factor <= 10_000, "factor must be in [1, 10000]: factor=%s", factor);
    slowUntilNanos = sim.nowNanos() + duration.toNanos();
    slowFactor = factor;
    sim.traceEvent(node, "disk.slow", (long) factor);
  }

  /** Makes {@code sector} of file {@code name} unreadable until it is written again. */
  public void injectLatentError(String name, long sector) {
    Inode inode = namespace.lookup(name);
    checkArgument(inode != null, "no such file: name=%s node=%s", name, node.name());
    latentSectors.computeIfAbsent(inode.id, k -> new TreeSet<>()).add(sector);
    fault("latent", sector);
  }

  /** Writes {@code content} as the durable content of {@code name}, at once (test set-up). */
  public void preload(String name, byte[] content) {
    checkName(name);
    Inode inode = namespace.lookup(name);
    if (inode == null) {
      inode = newInode(name);
      namespace.create(name, inode, true);
    }
    inode.setDurableContent(content);
    recountUsedBytes();
  }

  /** The durable content of {@code name}: what a crash now would certainly keep of it. */
  public Optional<byte[]> durableContent(String name) {
    Inode inode = namespace.lookup(name);
    return inode == null ? Optional.empty() : Optional.of(inode.durableContent());
  }

  /**
   * The distinct contents file {@code name} could have after a crash now: every combination of
   * its unsynced writes kept or lost sector by sector, or — past {@code max} combinations — a
   * sample of {@code max} of them drawn from this disk's crash stream (always including "all
   * lost" and "all kept"). For exhaustive tests of small recovery code: {@link #preload} each
   * state into a fresh simulation and run recovery on it.
   */
  public List<byte[]> crashStates(String name, int max) {
    checkArgument(max >= 2, "max must be >= 2: max=%s", max);
    Inode inode = namespace.lookup(name);
    checkArgument(inode != null, "no such file: name=%s node=%s", name, node.name());
    int sector = options.sectorSizeBytes();
    List<Inode.Pending> pending = inode.pending();
    int units = 0;
    for (Inode.Pending p : pending) {
      units += Inode.sectorsSpanned(p, sector);
    }
    Map<ByteBuffer, byte[]> distinct = new LinkedHashMap<>();
    SimRandom sample = crashRandom.fork("states/" + name);
    boolean exhaustive = units < 31 && (1L << units) <= max;
    long combinations = exhaustive ? 1L << units : max;
    for (long c = 0; c < combinations; c++) {
      boolean[] kept = new boolean[units];
      for (int u = 0; u < units; u++) {
        kept[u] = exhaustive ? (c >>> u & 1) == 1 : c == 1 || (c > 1 && sample.nextBoolean());
      }
      Inode scratch = inode.copy();
      List<Inode.CrashFate> fates = new ArrayList<>();
      int u = 0;
      for (Inode.Pending p : pending) {
        int spanned = Inode.sectorsSpanned(p, sector);
        boolean[] sectors = new boolean[spanned];
        boolean any = false;
        for (int s = 0; s < spanned; s++) {
          sectors[s] = kept[u++];
          any |= sectors[s];
        }
        fates.add(!any ? Inode.CrashFate.LOST : p.isTruncate() ? Inode.CrashFate.WHOLE : new Inode.CrashFate(true, sectors));
      }
      scratch.applyCrash(fates, sector);
      byte[] content = scratch.durableContent();
      distinct.putIfAbsent(ByteBuffer.wrap(content), content);
    }
    return new ArrayList<>(distinct.values());
  }

  public DiskStats stats() {
    return new DiskStats(reads, writes, fsyncs, crashes, unsyncedKept, unsyncedTorn, unsyncedLost, faultCounts);
  }

  // ---- crash ------------------------------------------------------------------------------------

  /** Called when the node crashes: resolves every unsynced write and directory operation. */
  void crash() {
    crashes++;
    int sector = options.sectorSizeBytes();
    for (Inode inode : inodes.values()) {
      List<Inode.CrashFate> fates = new ArrayList<>(inode.pending().size());
      for (Inode.Pending p : inode.pending()) {
        double roll = crashRandom.nextDouble();
        if (roll < options.crashKeepProbability()) {
          fates.add(Inode.CrashFate.WHOLE);
          unsyncedKept++;
        } else if (roll < options.crashKeepProbability() + options.crashTornProbability() && !p.isTruncate()) {
          boolean[] kept = new boolean[Inode.sectorsSpanned(p, sector)];
          for (int s = 0; s < kept.length; s++) {
            kept[s] = crashRandom.nextBoolean();
          }
          fates.add(new Inode.CrashFate(true, kept));
          unsyncedTorn++;
        } else {
          fates.add(Inode.CrashFate.LOST);
          unsyncedLost++;
        }
      }
      inode.applyCrash(fates, sector);
    }
    int directoryOps = namespace.pending().size();
    int keep = directoryOps == 0 ? 0 : crashRandom.nextInt(directoryOps + 1);
    namespace.crash(keep);
    // Files whose name did not survive are gone with their data.
    List<Long> reachable = new ArrayList<>();
    for (Inode inode : namespace.currentInodes()) {
      reachable.add(inode.id);
    }
    inodes.keySet().retainAll(reachable);
    latentSectors.keySet().retainAll(reachable);
    namesHad.keySet().retainAll(reachable);
    recountUsedBytes();
    sim.traceEvent(node, "disk.crash", (long) directoryOps << 32 | keep);
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private interface Completion<T> extends Consumer<SimFuture<T>> {}

  /**
   * Runs {@code completion} as an event of this node after a sampled latency; an operation still
   * in flight when its node crashes never happens.
   */
  private <T> SimFuture<T> submit(DiskOptions.LatencyRange latency, String label, long detail, Completion<T> completion) {
    SimFuture<T> future = sim.newFuture();
    int incarnation = node.incarnation();
    long delay = latency.nanosMin() == latency.nanosMax()
        ? latency.nanosMin()
        : latencyRandom.nextLong(latency.nanosMin(), latency.nanosMax() + 1);
    if (sim.nowNanos() < slowUntilNanos) {
      delay = (long) (delay * slowFactor);
    }
    sim.scheduleOn(node, delay, label, detail, () -> {
      if (node.incarnation() == incarnation) {
        completion.accept(future);
      }
    });
    return future;
  }

  private Inode newInode(String name) {
    Inode inode = new Inode(nextInode++);
    inodes.put(inode.id, inode);
    namesHad.put(inode.id, new ArrayList<>(List.of(name)));
    return inode;
  }

  private SimFile handle(String name, Inode inode) {
    return new SimFile(this, name, inode.id, node.incarnation());
  }

  private Inode live(SimFile file, SimFuture<?> future) {
    Inode inode = inodes.get(file.inodeId);
    if (file.incarnation != node.incarnation() || inode == null) {
      future.completeExceptionally(new DiskException(Kind.STALE_HANDLE, file.name() + " on " + node.name()));
      return null;
    }
    return inode;
  }

  /**
   * Bytes taken by the files that have a name now. A deleted or replaced file gives its space back
   * at once: there is no close() to tell when its last handle goes, and counting it until the next
   * crash would fill the disk of any node that rotates files.
   *
   * <p>Every write asks, so it is a running total rather than a scan of every file: writes,
   * truncates and failed fsyncs add the change of size of a named file ({@link #resized}); the
   * rare changes of which files have names (create, delete, rename, a crash, a preload) recount.
   */
  private long usedBytes() {
    assert usedBytes == countUsedBytes() : "usedBytes " + usedBytes + " != counted " + countUsedBytes() + " on " + node.name();
    return usedBytes;
  }

  private long countUsedBytes() {
    long used = 0;
    for (Inode inode : namespace.currentInodes()) {
      used += inode.size();
    }
    return used;
  }

  private void recountUsedBytes() {
    usedBytes = countUsedBytes();
  }

  /** Adds the change of size of {@code inode} since {@code sizeBefore} to the used space, if it has a name. */
  private void resized(Inode inode, long sizeBefore) {
    if (inode.isNamed()) {
      usedBytes += inode.size() - sizeBefore;
    }
  }

  private void clearLatent(Inode inode, long position, int length) {
    TreeSet<Long> latent = latentSectors.get(inode.id);
    if (latent != null && length > 0) {
      latent.subSet(position / options.sectorSizeBytes(), true, (position + length - 1) / options.sectorSizeBytes(), true).clear();
    }
  }

  private record Misdirection(Inode inode, long position) {}

  /**
   * Where a misdirected write lands instead, or null if it cannot be misdirected. It lands on
   * bytes the target file already has, as a real misdirected write hits a block that is already
   * allocated: it never grows a file (nor the disk past its capacity). It damages every sector it
   * spans twice over: where it lands (overwritten) and where it was aimed (left stale), so the
   * atlas must allow both spans on this replica.
   */
  private Misdirection misdirect(Inode inode, long position, int length) {
    int sector = options.sectorSizeBytes();
    List<FaultAtlas.Block> intended = blocks(inode, position, length);
    List<String> names = namespace.names();
    if (names.size() > 1 && faultRandom.nextBoolean()) {
      Inode target = namespace.lookup(names.get(faultRandom.nextInt(names.size())));
      if (target != inode && position + length <= target.size()
          && allowDamage(concat(intended, blocks(target, position, length)))) {
        fault("misdirected", position);
        return new Misdirection(target, position);
      }
    }
    long shift = (1 + faultRandom.nextInt(8)) * (long) sector;
    boolean forwardFirst = faultRandom.nextBoolean();
    long forward = position + shift;
    long backward = position - shift;
    boolean forwardFits = forward + length <= inode.size();
    boolean backwardFits = backward >= 0 && backward + length <= inode.size();
    if (!forwardFits && !backwardFits) {
      return null;
    }
    long shifted = forwardFits && (forwardFirst || !backwardFits) ? forward : backward;
    if (!allowDamage(concat(intended, blocks(inode, shifted, length)))) {
      return null;
    }
    fault("misdirected", position);
    return new Misdirection(inode, shifted);
  }

  /**
   * The logical blocks that {@code length} bytes at {@code position} of {@code inode} touch, under
   * every name the file has had here. A file is one logical file across replicas that rename it
   * at different times (write {@code tmp}, rename to {@code final}): counting its damage under
   * each of its names, and checking all of them, keeps the atlas right whichever replica renames
   * first. It over-counts for a reused name, which only makes the atlas refuse more.
   */
  private List<FaultAtlas.Block> blocks(Inode inode, long position, int length) {
    int sector = options.sectorSizeBytes();
    List<FaultAtlas.Block> blocks = new ArrayList<>();
    for (String name : namesHad.getOrDefault(inode.id, List.of())) {
      for (long s = position / sector; s <= (position + Math.max(length, 1) - 1) / sector; s++) {
        blocks.add(new FaultAtlas.Block(name, s));
      }
    }
    return blocks;
  }

  private static List<FaultAtlas.Block> concat(List<FaultAtlas.Block> a, List<FaultAtlas.Block> b) {
    List<FaultAtlas.Block> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Whether the atlas (if any) lets one fault damage all of {@code blocks} on this disk; all or none are recorded. */
  private boolean allowDamage(List<FaultAtlas.Block> blocks) {
    Optional<FaultAtlas> atlas = owner.atlas();
    if (atlas.isEmpty() || atlas.get().tryDamage(node.id(), blocks)) {
      return true;
    }
    faultCounts.merge("atlas-refused", 1L, Long::sum);
    return false;
  }

  private void fault(String kind, long detail) {
    faultCounts.merge(kind, 1L, Long::sum);
    sim.traceEvent(node, "disk.fault." + kind, detail);
  }

  private static void checkName(String name) {
    checkArgument(name != null && !name.isEmpty() && !name.contains("/"), "a file name is non-empty and has no '/': name=%s", name);
  }
}
