package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryEntry;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.Keyword;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EdnHistoryReaderTest {
  private static History edn(String text) {
    return HistoryReader.readText(text, "t.edn", HistoryFormat.EDN);
  }

  private static Object value(String ednValue) {
    return edn("{:process 0, :type :ok, :f :read, :value " + ednValue + "}").value(0);
  }

  private static HistoryFormatException malformed(String text) {
    return assertThrows(HistoryFormatException.class, () -> edn(text));
  }

  private static void assertError(String text, int line, int column, String message) {
    HistoryFormatException e = malformed(text);
    assertEquals("t.edn", e.source(), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals("t.edn:" + line + ":" + column + ": " + message, e.getMessage());
  }

  private static List<Object> list(Object... items) {
    return Arrays.asList(items);
  }

  private static Keyword kw(String name) {
    return new Keyword(name);
  }

  // --- structure ---------------------------------------------------------------------------

  @Test
  @DisplayName("a vector, a list and a plain series of maps read to the same entries")
  void threeShapes() {
    String a = "{:process 0, :type :invoke, :f :write, :value 1}";
    String b = "{:process 0, :type :ok, :f :write, :value 1}";
    History series = edn(a + "\n" + b + "\n");
    History vector = edn("[" + a + "\n " + b + "]\n");
    History list = edn("(" + a + "\n " + b + ")");
    assertEquals(2, series.size());
    assertEquals(series.entries(), vector.entries());
    assertEquals(series.entries(), list.entries());
    assertEquals(new HistoryEntry(0, Optional.of(0), "0", OpType.INVOKE, "write", 1L, Optional.empty(),
        Optional.empty()), series.entry(0));
  }

  @Test
  @DisplayName("an empty file, a blank file, a comment-only file and an empty vector are empty histories")
  void emptyHistories() {
    assertEquals(0, edn("").size());
    assertEquals(0, edn("  \n\n").size());
    assertEquals(0, edn("; nothing here\n").size());
    assertEquals(0, edn("[]").size());
    assertEquals(0, edn("( )\n; trailing comment").size());
  }

  @Test
  @DisplayName("maps spanning lines keep the line of their opening brace; comments and commas are whitespace")
  void multiLineMapsAndLines() {
    History h = edn("""
        ; a comment line
        [{:type :invoke,
          :f :txn, ; a trailing comment
          :value [[:read :x nil]],
          :process 3,
          :time 7686455705}
         {:type :ok,,, :f :txn, :value [[:read :x 0]], :process 3}]
        """);
    assertEquals(2, h.size());
    assertEquals(2, h.line(0));
    assertEquals(7, h.line(1));
    assertEquals(7686455705L, h.timeNanos(0));
    assertEquals(History.NO_TIME, h.timeNanos(1));
    assertEquals(List.of(list(kw("read"), kw("x"), 0L)), h.value(1));
  }

  @Test
  @DisplayName("non-client processes: :nemesis is named \":nemesis\", a string by its text; errors are kept")
  void nonClientProcesses() {
    History h = edn("""
        {:process :nemesis, :type :info, :f :start, :value #{:n1 :n2}, :error :timeout}
        {:process "nemesis", :type :info, :f :stop, :value nil}
        {:process 4, :type :invoke, :f :acquire}
        {:process 4, :type :fail, :f :acquire, :error :not-held}
        """);
    assertEquals(":nemesis", h.processName(0));
    assertTrue(!h.isClient(0));
    assertEquals(kw("timeout"), h.error(0));
    assertEquals(Set.of(kw("n1"), kw("n2")), h.value(0));
    assertEquals("nemesis", h.processName(1));
    assertTrue(h.isClient(2));
    assertEquals(null, h.value(2), "no :value reads as nil");
    assertEquals(kw("not-held"), h.error(3));
    assertEquals(1, h.operations().size());
    assertEquals(kw("not-held"), h.operations().get(0).error());
  }

  @Test
  @DisplayName("a map without :process belongs to the anonymous client process (Elle's paper example)")
  void anonymousProcess() {
    History h = edn("""
        {:index 0 :type :invoke :value [[:append 253 1]]}
        {:index 1 :type :ok     :value [[:append 253 1]]}
        """);
    assertEquals(HistoryReader.ANONYMOUS_PROCESS, h.process(0));
    assertEquals(1, h.operations().size());
  }

  @Test
  @DisplayName("a map without :f whose value is a transaction is a txn, as Elle reads it")
  void missingFunctionOfTransaction() {
    History h = edn("{:process 0, :type :ok, :value [[:r :x [1 2]] [:append :x 3] [:r :y]]}");
    assertEquals("txn", h.function(0));
    assertEquals("txn", edn("{:process 0, :type :ok, :value []}").function(0));
  }

  @Test
  @DisplayName("a history of completions only reads, and its operations take effect at their completions")
  void completionOnly() {
    History h = edn("""
        {:index 0, :time 0, :type :ok, :process 0, :f :txn, :value [[:append :x 1] [:append :y 1]]}
        {:index 1, :time 0, :type :fail, :process 0, :f :txn, :value [[:append :x 2]]}
        {:index 2, :time 0, :type :info, :process 1, :f :txn, :value [[:r :x [1]]]}
        """);
    List<Operation> ops = h.operations();
    assertEquals(3, ops.size());
    assertEquals(OpType.OK, ops.get(0).completion());
    assertEquals(OpType.FAIL, ops.get(1).completion());
    assertEquals(OpType.INFO, ops.get(2).completion());
    assertEquals(2, ops.get(2).invokeIndex());
    assertEquals(2, ops.get(2).completeIndex());
  }

  @Test
  @DisplayName("other keys are read and ignored; :index is checked and entries are numbered by position")
  void otherKeysIgnored() {
    History h = edn("{:index 17, :node \"n1\", :process 2, :debug {:a [1 2]}, :type :invoke, :f :read}");
    assertEquals(0, h.entry(0).index());
    assertEquals("read", h.function(0));
    assertEquals("read", edn("{:process 2, :type :invoke, :f \"read\"}").function(0), "a string :f");
  }

  @Test
  @DisplayName("a completion with no open invocation surfaces from operations() as an error at its line")
  void pairingErrorHasLine() {
    History h = edn("""
        {:process 0, :type :invoke, :f :read, :value nil}
        {:process 0, :type :ok, :f :read, :value 1}

        {:process 0, :type :ok, :f :read, :value 2}
        """);
    HistoryFormatException e = assertThrows(HistoryFormatException.class, h::operations);
    assertEquals(4, e.line());
    assertTrue(e.getMessage().startsWith("t.edn:4: "), e.getMessage());

    History twice = edn("{:process 5, :type :invoke, :f :read}\n\n{:process 5, :type :invoke, :f :read}");
    assertEquals(3, assertThrows(HistoryFormatException.class, twice::operations).line());
  }

  // --- values ------------------------------------------------------------------------------

  @Test
  @DisplayName("values follow the EDN data model")
  void dataModel() {
    assertEquals(null, value("nil"));
    assertEquals(Boolean.TRUE, value("true"));
    assertEquals(Boolean.FALSE, value("false"));
    assertEquals(42L, value("42"));
    assertEquals(-7L, value("-7"));
    assertEquals(7L, value("+7"));
    assertEquals(12L, value("12N"));
    assertEquals(Long.MIN_VALUE, value("-9223372036854775808"));
    assertEquals(Long.MAX_VALUE, value("9223372036854775807"));
    assertEquals(1.5, value("1.5"));
    assertEquals(-1.5e-3, value("-1.5e-3"));
    assertEquals(2.0E10, value("2E10"));
    assertEquals(Double.POSITIVE_INFINITY, value("##Inf"));
    assertEquals(Double.NEGATIVE_INFINITY, value("##-Inf"));
    assertTrue(Double.isNaN((Double) value("##NaN")));
    assertEquals("a \"quoted\" \\ line\nnext\ttab \u00e9", value("\"a \\\"quoted\\\" \\\\ line\\nnext\\ttab \\u00e9\""));
    assertEquals("multi\nline", value("\"multi\nline\""));
    assertEquals(kw("cas"), value(":cas"));
    assertEquals(kw("ns/name"), value(":ns/name"));
    assertEquals(list(1L, null, list(kw("x"), "s")), value("[1 nil [:x \"s\"]]"));
    assertEquals(list(1L, 2L), value("(1 2)"));
    assertEquals("a", value("\\a"));
    assertEquals("\n", value("\\newline"));
    assertEquals(" ", value("\\space"));
    assertEquals("A", value("\\u0041"));
    assertEquals("2024-01-01T00:00:00Z", value("#inst \"2024-01-01T00:00:00Z\""));
    assertEquals("5a4f3f1c-0000-0000-0000-000000000000", value("#uuid \"5a4f3f1c-0000-0000-0000-000000000000\""));
    assertEquals(list(1L, 3L), value("[1 #_2 3 #_ #_ 4 5]"));
  }

  @Test
  @DisplayName("sets and maps keep the order written and cannot be modified")
  @SuppressWarnings("unchecked")
  void collections() {
    Object set = value("#{3 1 2}");
    assertInstanceOf(Set.class, set);
    assertEquals(List.of(3L, 1L, 2L), List.copyOf((Set<?>) set));
    Object map = value("{:y 0, :x 1, \"s\" [1], 7 nil, [1 2] #{}}");
    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put(kw("y"), 0L);
    expected.put(kw("x"), 1L);
    expected.put("s", List.of(1L));
    expected.put(7L, null);
    expected.put(List.of(1L, 2L), Set.of());
    assertEquals(expected, map);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) map).keySet()));
    assertThrows(UnsupportedOperationException.class, () -> ((Map<Object, Object>) map).put(1L, 2L));
    assertThrows(UnsupportedOperationException.class, () -> ((Set<Object>) set).add(4L));
    List<Object> v = (List<Object>) value("[1 2]");
    assertThrows(UnsupportedOperationException.class, () -> v.set(0, 3L));
  }

  @Test
  @DisplayName("keywords are interned: every :invoke of a history is one object")
  void keywordsInterned() {
    History h = edn("{:process 0, :type :invoke, :f :read, :value :x}\n{:process 1, :type :invoke, :f :read, :value :x}");
    assertSame(h.value(0), h.value(1));
  }

  // --- malformed input: file:line:column and what was expected ------------------------------

  @Test
  @DisplayName("truncated: a vector of maps that is never closed")
  void truncatedVector() {
    assertError("[{:process 0, :type :invoke, :f :read, :value nil}\n", 2, 1,
        "expected an operation map '{' or ']' closing the vector opened at 1:1 but found end of file");
  }

  @Test
  @DisplayName("truncated: a map that is never closed")
  void truncatedMap() {
    assertError("{:process 0, :type :invoke,\n :f :read", 2, 10,
        "expected a key or '}' closing the map opened at 1:1 but found end of file");
  }

  @Test
  @DisplayName("truncated: a value vector that is never closed")
  void truncatedValue() {
    assertError("{:process 0, :type :invoke, :f :cas, :value [1 2", 1, 49,
        "expected a value or ']' closing the vector opened at 1:45 but found end of file");
  }

  @Test
  @DisplayName("truncated: a string that is never closed")
  void truncatedString() {
    assertError("{:process 0, :type :ok, :f :read,\n :value \"abc\n", 3, 1,
        "expected '\"' closing the string that starts at 2:9 but found end of file");
  }

  @Test
  @DisplayName("a map missing :type is an error at its opening brace")
  void missingType() {
    assertError("{:process 0, :type :invoke, :f :read}\n  {:process 0, :f :read, :value 1}", 2, 3,
        "expected :type (:invoke, :ok, :fail or :info) but found no :type in the map at 2:3");
  }

  @Test
  @DisplayName("a map missing :f (and not a transaction) is an error at its opening brace")
  void missingFunction() {
    assertError("\n{:process 0, :type :invoke, :value 3}", 2, 1,
        "expected :f naming the function (such as :f :read) but found no :f in the map at 2:1");
    assertError("{:process 0, :type :invoke, :f nil}", 1, 1,
        "expected :f naming the function (such as :f :read) but found :f nil in the map at 1:1");
  }

  @Test
  @DisplayName("an unknown :type is an error at the value")
  void unknownType() {
    assertError("{:process 0,\n :type :done, :f :read}", 2, 8,
        "expected :type to be :invoke, :ok, :fail or :info but found :done");
  }

  @Test
  @DisplayName("a bare symbol is an error that suggests the keyword")
  void symbol() {
    assertError("{:process 0, :type invoke, :f :read}", 1, 20,
        "expected a value (nil, true, false, a number, a string, a keyword, [...], (...), {...} or #{...}) "
            + "but found the symbol \"invoke\" (symbols are not supported: did you mean :invoke?)");
  }

  @Test
  @DisplayName("an integer beyond 64 bits is an error naming its position")
  void bigInteger() {
    assertError("{:process 0, :type :ok, :f :read, :value 99999999999999999999}", 1, 42,
        "expected an integer from -9223372036854775808 to 9223372036854775807 but found 99999999999999999999 "
            + "(integers beyond 64 bits are not supported)");
  }

  @Test
  @DisplayName("a process that is neither a client number nor a name is an error at the value")
  void badProcess() {
    assertError("{:process -1, :type :ok, :f :read}", 1, 11,
        "expected :process to be a client number from 0 to 2147483647 or a keyword such as :nemesis but found -1");
    assertError("{:process [1], :type :ok, :f :read}", 1, 11,
        "expected :process to be an integer, a keyword such as :nemesis, or a string but found [1]");
  }

  @Test
  @DisplayName("other malformed maps and values")
  void otherMalformed() {
    assertError("{:process 0, :type :ok, :type :ok, :f :read}", 1, 25,
        "expected each key once but found :type again in the map opened at 1:1");
    assertError("{:process 0, :type}", 1, 19, "expected a value for the key :type (map opened at 1:1) but found '}'");
    assertError("{:process 0, :type :ok, :f :read, :time 1.5}", 1, 41,
        "expected :time to be an integer (nanoseconds) but found 1.5");
    assertError("{:process 0, :type :ok, :f :read, :value {:a 1 :a 2}}", 1, 48,
        "expected each key once but found :a again in the map opened at 1:42");
    assertError("{:process 0, :type :ok, :f :read, :value #{1 1}}", 1, 46,
        "expected each element once but found 1 again in the set opened at 1:42");
    assertError("{:process 0, :type :ok, :f :read, :value #object[x 1]}", 1, 42,
        "expected #{ (a set), #inst, #uuid or #_ but found #object (other tagged literals are not supported)");
    assertError("{:process 0, :type :ok, :f :read, :value \"a\\qb\"}", 1, 44,
        "expected an escape \\\", \\\\, \\n, \\t, \\r, \\b, \\f or \\uXXXX but found \\q");
    assertError("{:process 0, :type :ok, :f :read, :value 1.5M}", 1, 42,
        "expected a number that fits a double but found 1.5M (arbitrary-precision decimals are not supported)");
    assertError("{:process 0, :type :ok, :f :read, :value 12ab}", 1, 42,
        "expected a number such as 42, -7 or 1.5e3 but found \"12ab\"");
    assertError("{:process 0, :type :ok, :f :read, :value ::x}", 1, 42,
        "expected a keyword such as :name but found ::x (auto-resolved keywords are Clojure, not EDN)");
    assertError("{:process 0, :type :ok, :f :read, :value " + "[".repeat(600), 1, 42 + 512,
        "expected values nested at most 512 deep but found deeper nesting");
    assertError("{:process 0, :type :ok, :f :read, :value [1 2)}", 1, 46,
        "expected a value or ']' closing the vector opened at 1:42 but found ')'");
  }

  @Test
  @DisplayName("malformed structure around the maps")
  void malformedStructure() {
    assertError("42", 1, 1, "expected an operation map '{', or a vector '[' or list '(' of them but found \"42\"");
    assertError("[{:process 0, :type :ok, :f :read}\n 3]", 2, 2,
        "expected an operation map '{' or ']' closing the vector opened at 1:1 but found \"3\"");
    assertError("[{:process 0, :type :ok, :f :read})", 1, 35,
        "expected an operation map '{' or ']' closing the vector opened at 1:1 but found ')'");
    assertError("[] {:process 0, :type :ok, :f :read}", 1, 4,
        "expected end of file after the vector of operations opened at 1:1 but found '{'");
    assertError("{:process 0, :type :ok, :f :read}\n:extra", 2, 1,
        "expected an operation map '{' or end of file but found \":extra\"");
  }
}
