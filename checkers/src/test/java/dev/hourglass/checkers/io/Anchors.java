package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference histories in ../shared/anchors (porcupine, knossos, elle), each folder with a
 * MANIFEST.tsv. Surefire runs in checkers/, so the folder is ../../shared/anchors; the system
 * property {@code hourglass.anchors} overrides it.
 */
public final class Anchors {
  private Anchors() {}

  public static Path root() {
    String override = System.getProperty("hourglass.anchors");
    Path root = override != null ? Path.of(override) : Path.of("..", "..", "shared", "anchors");
    assertTrue(Files.isDirectory(root), "reference histories not found at " + root.toAbsolutePath().normalize()
        + " (expected the shared anchors folder two levels above checkers/, or -Dhourglass.anchors=DIR)");
    return root;
  }

  /** One MANIFEST.tsv row, by column name. */
  public record Row(Path file, String relative, Map<String, String> columns) {
    public String get(String column) {
      return columns.get(column);
    }

    public boolean has(String column) {
      String v = columns.get(column);
      return v != null && !v.isEmpty() && !v.equals("-");
    }

    public long number(String column) {
      return Long.parseLong(columns.get(column));
    }
  }

  /** The rows of {@code <folder>/MANIFEST.tsv}, one per line after the header. */
  public static List<Row> manifest(String folder) {
    Path dir = root().resolve(folder);
    Path manifest = dir.resolve("MANIFEST.tsv");
    assertTrue(Files.isRegularFile(manifest), "missing " + manifest.toAbsolutePath().normalize());
    try {
      List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split("\t", -1);
      List<Row> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          columns.put(header[i], i < cells.length ? cells[i] : "");
        }
        rows.add(new Row(dir.resolve(cells[0]), cells[0], columns));
      }
      assertTrue(!rows.isEmpty(), "no rows in " + manifest + "; header " + Arrays.toString(header));
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The format of an anchor file, from where it lives. */
  public static HistoryFormat formatOf(String folder, String relative) {
    if (folder.equals("porcupine")) {
      return relative.startsWith("kv/") ? HistoryFormat.PORCUPINE_KV : HistoryFormat.PORCUPINE_ETCD;
    }
    return HistoryFormat.EDN;
  }
}
