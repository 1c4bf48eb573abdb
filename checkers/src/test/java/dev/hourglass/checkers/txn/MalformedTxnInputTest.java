package dev.hourglass.checkers.txn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hourglass.checkers.History;
import dev.hourglass.checkers.HistoryFormatException;
import dev.hourglass.checkers.io.HistoryFormat;
import dev.hourglass.checkers.io.HistoryReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transactions of the wrong shape are input errors that name the file and line, say what was
 * found and what the workload expects; the checker never guesses.
 */
class MalformedTxnInputTest {
  private static HistoryFormatException reject(Workload w, String secondLine) {
    String good = w == Workload.LIST_APPEND ? "{:process 0 :type :ok :f :txn :value [[:append :x 1]]}\n"
        : "{:process 0 :type :ok :f :txn :value [[:w :x 1]]}\n";
    History h = HistoryReader.readText(good + secondLine + "\n", "t.edn", HistoryFormat.EDN);
    return assertThrows(HistoryFormatException.class, () -> TxnChecker.check(h, w));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value 3} | expected a transaction",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:append :x]]} | [:append :x] has no value",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:append :x 1 2]]} | has the wrong shape",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [3]} | micro-op 3 has the wrong shape",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:w :x 1]]} | has function :w",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:r :x 3]]} | should return a list",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:r :x [1 [2]]]]} | list elements are the appended values",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:append [1 2] 3]]} | has key [1 2]",
      "LIST_APPEND | {:process 1 :type :ok :f :txn :value [[:append :x nil]]} | writes nil",
      "RW_REGISTER | {:process 1 :type :ok :f :txn :value [[:append :x 1]]} | has function :append",
      "RW_REGISTER | {:process 1 :type :ok :f :txn :value [[:w :x [1]]]} | has value [1]",
      "RW_REGISTER | {:process 1 :type :ok :f :txn :value [[:w :x nil]]} | writes nil",
      "RW_REGISTER | {:process 1 :type :ok :f :txn :value [[:r nil 1]]} | has key nil",
  })
  @DisplayName("a micro-op of the wrong shape is an error naming the line")
  void wrongShape(Workload w, String line, String expected) {
    HistoryFormatException e = reject(w, line);
    assertTrue(e.getMessage().startsWith("t.edn:2: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  @DisplayName("list-append: the same value appended to a key by two invocations names both entries")
  void duplicateAppends() {
    History h = HistoryReader.readText("""
        {:process 0 :type :invoke :value [[:append :x 1] [:r :y nil]]}
        {:process 0 :type :ok :value [[:append :x 1] [:r :y nil]]}
        {:process 1 :type :invoke :value [[:append :y 2] [:append :x 1]]}
        {:process 1 :type :ok :f :txn :value [[:append :y 2] [:append :x 1]]}
        """, "dup.edn", HistoryFormat.EDN);
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TxnChecker.check(h, Workload.LIST_APPEND));
    assertTrue(e.getMessage().startsWith("dup.edn:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("value 1 is appended to key :x by two invocations, entries 0 (line 1) and 2"),
        e.getMessage());
  }

  @Test
  @DisplayName("a malformed invocation is rejected too, at its own line")
  void malformedInvocation() {
    History h = HistoryReader.readText("""
        {:process 0 :type :invoke :value [[:append :x]]}
        {:process 0 :type :ok :value [[:append :x 1]]}
        """, "inv.edn", HistoryFormat.EDN);
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TxnChecker.check(h, Workload.LIST_APPEND));
    assertTrue(e.getMessage().startsWith("inv.edn:1: "), e.getMessage());
  }

  @Test
  @DisplayName("JSON Lines histories are checked the same way: keywords as \":r\", keys as strings or integers")
  void jsonLines() {
    History h = HistoryReader.readText("""
        {"process":0,"type":"ok","f":"txn","value":[[":append","x",1],[":append",7,1]]}
        {"process":0,"type":"ok","f":"txn","value":[[":append","x",2],[":append",7,2]]}
        {"process":0,"type":"ok","f":"txn","value":[[":r","x",[1,2]],[":r",7,[2,1]]]}
        """, "h.jsonl", HistoryFormat.JSONL);
    TxnResult r = TxnChecker.check(h, Workload.LIST_APPEND, TxnOptions.fromEdn("{:consistency-models [:read-uncommitted]}"));
    Expect.result(r, Validity.INVALID, java.util.List.of("G0"), "read-uncommitted");
    History bad = HistoryReader.readText("{\"process\":0,\"type\":\"ok\",\"f\":\"txn\",\"value\":[[\":r\",\"x\",3]]}\n", "b.jsonl",
        HistoryFormat.JSONL);
    HistoryFormatException e = assertThrows(HistoryFormatException.class, () -> TxnChecker.check(bad, Workload.LIST_APPEND));
    assertTrue(e.getMessage().startsWith("b.jsonl:1: "), e.getMessage());
  }
}
