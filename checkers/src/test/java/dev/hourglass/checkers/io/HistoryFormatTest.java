package dev.hourglass.checkers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HistoryFormatTest {
  @Test
  @DisplayName("the command-line names parse to their formats and back")
  void names() {
    assertEquals(List.of("jsonl", "edn", "porcupine-etcd", "porcupine-kv"), HistoryFormat.cliNames());
    for (HistoryFormat f : HistoryFormat.values()) {
      assertEquals(f, HistoryFormat.parse(f.cliName()));
    }
    assertEquals(HistoryFormat.PORCUPINE_ETCD, HistoryFormat.parse("porcupine-etcd"));
    assertEquals(List.of(HistoryFormat.JSONL, HistoryFormat.EDN),
        List.of(HistoryFormat.values()).stream().filter(HistoryFormat::isWritable).toList());
  }

  @Test
  @DisplayName("an unknown format name says which names exist")
  void unknownName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryFormat.parse("json"));
    assertEquals("unknown history format 'json'; expected one of jsonl, edn, porcupine-etcd, porcupine-kv",
        e.getMessage());
  }
}
