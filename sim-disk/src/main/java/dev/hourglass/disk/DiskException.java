package dev.hourglass.disk;

/**
 * A simulated storage error, delivered by completing an operation's future exceptionally. The
 * kinds map to what a real system sees: EIO, ENOSPC, ENOENT, EEXIST.
 */
public final class DiskException extends RuntimeException {
  /** What went wrong. */
  public enum Kind {
    /** EIO: a failed write or fsync, or a read of a latent sector error. */
    IO_ERROR,
    /** ENOSPC: the disk's capacity would be exceeded. */
    NO_SPACE,
    /** ENOENT: no such file. */
    NOT_FOUND,
    /** EEXIST: the file already exists. */
    ALREADY_EXISTS,
    /** The handle belongs to an incarnation of the node that has crashed. */
    STALE_HANDLE
  }

  private final Kind kind;

  public DiskException(Kind kind, String message) {
    super(kind + ": " + message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
