package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every reference history listed in the three MANIFEST.tsv files reads, its counts match the
 * manifest, and it survives a round trip through both writers.
 */
class AnchorHistoriesTest {
  private static final List<String> FOLDERS = List.of("porcupine", "knossos", "elle");

  /** Client counts of a history, as the manifests define them. */
  record Counts(int entries, int nonClient, int ops, int ok, int fail, int info, int processes, Map<String, Integer> fs) {
    static Counts of(History h) {
      int nonClient = 0;
      int[] byType = new int[OpType.values().length];
      IntOpenHashSet processes = new IntOpenHashSet();
      Map<String, Integer> fs = new TreeMap<>();
      for (int i = 0; i < h.size(); i++) {
        if (!h.isClient(i)) {
          nonClient++;
          continue;
        }
        processes.add(h.process(i));
        byType[h.type(i).ordinal()]++;
        if (h.type(i) == OpType.INVOKE) {
          fs.merge(h.function(i), 1, Integer::sum);
        }
      }
      return new Counts(h.size(), nonClient, byType[OpType.INVOKE.ordinal()], byType[OpType.OK.ordinal()],
          byType[OpType.FAIL.ordinal()], byType[OpType.INFO.ordinal()], processes.size(), fs);
    }
  }

  private static History read(String folder, Anchors.Row row) throws IOException {
    assertTrue(Files.isRegularFile(row.file()), "manifest lists a missing file: " + row.file());
    return HistoryReader.read(row.file(), Anchors.formatOf(folder, row.relative()));
  }

  @TestFactory
  @DisplayName("every porcupine history reads with the manifest's ops/ok/fail/info/processes")
  Stream<DynamicTest> porcupineCounts() {
    return Anchors.manifest("porcupine").stream().map(row -> DynamicTest.dynamicTest(row.relative(), () -> {
      History h = read("porcupine", row);
      Counts c = Counts.of(h);
      assertAll(
          () -> assertEquals(row.number("ops"), c.ops(), "ops"),
          () -> assertEquals(row.number("ok"), c.ok(), "ok"),
          () -> assertEquals(row.number("fail"), c.fail(), "fail"),
          () -> assertEquals(row.number("info"), c.info(), "info"),
          () -> assertEquals(row.number("processes"), c.processes(), "processes"),
          () -> assertEquals(0, c.nonClient(), "nonclient"),
          () -> assertEquals(c.ops(), h.operations().size(), "operations after pairing"));
    }));
  }

  @TestFactory
  @DisplayName("every knossos history reads with the manifest's entries/nonclient/ops/ok/fail/info/processes/fs")
  Stream<DynamicTest> knossosCounts() {
    return Anchors.manifest("knossos").stream().map(row -> DynamicTest.dynamicTest(row.relative(), () -> {
      History h = read("knossos", row);
      Counts c = Counts.of(h);
      String fs = c.fs().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
      assertAll(
          () -> assertEquals(row.number("entries"), c.entries(), "entries"),
          () -> assertEquals(row.number("nonclient"), c.nonClient(), "nonclient"),
          () -> assertEquals(row.number("ops"), c.ops(), "ops"),
          () -> assertEquals(row.number("ok"), c.ok(), "ok"),
          () -> assertEquals(row.number("fail"), c.fail(), "fail"),
          () -> assertEquals(row.number("info"), c.info(), "info"),
          () -> assertEquals(row.number("processes"), c.processes(), "processes"),
          () -> assertEquals(row.get("fs"), fs, "invocations per :f"),
          () -> assertEquals(c.ops(), h.operations().size(), "operations after pairing"));
    }));
  }

  @TestFactory
  @DisplayName("every elle history reads with the manifest's entry count")
  Stream<DynamicTest> elleCounts() {
    Set<String> seen = new LinkedHashSet<>();
    return Anchors.manifest("elle").stream().filter(row -> seen.add(row.relative()))
        .map(row -> DynamicTest.dynamicTest(row.relative(), () -> {
          History h = read("elle", row);
          assertEquals(row.number("ops_entries"), h.size(), "entries");
          for (int i = 0; i < h.size(); i++) {
            assertTrue(h.line(i) > 0, "entry " + i + " has a source line");
          }
        }));
  }

  @Test
  @DisplayName("the manifests list every history file in the anchor folders")
  void manifestsAreComplete() throws IOException {
    for (String folder : FOLDERS) {
      Set<String> listed = Anchors.manifest(folder).stream().map(Anchors.Row::relative).collect(Collectors.toSet());
      Path dir = Anchors.root().resolve(folder);
      List<String> onDisk = new ArrayList<>();
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile)
            .map(p -> dir.relativize(p).toString().replace('\\', '/'))
            .filter(p -> p.endsWith(".edn") || p.endsWith(".log") || p.endsWith(".txt"))
            .filter(p -> !p.startsWith("LICENSE"))
            .forEach(onDisk::add);
      }
      List<String> unlisted = onDisk.stream().filter(p -> !listed.contains(p)).sorted().toList();
      assertEquals(List.of(), unlisted, "history files in " + folder + " missing from its MANIFEST.tsv");
    }
  }

  @TestFactory
  @DisplayName("every anchor history round-trips through the JSONL and EDN writers to equal entries")
  Stream<DynamicTest> roundTrips() {
    Set<String> seen = new LinkedHashSet<>();
    return FOLDERS.stream().flatMap(folder -> Anchors.manifest(folder).stream()
        .filter(row -> seen.add(folder + "/" + row.relative()))
        .flatMap(row -> Stream.of(HistoryFormat.JSONL, HistoryFormat.EDN).map(format ->
            DynamicTest.dynamicTest(folder + "/" + row.relative() + " via " + format, () -> {
              History h = read(folder, row);
              String text = HistoryWriter.toString(h, format);
              History back = HistoryReader.readText(text, row.relative() + "." + format.cliName(), format);
              assertEquals(h.size(), back.size(), "entries");
              assertEquals(h.entries(), back.entries(), "entries after " + format + " round trip");
              assertEquals(text, HistoryWriter.toString(back, format), "writing the re-read history gives the same text");
              for (int i = 0; i < back.size(); i++) {
                assertEquals(i + 1, back.line(i), "one entry per line, entry " + i);
              }
            }))));
  }

  @Test
  @DisplayName("operations of a Porcupine etcd log: a timed-out completion keeps the invocation's value")
  void etcdTimedOutKeepsInvocationValue() throws IOException {
    Anchors.Row row = Anchors.manifest("porcupine").stream().filter(r -> r.relative().equals("jepsen/etcd_001.log"))
        .findFirst().orElseThrow();
    History h = read("porcupine", row);
    List<Operation> infos = h.operations().stream().filter(Operation::isIndeterminate).toList();
    assertTrue(!infos.isEmpty(), "etcd_001 has :info operations");
    for (Operation op : infos) {
      assertEquals(op.invokeValue(), op.value(), op.describe());
      if (op.completeIndex() >= 0) {
        assertEquals(null, h.value((int) op.completeIndex()), ":timed-out reads as nil");
      }
    }
  }
}
