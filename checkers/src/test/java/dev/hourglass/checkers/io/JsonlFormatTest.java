package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlFormatTest {
  private static History jsonl(String text) {
    return HistoryReader.readText(text, "t.jsonl", HistoryFormat.JSONL);
  }

  private static void assertError(String text, int line, int column, String message) {
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> jsonl(text));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals("t.jsonl:" + line + ":" + column + ": " + message, e.getMessage());
  }

  private static Keyword kw(String name) {
    return new Keyword(name);
  }

  /** Every tricky value: one entry per value, written and read back in both formats. */
  private static History tricky() {
    Map<Object, Object> keywordKeys = new LinkedHashMap<>();
    keywordKeys.put(kw("x"), 0L);
    keywordKeys.put(":y", 1L);
    keywordKeys.put("z", null);
    Map<Object, Object> otherKeys = new LinkedHashMap<>();
    otherKeys.put(1L, "one");
    otherKeys.put(Arrays.asList(kw("a"), null), Set.of());
    Set<Object> set = new LinkedHashSet<>(List.of(3L, kw("n1"), "s"));
    List<Object> values = Arrays.asList(
        null, 0L, -5L, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, 1.0E-300, true, false,
        "", "plain", ":looks-like-a-keyword", "::two-colons", ":", "#set", "line\nbreak \"quoted\" \\ \t \u0001 é 日本",
        kw("read"), kw("ns/name"), kw("a-b?!*"),
        Arrays.asList(kw("r"), kw("x"), null), List.of(), set, Set.of(), keywordKeys, otherKeys, Map.of(),
        Map.of("#set", List.of(1L)), Map.of(kw("set"), 1L), Map.of("#map", 2L),
        List.of(List.of(List.of(Map.of("deep", Set.of(List.of(1L)))))));
    History.Builder b = History.builder("tricky");
    for (int i = 0; i < values.size(); i++) {
      b.add(i % 3, OpType.OK, "f" + (i % 2), values.get(i), i % 2 == 0 ? History.NO_TIME : i * 1000L,
          i % 4 == 0 ? values.get(values.size() - 1 - i) : null, 0);
    }
    b.addNonClient(":nemesis", OpType.INFO, "start", set, 5L, kw("boom"), 0);
    b.addNonClient("nemesis", OpType.INFO, "stop", "x", History.NO_TIME, 0);
    b.addNonClient("::odd name", OpType.INFO, "odd f", null, History.NO_TIME, 0);
    b.add(HistoryReader.ANONYMOUS_PROCESS, OpType.OK, "txn", List.of(), History.NO_TIME, null, 0);
    return b.build();
  }

  @Test
  @DisplayName("keywords, strings with colons, sets and maps of any keys round-trip through JSONL and EDN")
  void trickyValuesRoundTrip() {
    History h = tricky();
    for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
      String text = HistoryWriter.toString(h, format);
      History back = HistoryReader.readText(text, "tricky." + format.cliName(), format);
      assertEquals(h.entries(), back.entries(), format + ":\n" + text);
      for (int i = 0; i < h.size(); i++) {
        Object v = h.value(i);
        Object w = back.value(i);
        assertEquals(v == null ? null : v instanceof Set ? Set.class : v instanceof Map ? Map.class
            : v instanceof List ? List.class : v.getClass(),
            w == null ? null : w instanceof Set ? Set.class : w instanceof Map ? Map.class
            : w instanceof List ? List.class : w.getClass(), "type of entry " + i + " via " + format);
      }
    }
  }

  @Test
  @DisplayName("the JSONL encoding: keywords are \":name\", a string starting with ':' gets another, sets and odd maps are tagged")
  void encoding() {
    History.Builder b = History.builder("enc");
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(kw("x"), 0L);
    m.put("y", ":z");
    b.add(3, OpType.INVOKE, "write", Arrays.asList(kw("append"), ":s", "::t", null, 1.5, m), 123L, null, 0);
    b.add(3, OpType.OK, "write", new LinkedHashSet<>(List.of(1L, 2L)), History.NO_TIME, Map.of(1L, 2L), 0);
    b.addNonClient(":nemesis", OpType.INFO, "start", null, History.NO_TIME, 0);
    assertEquals("""
        {"index":0,"process":3,"type":"invoke","f":"write","value":[":append","::s",":::t",null,1.5,{":x":0,"y":"::z"}],"time":123}
        {"index":1,"process":3,"type":"ok","f":"write","value":{"#set":[1,2]},"error":{"#map":[[1,2]]}}
        {"index":2,"process":":nemesis","type":"info","f":"start","value":null}
        """, HistoryWriter.toString(b.build(), HistoryFormat.JSONL));
    assertEquals("""
        {:index 0, :process 3, :type :invoke, :f :write, :value [:append ":s" "::t" nil 1.5 {:x 0, "y" ":z"}], :time 123}
        {:index 1, :process 3, :type :ok, :f :write, :value #{1 2}, :error {1 2}}
        {:index 2, :process :nemesis, :type :info, :f :start, :value nil}
        """, HistoryWriter.toString(b.build(), HistoryFormat.EDN));
  }

  @Test
  @DisplayName("reading: the issue's example line, string processes, blank lines, absent value and time")
  void reading() {
    History h = jsonl("""
        {"index":0,"process":3,"type":"invoke","f":"write","value":4,"time":123,"error":null}

        {"process":"nemesis","type":"info","f":"kill"}
           \t
        {"type":"ok","f":"write","value":4,"process":3, "extra": {"ignored": [1, 2]}}
        """);
    assertEquals(3, h.size());
    assertEquals(3, h.process(0));
    assertEquals(4L, h.value(0));
    assertEquals(123L, h.timeNanos(0));
    assertEquals(null, h.error(0));
    assertEquals("nemesis", h.processName(1));
    assertEquals(History.NO_TIME, h.timeNanos(1));
    assertEquals(3, h.line(1));
    assertEquals(5, h.line(2));
    assertEquals(1, h.operations().size());
  }

  @Test
  @DisplayName("a process that invokes twice surfaces from operations() at the second invocation's line")
  void pairingErrorHasLine() {
    History h = jsonl("""
        {"process":1,"type":"invoke","f":"read"}

        {"process":1,"type":"invoke","f":"read"}
        """);
    assertEquals(3, assertThrows(HistoryFormatException.class, h::operations).line());
  }

  @Test
  @DisplayName("writing to a file and reading it back")
  void files(@TempDir Path dir) throws Exception {
    History h = tricky();
    for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
      Path file = dir.resolve("h." + format.cliName());
      HistoryWriter.write(h, file, format);
      History back = HistoryReader.read(file, format);
      assertEquals(h.entries(), back.entries());
      assertEquals(file.toString(), back.source());
    }
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"process\":0,\"type\":\"ok\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"nope\",\"f\":\"read\"}\n");
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.read(bad, HistoryFormat.JSONL));
    assertEquals(bad + ":2:21: expected \"type\" to be \"invoke\", \"ok\", \"fail\" or \"info\" but found \"nope\"", e.getMessage());
    Files.write(dir.resolve("latin1.edn"), new byte[] {'{', ':', 'f', ' ', '"', (byte) 0xe9, '"', '}'});
    HistoryFormatException enc = assertThrows(HistoryFormatException.class,
        () -> HistoryReader.read(dir.resolve("latin1.edn"), HistoryFormat.EDN));
    assertTrue(enc.getMessage().contains("expected UTF-8 text"), enc.getMessage());
  }

  @Test
  @DisplayName("the porcupine formats cannot be written; values outside the model are refused with the entry")
  void writerRefusals() {
    assertThrows(IllegalArgumentException.class, () -> HistoryWriter.toString(tricky(), HistoryFormat.PORCUPINE_ETCD));
    History nan = History.builder("n").add(0, OpType.OK, "read", Double.NaN).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HistoryWriter.toString(nan, HistoryFormat.JSONL));
    assertEquals("entry 0 of n: cannot write NaN in JSON; only finite floats can be", e.getMessage());
    assertTrue(Double.isNaN((Double) HistoryReader.readText(HistoryWriter.toString(nan, HistoryFormat.EDN), "n",
        HistoryFormat.EDN).value(0)), "EDN writes ##NaN");
    History object = History.builder("o").add(0, OpType.OK, "read", new Object()).build();
    assertThrows(IllegalArgumentException.class, () -> HistoryWriter.toString(object, HistoryFormat.EDN));
    History badKeyword = History.builder("k").add(0, OpType.OK, "read", new Keyword("a b")).build();
    assertThrows(IllegalArgumentException.class, () -> HistoryWriter.toString(badKeyword, HistoryFormat.EDN));
  }

  @Test
  @DisplayName("malformed JSON lines: line and column of the problem and what was expected")
  void malformed() {
    String ok = "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n";
    assertError(ok + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\"", 2, 36,
        "expected one JSON object per line but found invalid JSON: Unexpected end-of-input: expected close marker "
            + "for Object (start marker at column 1)");
    assertError(ok + "[1, 2]", 2, 1,
        "expected a JSON object {\"process\": .., \"type\": .., \"f\": .., ...} but found an array");
    assertError(ok + "{\"process\":0,\"f\":\"read\"}", 2, 1,
        "expected \"type\" (\"invoke\", \"ok\", \"fail\" or \"info\") but found no \"type\" in the object");
    assertError("{\"process\":0,\"type\":\"ok\"}", 1, 1,
        "expected \"f\" naming the function (such as \"f\":\"read\") but found no \"f\" in the object");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\"} {}", 1, 38,
        "expected end of line after the object but found an object");
    assertError("{\"process\":-2,\"type\":\"ok\",\"f\":\"read\"}", 1, 12,
        "expected \"process\" to be a client number from 0 to 2147483647 or a string such as \":nemesis\" but found -2");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":[1,\":\"]}", 1, 48,
        "expected a keyword \":name\", or \"::\" for the string \":\", but found \":\"");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":123456789012345678901234}", 1, 45,
        "expected an integer from -9223372036854775808 to 9223372036854775807 but found 123456789012345678901234 "
            + "(integers beyond 64 bits are not supported)");
    assertError("{\"process\":0,\"type\":\"ok\",\"type\":\"ok\",\"f\":\"read\"}", 1, 26,
        "expected each member once but found \"type\" again");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"time\":\"soon\"}", 1, 44,
        "expected \"time\" to be an integer (nanoseconds) but found \"soon\"");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":{\"#set\":3}}", 1, 45,
        "expected an array after \"#set\" but found 3");
    assertError("{\"process\":0,\"type\":\"ok\",\"f\":\"\"}", 1, 30,
        "expected \"f\" to be a non-empty string naming the function, such as \"read\", but found \"\"");
  }
}
