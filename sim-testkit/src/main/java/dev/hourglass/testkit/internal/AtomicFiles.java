package dev.hourglass.testkit.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files so that a reader (a CI step collecting artifacts, a user tailing the out dir) sees
 * either the old file or the complete new one, never half a file: write a temporary file in the
 * same directory, then move it over the target (atomically where the file system can).
 */
public final class AtomicFiles {
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /** What writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer out) throws IOException;
  }

  /** Writes {@code text} to {@code target} in UTF-8. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text));
  }

  /** Writes what {@code content} produces to {@code target} in UTF-8. */
  public static void write(Path target, Content content) throws IOException {
    Path temp = newTempFile(target, ".tmp");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        content.writeTo(out);
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates an empty file next to {@code target}, named after it and hidden ({@code
   * .trace.txt.<pid>.<n>.tmp}), with the permissions of any new file (Files.createTempFile would
   * make it owner-only, and the artifacts are meant to be read by CI steps and other users).
   */
  public static Path newTempFile(Path target, String suffix) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve("." + target.getFileName() + "." + PID + "." + COUNTER.incrementAndGet() + suffix);
    Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
    return temp;
  }

  /** Moves {@code temp} over {@code target}, atomically if the file system supports it. */
  public static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
