package dev.hourglass.disk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The directory of one disk: the durable name → inode map, and the unsynced create, delete and
 * rename operations on top of it, in order. {@code fsyncDirectory} makes a prefix durable; a crash
 * keeps a random prefix, as a journaling file system replays its journal up to some point.
 */
public final class Namespace {
  /** An unsynced directory operation. */
  public record Op(long seq, Kind kind, String name, String newName, Inode inode) {
    public enum Kind {
      CREATE,
      DELETE,
      RENAME
    }
  }

  private final TreeMap<String, Inode> durable = new TreeMap<>();
  private final TreeMap<String, Inode> current = new TreeMap<>();
  private final List<Op> pending = new ArrayList<>();
  private long nextSeq;

  public Inode lookup(String name) {
    return current.get(name);
  }

  /** Names as a reader sees them, sorted. */
  public List<String> names() {
    return new ArrayList<>(current.keySet());
  }

  public List<Op> pending() {
    return pending;
  }

  public long lastSeq() {
    return pending.isEmpty() ? -1 : pending.get(pending.size() - 1).seq();
  }

  public Iterable<Inode> currentInodes() {
    return current.values();
  }

  public void create(String name, Inode inode, boolean durableNow) {
    record(new Op(nextSeq++, Op.Kind.CREATE, name, null, inode), durableNow);
  }

  public void delete(String name, boolean durableNow) {
    record(new Op(nextSeq++, Op.Kind.DELETE, name, null, current.get(name)), durableNow);
  }

  public void rename(String from, String to, boolean durableNow) {
    record(new Op(nextSeq++, Op.Kind.RENAME, from, to, current.get(from)), durableNow);
  }

  private void record(Op op, boolean durableNow) {
    applyCurrent(op);
    if (durableNow) {
      apply(durable, op);
    } else {
      pending.add(op);
    }
  }

  /** Makes the operations with {@code seq <= upToSeq} durable. */
  public void sync(long upToSeq) {
    int n = 0;
    while (n < pending.size() && pending.get(n).seq() <= upToSeq) {
      apply(durable, pending.get(n));
      n++;
    }
    pending.subList(0, n).clear();
  }

  /** A crash: the first {@code keep} pending operations become durable, the rest are lost. */
  public void crash(int keep) {
    for (int i = 0; i < keep; i++) {
      apply(durable, pending.get(i));
    }
    pending.clear();
    for (Inode inode : current.values()) {
      inode.names--;
    }
    current.clear();
    durable.forEach(this::link);
  }

  // The current view goes through link/unlink so that every inode knows whether it has a name
  // (Inode.isNamed): the disk counts only named files as used space, and asks on every write.
  private void applyCurrent(Op op) {
    switch (op.kind()) {
      case CREATE -> link(op.name(), op.inode());
      case DELETE -> unlink(op.name());
      case RENAME -> {
        Inode moved = unlink(op.name());
        if (moved != null) {
          link(op.newName(), moved);
        }
      }
    }
  }

  private void link(String name, Inode inode) {
    Inode replaced = current.put(name, inode);
    if (replaced != null) {
      replaced.names--;
    }
    inode.names++;
  }

  private Inode unlink(String name) {
    Inode removed = current.remove(name);
    if (removed != null) {
      removed.names--;
    }
    return removed;
  }

  private static void apply(TreeMap<String, Inode> map, Op op) {
    switch (op.kind()) {
      case CREATE -> map.put(op.name(), op.inode());
      case DELETE -> map.remove(op.name());
      case RENAME -> {
        Inode inode = map.remove(op.name());
        if (inode != null) {
          map.put(op.newName(), inode);
        }
      }
    }
  }
}
