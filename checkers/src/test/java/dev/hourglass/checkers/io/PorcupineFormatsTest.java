package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.OpType;
import dev.hourglass.checkers.Operation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PorcupineFormatsTest {
  private static History etcd(String text) {
    return HistoryReader.readText(text, "etcd_001.log", HistoryFormat.PORCUPINE_ETCD);
  }

  private static History kv(String text) {
    return HistoryReader.readText(text, "c01-ok.txt", HistoryFormat.PORCUPINE_KV);
  }

  private static void assertError(HistoryFormat format, String source, String text, int line, int column, String message) {
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> HistoryReader.readText(text, source, format));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(source + ":" + line + ":" + column + ": " + message, e.getMessage());
  }

  private static void etcdError(String text, int line, int column, String message) {
    assertError(HistoryFormat.PORCUPINE_ETCD, "etcd_001.log", text, line, column, message);
  }

  @Test
  @DisplayName("etcd log: tabs or runs of spaces, every value shape, functions without colon")
  void etcdLines() {
    History h = etcd("""
        INFO  jepsen.util - 0\t:invoke\t:read\tnil
        INFO  jepsen.util - 1   :invoke :cas    [1 2]
        INFO  jepsen.util - 0\t:ok\t:read\t3
        INFO  jepsen.util - 1\t:info\t:cas\t:timed-out
        INFO  jepsen.util - 6\t:invoke\t:write\t4

        INFO  jepsen.util - 6\t:fail\t:write\t4
        """);
    assertEquals(6, h.size());
    assertEquals(null, h.value(0));
    assertEquals(List.of(1L, 2L), h.value(1));
    assertEquals("cas", h.function(1));
    assertEquals(3L, h.value(2));
    assertEquals(null, h.value(3));
    assertEquals(OpType.INFO, h.type(3));
    assertEquals(7, h.line(5));
    List<Operation> ops = h.operations();
    assertEquals(3, ops.size());
    assertEquals(3L, ops.get(0).value());
    assertEquals(List.of(1L, 2L), ops.get(1).value(), "the timed-out cas keeps its invocation's value");
    assertEquals(OpType.INFO, ops.get(1).completion());
  }

  @Test
  @DisplayName("etcd log: a completion with no invocation surfaces from operations() at its line")
  void etcdPairingError() {
    History h = etcd("""
        INFO  jepsen.util - 0\t:invoke\t:read\tnil
        INFO  jepsen.util - 0\t:ok\t:read\tnil
        INFO  jepsen.util - 0\t:ok\t:read\t1
        """);
    HistoryFormatException e = assertThrows(HistoryFormatException.class, h::operations);
    assertEquals(3, e.line());
    assertEquals("etcd_001.log", e.source());
  }

  @Test
  @DisplayName("an empty etcd log is an empty history")
  void etcdEmpty() {
    assertEquals(0, etcd("").size());
    assertEquals(0, etcd("\n\n").size());
  }

  @Test
  @DisplayName("etcd log: a bad value is reported at its column with the shapes expected")
  void etcdBadValue() {
    String line = "INFO  jepsen.util - 4\t:invoke\t:write\t0\n";
    etcdError(line.repeat(16) + "INFO  jepsen.util - 12\t:ok\t:write\t   foo\n", 17, 38,
        "expected nil, an integer, [a b] or :timed-out but found \"foo\"");
  }

  @Test
  @DisplayName("etcd log: a non-integer process, an unknown type or function, a malformed pair, missing or extra fields")
  void etcdMalformed() {
    etcdError("INFO  jepsen.util - :nemesis\t:info\t:start\tnil", 1, 21,
        "expected a process (an integer >= 0) but found \":nemesis\"");
    etcdError("INFO  jepsen.util - -1\t:ok\t:read\tnil", 1, 21, "expected a process (an integer >= 0) but found \"-1\"");
    etcdError("INFO  jepsen.util - 99999999999\t:ok\t:read\tnil", 1, 21,
        "expected a process from 0 to 2147483647 but found \"99999999999\"");
    etcdError("\nINFO  jepsen.util - 1\t:done\t:read\tnil", 2, 23,
        "expected :invoke, :ok, :fail or :info but found \":done\"");
    etcdError("INFO  jepsen.util - 1\t:ok\t:get\tnil", 1, 27, "expected :read, :write or :cas but found \":get\"");
    etcdError("INFO  jepsen.util - 1\t:ok\t:cas\t[1 x]", 1, 35,
        "expected the second integer of [a b] but found \"x\"");
    etcdError("INFO  jepsen.util - 1\t:ok\t:cas\t[1]", 1, 34,
        "expected the second integer of [a b] but found \"]\"");
    etcdError("INFO  jepsen.util - 1\t:ok\t:cas\t[1 2", 1, 36,
        "expected ']' closing the [a b] opened at column 32 but found end of line");
    etcdError("INFO  jepsen.util - 1\t:ok\t:cas\t[1 2 3]", 1, 37,
        "expected ']' closing the [a b] opened at column 32 but found \"3\"");
    etcdError("INFO  jepsen.util - 1\t:ok\t:read", 1, 32,
        "expected nil, an integer, [a b] or :timed-out but found end of line");
    etcdError("INFO  jepsen.util - 1\t:ok\t:read\t3 4", 1, 35, "expected end of line after the value but found \"4\"");
    etcdError("WARN  jepsen.util - 1\t:ok\t:read\t3", 1, 1,
        "expected \"INFO\" (a line is 'INFO  jepsen.util - <process> <type> <f> <value>') but found \"WARN\"");
    etcdError("INFO  jepsen.core - 1\t:ok\t:read\t3", 1, 7,
        "expected \"jepsen.util\" (a line is 'INFO  jepsen.util - <process> <type> <f> <value>') but found \"jepsen.core\"");
  }

  @Test
  @DisplayName("kv log: each value becomes the independent tuple [key value]")
  void kvLines() {
    History h = kv("""
        {:process 0, :type :invoke, :f :get, :key "3", :value nil}
        {:process 0, :type :ok, :f :get, :key "3", :value ""}
        {:process 1, :type :invoke, :f :append, :key "0", :value "x 1 0 y"}
        {:process 1, :type :ok, :f :append, :key "0", :value "x 1 0 y"}
        """);
    assertEquals(Arrays.asList("3", null), h.value(0));
    assertEquals(List.of("3", ""), h.value(1));
    assertEquals("append", h.function(2));
    assertEquals(List.of("0", "x 1 0 y"), h.operations().get(1).value());
  }

  @Test
  @DisplayName("kv log: missing :key, an unknown function, a non-client process, a truncated line")
  void kvMalformed() {
    String ok = "{:process 0, :type :invoke, :f :get, :key \"3\", :value nil}\n";
    assertError(HistoryFormat.PORCUPINE_KV, "c01-ok.txt", ok + "{:process 0, :type :ok, :f :get, :value \"\"}", 2, 1,
        "expected :key (such as :key \"0\") but found no :key in the map at 2:1");
    assertError(HistoryFormat.PORCUPINE_KV, "c01-ok.txt", "{:process 0, :type :ok, :f :cas, :key \"1\", :value nil}",
        1, 28, "expected :f to be :get, :put or :append but found :cas");
    assertError(HistoryFormat.PORCUPINE_KV, "c01-ok.txt", "{:process :nemesis, :type :info, :f :get, :key \"1\"}",
        1, 11, "expected :process to be a client number from 0 to 2147483647 but found :nemesis");
    assertError(HistoryFormat.PORCUPINE_KV, "c01-ok.txt", ok + "{:process 0, :type :ok, :f :get, :key \"3\", :value \"x",
        2, 53, "expected '\"' closing the string that starts at 2:51 but found end of file");
  }
}
